package dev.sockscope.hardening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockscope.service.BundledServiceRegistry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bundled port table's parser and the ephemeral range reader over mutated copies of their
 * real inputs. The table's parser ({@code PortTable.parse(byte[])}) is package-private and only
 * ever sees the bundled resource at run time; it is reached here by reflection, the one seam it
 * has. Every name lookup for the ports a case touched, the row count and the skipped count must
 * be exactly what the documented row format gives, computed here independently.
 */
@Tag("fuzz")
class PortTableFuzzTest {
    static final int TABLE_CASES = (int) (1_500 * TableFuzzTest.SCALE);
    static final int RANGE_CASES = (int) (20_000 * TableFuzzTest.SCALE);

    @Test
    void portTableRowsAndSkippedCountFollowTheFormat() throws Exception {
        FuzzStats stats = new FuzzStats("port-table-fuzz");
        Class<?> table = Class.forName("dev.sockscope.service.PortTable");
        Method parse = table.getDeclaredMethod("parse", byte[].class);
        Method name = table.getDeclaredMethod("name", boolean.class, int.class);
        Method iana = table.getDeclaredMethod("ianaName", boolean.class, int.class);
        Method source = table.getDeclaredMethod("source", boolean.class, int.class);
        Method rows = table.getDeclaredMethod("rows");
        Method skipped = table.getDeclaredMethod("skippedRows");
        for (Method m : new Method[] {parse, name, iana, source, rows, skipped}) {
            m.setAccessible(true);
        }
        byte[] real;
        try (InputStream in = table.getResourceAsStream("ports.tsv")) {
            real = in.readAllBytes();
        }
        List<byte[]> lines = Captured.lines(real);
        for (int c = 0; c < TABLE_CASES; c++) {
            SplittableRandom r = new SplittableRandom(TableFuzzTest.SEED * 53 + c);
            TreeSet<Integer> touched = new TreeSet<>();
            byte[] data = mutate(lines, r, touched, stats);
            Map<Integer, String[]> tcp = new HashMap<>();
            Map<Integer, String[]> udp = new HashMap<>();
            int[] counts = oracle(data, tcp, udp);
            String at = "seed " + TableFuzzTest.SEED + " case " + c;
            Object t;
            try {
                t = parse.invoke(null, (Object) data);
            } catch (java.lang.reflect.InvocationTargetException e) {
                FuzzStats.keep("ports-" + TableFuzzTest.SEED + "-" + c + ".tsv", data);
                throw new AssertionError(at + ": " + e.getCause(), e.getCause());
            }
            assertEquals(counts[0], rows.invoke(t), at + " rows");
            assertEquals(counts[1], skipped.invoke(t), at + " skipped");
            for (int k = 0; k < 20; k++) {
                touched.add(r.nextInt(65536));
            }
            for (int port : touched) {
                String[] wt = tcp.getOrDefault(port, new String[3]);
                String[] wu = udp.getOrDefault(port, new String[3]);
                assertArrayEquals(
                        wt,
                        new Object[] {
                            name.invoke(t, false, port),
                            iana.invoke(t, false, port),
                            label(source.invoke(t, false, port))
                        },
                        at + " tcp " + port);
                assertArrayEquals(
                        wu,
                        new Object[] {
                            name.invoke(t, true, port), iana.invoke(t, true, port), label(source.invoke(t, true, port))
                        },
                        at + " udp " + port);
            }
            stats.inc("cases");
            stats.add("portsChecked", touched.size());
            stats.add("skippedRows", counts[1]);
        }
        stats.report("");
    }

    private static final String[] PORTS = {"", "65535", "65536", "99999", "000080", "00080", "-1", "+80", "8O", " 80"};
    private static final String[] PROTOS = {"tcp", "udp", "tcp+udp", "TCP", "udp+tcp", "", "sctp", "tcp+"};
    private static final String[] SOURCES = {"netbase", "seed", "overlay", "iana", "IANA", "", "netbase ", "seeds", "-"
    };

    /** A {@code NameSource} as its table word, or null. */
    private static String label(Object source) {
        return source == null ? null : ((dev.sockscope.service.NameSource) source).label();
    }

    private static final String[] NAMES = {
        "", "-", "a".repeat(63), "a".repeat(64), "x y", "\u001b[2J", "caf\u00e9", "ok.name_+*/-", "http", "tab\u0000"
    };

    /** The real table with 1..30 lines damaged, added (possibly duplicating a port) or removed. */
    private static byte[] mutate(List<byte[]> lines, SplittableRandom r, TreeSet<Integer> touched, FuzzStats stats) {
        List<byte[]> out = new ArrayList<>(lines);
        for (int k = 1 + r.nextInt(30); k > 0; k--) {
            int i = r.nextInt(out.size());
            byte[] line = out.get(i);
            int roll = r.nextInt(100);
            byte[] changed;
            if (roll < 35) {
                changed = Mutator.apply(Mutator.randomKind(r), line, r);
            } else if (roll < 75) {
                String[] f = new String(line, StandardCharsets.ISO_8859_1).split("\t", -1);
                int field = r.nextInt(Math.max(1, f.length + 1));
                String[] pool = field == 0 ? PORTS : field == 1 ? PROTOS : field == 2 ? SOURCES : NAMES;
                List<String> g = new ArrayList<>(List.of(f));
                if (field < g.size()) {
                    g.set(field, pool[r.nextInt(pool.length)]);
                } else {
                    g.add(pool[r.nextInt(pool.length)]);
                }
                changed = String.join("\t", g).getBytes(StandardCharsets.UTF_8);
            } else if (roll < 85) {
                changed = line; // duplicate the row: the copy must be skipped
                out.add(i, line);
            } else if (roll < 90) {
                changed = Mutator.splice(line, line.length, line.length, new byte[] {'\r'});
            } else if (roll < 92) {
                changed = new byte[(1 << 20)];
                java.util.Arrays.fill(changed, (byte) 'a');
                stats.inc("mibLines");
            } else {
                out.remove(i);
                changed = null;
            }
            if (changed != null) {
                out.set(i, changed);
            }
            touched.add(leadingNumber(line));
            if (changed != null) {
                touched.add(leadingNumber(changed));
            }
        }
        touched.remove(-1);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < out.size(); i++) {
            b.writeBytes(out.get(i));
            if (i < out.size() - 1 || r.nextBoolean()) {
                b.write('\n');
            }
        }
        return b.toByteArray();
    }

    private static int leadingNumber(byte[] line) {
        int v = 0;
        int i = 0;
        while (i < line.length && i < 5 && line[i] >= '0' && line[i] <= '9') {
            v = v * 10 + line[i] - '0';
            i++;
        }
        return i == 0 || v > 65535 ? -1 : v;
    }

    /**
     * The row format: {@code port<TAB>protos<TAB>source<TAB>name[<TAB>ianaName]}, an optional CR
     * before the LF; lines that are empty or start with {@code #} or CR are not rows. port: 1 to 5
     * digits, at most 65535; protos: tcp, udp or tcp+udp; source: netbase, seed, overlay or iana;
     * names 1..63 bytes of {@code [A-Za-z0-9._+*}/-]};
     * ianaName {@code -} means none, absent means the name; the first row of a port/proto wins and
     * a later one (for either of its protocols) is skipped.
     *
     * @return {rows loaded, rows skipped}
     */
    static int[] oracle(byte[] data, Map<Integer, String[]> tcp, Map<Integer, String[]> udp) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\n", -1);
        int ok = 0;
        int bad = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '\r') {
                continue;
            }
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            String[] f = line.split("\t", -1);
            if (f.length < 4
                    || f.length > 5
                    || !port(f[0])
                    || !List.of("netbase", "seed", "overlay", "iana").contains(f[2])
                    || !name(f[3])
                    || (f.length == 5 && !f[4].equals("-") && !name(f[4]))) {
                bad++;
                continue;
            }
            boolean toTcp = f[1].equals("tcp") || f[1].equals("tcp+udp");
            boolean toUdp = f[1].equals("udp") || f[1].equals("tcp+udp");
            int port = Integer.parseInt(f[0]);
            if (!toTcp && !toUdp || toTcp && tcp.containsKey(port) || toUdp && udp.containsKey(port)) {
                bad++;
                continue;
            }
            String[] names = {f[3], f.length == 4 ? f[3] : f[4].equals("-") ? null : f[4], f[2]};
            if (toTcp) {
                tcp.put(port, names);
            }
            if (toUdp) {
                udp.put(port, names);
            }
            ok++;
        }
        return new int[] {ok, bad};
    }

    private static boolean port(String s) {
        return !s.isEmpty()
                && s.length() <= 5
                && s.chars().allMatch(c -> c >= '0' && c <= '9')
                && Integer.parseInt(s) <= 65535;
    }

    private static boolean name(String s) {
        return !s.isEmpty()
                && s.length() <= 63
                && s.chars()
                        .allMatch(c -> c >= 'a' && c <= 'z'
                                || c >= 'A' && c <= 'Z'
                                || c >= '0' && c <= '9'
                                || "-._+*/".indexOf(c) >= 0);
    }

    /**
     * {@code <procRoot>/sys/net/ipv4/ip_local_port_range} through the public
     * {@link BundledServiceRegistry#load}: exactly two numbers 0..65535 separated and surrounded
     * by white space (space, tab, CR, LF), low not above high, at most 64 bytes; anything else
     * means no ephemeral range (-1), never an exception.
     */
    @Test
    void ephemeralRangeIsTwoNumbersOrNone() throws Exception {
        FuzzStats stats = new FuzzStats("ephemeral-range-fuzz");
        // tmpfs when there is one: 20,000 rewrites of one small file
        Path root = Files.createTempDirectory(
                Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : "/tmp"), "sockscope-range-fuzz-");
        try {
            run(root, stats);
        } finally {
            OwnerFuzzTest.delete(root);
        }
        stats.report("");
    }

    private static void run(Path root, FuzzStats stats) throws Exception {
        Path file = Files.createDirectories(root.resolve("sys/net/ipv4")).resolve("ip_local_port_range");
        byte[] real = "32768\t60999\n".getBytes(StandardCharsets.US_ASCII);
        String alphabet = "0123456789 \t\r\n-+x\u0000";
        for (int c = 0; c < RANGE_CASES; c++) {
            SplittableRandom r = new SplittableRandom(TableFuzzTest.SEED * 59 + c);
            byte[] data;
            int roll = r.nextInt(10);
            if (roll < 5) {
                data = Mutator.apply(Mutator.randomKind(r), real, r);
            } else if (roll < 9) {
                data = new byte[r.nextInt(20)];
                for (int i = 0; i < data.length; i++) {
                    data[i] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
                }
            } else {
                data = (" ".repeat(r.nextInt(60)) + r.nextInt(70000) + " " + r.nextInt(70000) + "\n")
                        .getBytes(StandardCharsets.US_ASCII);
            }
            Files.write(file, data);
            int[] want = range(data);
            BundledServiceRegistry reg = BundledServiceRegistry.load(root);
            String at = "seed " + TableFuzzTest.SEED + " case " + c + " " + java.util.Arrays.toString(data);
            assertEquals(want == null ? -1 : want[0], reg.ephemeralLow(), at);
            assertEquals(want == null ? -1 : want[1], reg.ephemeralHigh(), at);
            stats.inc(want == null ? "rejected" : "accepted");
            stats.inc("cases");
        }
    }

    private static int[] range(byte[] data) {
        if (data.length > 64) {
            return null;
        }
        String s = new String(data, StandardCharsets.ISO_8859_1);
        List<String> words = new ArrayList<>();
        for (String w : s.split("[ \t\r\n]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        if (words.size() != 2) {
            return null;
        }
        int[] v = new int[2];
        for (int i = 0; i < 2; i++) {
            String w = words.get(i);
            if (w.length() > 5 || !w.chars().allMatch(ch -> ch >= '0' && ch <= '9') || Integer.parseInt(w) > 65535) {
                return null;
            }
            v[i] = Integer.parseInt(w);
        }
        return v[0] <= v[1] ? v : null;
    }
}
