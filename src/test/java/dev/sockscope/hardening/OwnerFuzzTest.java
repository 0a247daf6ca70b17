package dev.sockscope.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Holder;
import dev.sockscope.owner.Owners;
import dev.sockscope.owner.ProcOwnerResolver;
import dev.sockscope.owner.UserNames;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The owner resolver over fake {@code /proc} trees whose {@code [pid]/comm}, {@code cmdline},
 * {@code status} and {@code fd/*} links are real ones (this JVM's) mutated: damaged lines,
 * invalid UTF-8, terminal escapes, 1 MiB contents, empty, missing, or a directory in place of
 * the file; {@code fd} missing or a plain file; pid directories that are not canonical pids;
 * fd links that almost read {@code socket:[N]}. Each case's holders must be exactly what the
 * documented contract gives (computed here independently), the hidden count exact, and no
 * exception may escape. {@code -Dsockscope.fuzz.scale} scales the case count.
 */
@Tag("fuzz")
class OwnerFuzzTest {
    static final int CASES = (int) (3_000 * TableFuzzTest.SCALE);
    static final int MAX_SMALL = 64 * 1024;
    static final int MAX_CMDLINE = 256 * 1024;

    private static final String[] ODD_LINKS = {
        "socket:[",
        "socket:[]",
        "socket:[12",
        "socket:12]",
        "socket:[-5]",
        "socket:[+5]",
        "socket:[0x1f]",
        "socket:[99999999999999999999]",
        "socket:[9223372036854775808]",
        "socket:[ 7]",
        "socket:[7] ",
        "Socket:[7]",
        "pipe:[7]",
        "anon_inode:[eventfd]",
        "/dev/null",
        "socket:[0]",
        "socket:[7]\n",
        "socket:[\u0661\u0662]",
        "socket:[9223372036854775807]",
        "socket:[00000000000000000042]",
    };
    private static final String[] ODD_DIRS = {
        "0", "012", "self", "12a", "-3", "+4", "4294967296", "2147483648", "99999999999", "\u0661\u0662", "net", " 5"
    };

    @Test
    void holdersAreExactlyWhatTheFilesSay() throws Exception {
        FuzzStats stats = new FuzzStats("owner-fuzz");
        UserNames users = new UserNames(resource("owner/passwd"));
        byte[] realComm = "java\n".getBytes(StandardCharsets.UTF_8);
        byte[] realCmdline = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        byte[] realStatus = Files.readAllBytes(Path.of("/proc/self/status"));
        Path base = Files.createTempDirectory(
                Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : "/tmp"), "sockscope-owner-fuzz-");
        try {
            for (int c = 0; c < CASES; c++) {
                SplittableRandom r = new SplittableRandom(TableFuzzTest.SEED * 43 + c);
                Path root = Files.createDirectory(base.resolve("c" + c));
                try {
                    runCase(c, r, root, users, realComm, realCmdline, realStatus, stats);
                } finally {
                    delete(root);
                }
            }
        } finally {
            delete(base);
        }
        stats.report("");
        assertTrue(stats.get("cases") == CASES);
    }

    private static void runCase(
            int c,
            SplittableRandom r,
            Path root,
            UserNames users,
            byte[] comm,
            byte[] cmdline,
            byte[] status,
            FuzzStats stats)
            throws IOException {
        Map<Long, TreeMap<Integer, Holder>> want = new HashMap<>();
        Set<Long> asked = new LinkedHashSet<>();
        int hidden = 0;
        int procs = 1 + r.nextInt(6);
        Set<Integer> used = new java.util.HashSet<>();
        for (int p = 0; p < procs; p++) {
            int pid = 1 + r.nextInt(r.nextBoolean() ? 50 : Integer.MAX_VALUE - 1);
            if (!used.add(pid)) {
                continue;
            }
            Path dir = Files.createDirectory(root.resolve(Integer.toString(pid)));
            byte[] commBytes = file(dir, "comm", comm, r, stats);
            byte[] cmdBytes = file(dir, "cmdline", cmdline, r, stats);
            byte[] statusBytes = file(dir, "status", status, r, stats);
            int fdMode = r.nextInt(100);
            if (fdMode < 4) {
                stats.inc("fdMissing");
                continue; // the process is gone as far as the resolver can tell
            }
            if (fdMode < 8) {
                Files.write(dir.resolve("fd"), new byte[] {1});
                stats.inc("fdNotADirectory");
                hidden++;
                continue;
            }
            Path fd = Files.createDirectory(dir.resolve("fd"));
            Set<Long> held = new LinkedHashSet<>();
            int fds = r.nextInt(8);
            for (int f = 0; f < fds; f++) {
                String target;
                int kind = r.nextInt(10);
                if (kind < 6) {
                    long inode = 1 + r.nextInt(40); // small range: processes share sockets
                    target = "socket:[" + inode + "]";
                } else if (kind < 9) {
                    target = ODD_LINKS[r.nextInt(ODD_LINKS.length)];
                } else {
                    target = "/tmp/file" + f;
                }
                Files.createSymbolicLink(fd.resolve(Integer.toString(f)), Path.of(target));
                long inode = socketInode(target);
                if (inode > 0) {
                    held.add(inode);
                }
                stats.inc("fdLinks");
            }
            if (held.isEmpty()) {
                continue;
            }
            int uid = realUid(statusBytes);
            Holder h = new Holder(pid, text(commBytes, MAX_SMALL, true), cmd(cmdBytes), uid, users.nameOf(uid));
            for (long inode : held) {
                want.computeIfAbsent(inode, k -> new TreeMap<>()).put(pid, h);
            }
        }
        for (int k = r.nextInt(3); k > 0; k--) {
            String odd = ODD_DIRS[r.nextInt(ODD_DIRS.length)];
            if (Files.exists(root.resolve(odd))) {
                continue;
            }
            Path dir = Files.createDirectories(root.resolve(odd).resolve("fd"));
            Files.createSymbolicLink(dir.resolve("3"), Path.of("socket:[1]"));
            stats.inc("nonPidDirectories");
        }
        for (long i = 0; i < 45; i++) {
            if (r.nextInt(3) > 0) {
                asked.add(i);
            }
        }
        asked.add(9223372036854775807L);
        long[] inodes = asked.stream().mapToLong(Long::longValue).toArray();
        ProcOwnerResolver resolver = new ProcOwnerResolver(root, users, 1 + r.nextInt(3));
        // twice: the second call exercises the reuse path of one resolver
        for (int call = 0; call < 2; call++) {
            Owners got;
            try {
                got = resolver.resolve(inodes);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("seed " + TableFuzzTest.SEED + " case " + c + " call " + call + ": " + e, e);
            }
            for (long inode : inodes) {
                List<Holder> expected = want.containsKey(inode)
                        ? new ArrayList<>(want.get(inode).values())
                        : List.of();
                assertEquals(
                        expected,
                        got.holdersOf(inode),
                        "seed " + TableFuzzTest.SEED + " case " + c + " inode " + inode);
            }
            assertEquals(hidden, got.hiddenProcesses(), "seed " + TableFuzzTest.SEED + " case " + c);
        }
        stats.inc("cases");
        stats.add("holdersChecked", want.values().stream().mapToInt(Map::size).sum());
    }

    /**
     * Writes {@code name} in {@code dir}: the real bytes, mutated, or an odd form; returns what a
     * reader finds there, null when it is missing or unreadable.
     */
    private static byte[] file(Path dir, String name, byte[] real, SplittableRandom r, FuzzStats stats)
            throws IOException {
        int roll = r.nextInt(100);
        Path f = dir.resolve(name);
        byte[] data;
        if (roll < 5) {
            stats.inc(name + ".missing");
            return null;
        } else if (roll < 8) {
            Files.createDirectory(f);
            stats.inc(name + ".directory");
            return null;
        } else if (roll < 11) {
            data = new byte[0];
        } else if (roll < 13) {
            data = new byte[(1 << 20) + r.nextInt(100)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) ("Uid:\t7 \n\0\u00ffx".charAt(r.nextInt(11)));
            }
            stats.inc(name + ".mib");
        } else if (roll < 55) {
            data = real;
        } else if (roll < 70 && name.equals("status")) {
            data = uidLine(real, r);
        } else {
            data = mutateLines(real, r);
            stats.inc(name + ".mutated");
        }
        Files.write(f, data);
        return data;
    }

    private static final String[] UIDS = {
        "Uid:\t-1\t0\t0\t0",
        "Uid:\t4294967296\t0",
        "Uid:\t2147483648\t0",
        "Uid:\t2147483647\t0",
        "Uid:\t\t",
        "Uid:",
        "Uid:0",
        "Uid:\t12a\t0",
        "uid:\t5\t5",
        "Uid:\t0012\t1",
        "Uid:  65534 1",
        "Uid:\t00000000001\t0",
        "Uid:\t1\r",
        "Uid:\u001b[2J\t1",
        "Uid:\t99999999999"
    };

    /** The status with its Uid line replaced, or a second Uid line before it. */
    private static byte[] uidLine(byte[] status, SplittableRandom r) {
        String s = new String(status, StandardCharsets.ISO_8859_1);
        String odd = UIDS[r.nextInt(UIDS.length)];
        int at = s.indexOf("\nUid:");
        int end = s.indexOf('\n', at + 1);
        String out = r.nextBoolean()
                ? s.substring(0, at + 1) + odd + s.substring(end)
                : s.substring(0, at + 1) + odd + "\n" + s.substring(at + 1);
        return out.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] mutateLines(byte[] real, SplittableRandom r) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= real.length; i++) {
            if (i == real.length || real[i] == '\n') {
                lines.add(Arrays.copyOfRange(real, start, i));
                start = i + 1;
            }
        }
        for (int k = 1 + r.nextInt(3); k > 0; k--) {
            int i = r.nextInt(lines.size());
            lines.set(i, Mutator.apply(Mutator.randomKind(r), lines.get(i), r));
        }
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                b.write('\n');
            }
            b.writeBytes(lines.get(i));
        }
        return b.toByteArray();
    }

    // ---- the documented contract, written out independently ----

    /** {@code socket:[N]} with N 1..19 decimal digits fitting a long, else -1. */
    static long socketInode(String link) {
        if (!link.startsWith("socket:[") || !link.endsWith("]")) {
            return -1;
        }
        String n = link.substring(8, link.length() - 1);
        if (n.isEmpty() || n.length() > 19 || !n.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return -1;
        }
        java.math.BigInteger v = new java.math.BigInteger(n);
        return v.bitLength() < 64 ? v.longValue() : -1;
    }

    /** UTF-8 text of at most {@code max} bytes, without one trailing newline (comm). */
    static String text(byte[] b, int max, boolean dropNewline) {
        if (b == null) {
            return "";
        }
        int n = Math.min(b.length, max);
        if (dropNewline && n > 0 && b[n - 1] == '\n') {
            n--;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** cmdline: at most 256 KiB, trailing NULs dropped, other NULs as spaces. */
    static String cmd(byte[] b) {
        if (b == null) {
            return "";
        }
        byte[] c = Arrays.copyOf(b, Math.min(b.length, MAX_CMDLINE));
        int n = c.length;
        while (n > 0 && c[n - 1] == 0) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            if (c[i] == 0) {
                c[i] = ' ';
            }
        }
        return new String(c, 0, n, StandardCharsets.UTF_8);
    }

    /** The first number of the first {@code Uid:} line in the first 64 KiB, else -1. */
    static int realUid(byte[] status) {
        if (status == null) {
            return -1;
        }
        String s = new String(status, 0, Math.min(status.length, MAX_SMALL), StandardCharsets.ISO_8859_1);
        for (String line : s.split("\n", -1)) {
            if (!line.startsWith("Uid:")) {
                continue;
            }
            String rest = line.substring(4).replaceFirst("^[ \t]*", "");
            int d = 0;
            while (d < rest.length() && rest.charAt(d) >= '0' && rest.charAt(d) <= '9') {
                d++;
            }
            boolean ends = d == rest.length() || rest.charAt(d) == ' ' || rest.charAt(d) == '\t';
            if (d == 0 || d > 10 || !ends) {
                return -1;
            }
            long v = Long.parseLong(rest.substring(0, d));
            return v <= Integer.MAX_VALUE ? (int) v : -1;
        }
        return -1;
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(OwnerFuzzTest.class.getClassLoader().getResource(name).toURI());
    }

    static void delete(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
