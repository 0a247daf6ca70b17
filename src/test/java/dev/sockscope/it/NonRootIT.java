package dev.sockscope.it;

import static dev.sockscope.testing.JsonRows.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.testing.HeldSockets;
import dev.sockscope.testing.JsonRows;
import dev.sockscope.testing.Launch;
import dev.sockscope.testing.ReadableInstall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * sockscope as most users run it: not root. Runs the jar as {@code nobody} (setpriv) from a
 * copy any user can read. Other users' sockets are still listed, without owner, with one note;
 * the user's own sockets keep their owner. Under {@code strace} (when installed), the launcher
 * run as {@code nobody} with an empty HOME and TMPDIR writes nothing outside its own cache
 * directory, {@code $HOME/.cache/sockscope} (the class-data archive; in the live view also
 * JLine's native library, extracted there and removed again before it exits), and TMPDIR stays
 * empty.
 */
@Tag("live")
class NonRootIT {
    static final List<String> AS_NOBODY = ReadableInstall.AS_NOBODY;
    static Path install;

    @BeforeAll
    static void installReadableCopy() throws IOException {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to switch to nobody");
        Path jar = ReadableInstall.jar();
        install = ReadableInstall.copy("sockscope-nobody-");
        // the launcher as the tarball and the package install it: bin/sockscope, and lib/sockscope.jar
        // (the distribution's jar, whose manifest finds the libraries beside it) among the libraries
        Files.createDirectories(install.resolve("bin"));
        Files.copy(Path.of("bin/sockscope"), install.resolve("bin/sockscope"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(
                jar.resolveSibling("sockscope-dist.jar"),
                install.resolve("lib/sockscope.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(
                jar.resolveSibling("doc/launch-words"),
                install.resolve("lib/launch-words"),
                StandardCopyOption.REPLACE_EXISTING);
        ReadableInstall.openToAll(install);
    }

    @org.junit.jupiter.api.AfterAll
    static void removeCopy() throws IOException {
        if (install != null) {
            delete(install);
        }
    }

    static Launch asNobody(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(AS_NOBODY);
        cmd.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                install.resolve("sockscope.jar").toString()));
        cmd.addAll(List.of(args));
        return Launch.run(cmd, Map.of("HOME", "/tmp"), 60);
    }

    static Path nobodyDir() throws IOException {
        Path d = Files.createTempDirectory(
                Path.of("/tmp"),
                "sockscope-nobody-sock-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        d.toFile().setWritable(true, false);
        return d;
    }

    @Test
    void rootsSocketsAreListedWithoutOwnerAndOneNote() throws Exception {
        try (HeldSockets held = HeldSockets.start(List.of(), "sockscope-hold", nobodyDir())) {
            Launch l = asNobody(
                    "--list", "--json", "-tux", "--port", held.port("tcp4.listen") + "," + held.port("udp6.bound"));
            assertEquals(0, l.status, l.toString());
            List<Map<String, Object>> rows = JsonRows.parse(l.out);
            Map<String, Object> listener =
                    find(rows, "localPort", held.port("tcp4.listen"), "state", "LISTEN", "localAddress", "127.0.0.1");
            assertEquals(null, listener.get("pid"));
            assertEquals(List.of(), listener.get("holders"));
            assertEquals(null, listener.get("process"));
            assertEquals("root", listener.get("user"), "the socket's uid comes from the table, visible to all");
            assertEquals(
                    null,
                    find(rows, "localPort", held.port("udp6.bound"), "proto", "udp", "localAddress", "::1")
                            .get("pid"));
            assertEquals(1, l.err.split("\n").length, l.err);
            assertTrue(l.err.contains("show no owner") && l.err.contains("run as root"), l.err);
        }
    }

    @Test
    void ownSocketsKeepTheirOwner() throws Exception {
        try (HeldSockets held = HeldSockets.start(AS_NOBODY, "nobody-hold", nobodyDir())) {
            Launch l = asNobody("--list", "--json", "-tux", "--pid", Integer.toString(held.pid()));
            assertEquals(0, l.status, l.toString());
            List<Map<String, Object>> rows = JsonRows.parse(l.out);
            Map<String, Object> r = find(rows, "localPort", held.port("tcp6.listen"), "state", "LISTEN");
            assertEquals((long) held.pid(), r.get("pid"));
            assertEquals("nobody-hold", r.get("process"));
            assertEquals("nobody", r.get("user"));
            assertEquals(65534L, r.get("uid"));
            assertEquals("nobody", ((Map<?, ?>) ((List<?>) r.get("holders")).get(0)).get("user"));
            assertEquals("", l.err, "no hidden-owner note when every shown socket has its owner");
        }
    }

    @Test
    void everyListenerIsStillListed() throws Exception {
        try (HeldSockets held = HeldSockets.start(List.of(), "sockscope-hold", nobodyDir())) {
            Launch all = asNobody("--list", "--format", "csv", "-tu", "--state", "LISTEN,UNCONN");
            assertEquals(0, all.status, all.toString());
            for (String key : new String[] {
                "tcp4.listen", "tcp6.listen", "dual.listen", "shared.listen", "udp4.bound", "udp6.bound"
            }) {
                assertTrue(all.out.contains("," + held.port(key) + ","), key + " missing from\n" + all.out);
            }
        }
    }

    @Test
    void tableShowsOtherUsersSocketsWithADashForTheOwnerAndOneNote() throws Exception {
        try (HeldSockets held = HeldSockets.start(List.of(), "sockscope-hold", nobodyDir())) {
            Launch l = asNobody(
                    "--list",
                    "-tu",
                    "-n",
                    "--port",
                    held.port("tcp4.listen") + "," + held.port("udp4.bound") + "," + held.port("tcp6.client"));
            assertEquals(0, l.status, l.toString());
            List<String> lines = List.of(l.out.split("\n"));
            assertEquals(
                    List.of("Proto", "Local Address", "Foreign Address", "State", "PID/Program"),
                    List.of(lines.get(0).trim().split(" {2,}")));
            List<String> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.trim().split(" {2,}");
                rows.add(cells[0] + " " + cells[1] + " " + cells[3] + " " + cells[4]);
            }
            java.util.Collections.sort(rows);
            List<String> want = new ArrayList<>(List.of(
                    "tcp 127.0.0.1:" + held.port("tcp4.listen") + " LISTEN -",
                    "tcp6 [::1]:" + held.port("tcp6.client") + " ESTABLISHED -",
                    "tcp6 [::1]:" + held.port("tcp6.listen") + " ESTABLISHED -",
                    "udp 127.0.0.1:" + held.port("udp4.bound") + " UNCONN -",
                    "udp 127.0.0.1:" + held.port("udp4.connected") + " ESTABLISHED -"));
            // the client side of tcp4 and the accepted sides match --port through their remote port
            want.add("tcp 127.0.0.1:" + held.port("tcp4.client") + " ESTABLISHED -");
            want.add("tcp 127.0.0.1:" + held.port("tcp4.listen") + " ESTABLISHED -");
            want.add("tcp 127.0.0.1:" + held.port("tcp4.closewait.peer") + " FIN_WAIT2 -");
            want.add("tcp 127.0.0.1:" + held.port("tcp4.listen") + " CLOSE_WAIT -");
            // other loads on this machine may use the same port numbers: the held sockets must all be there
            List<String> missing = new ArrayList<>(want);
            for (String row : rows) {
                missing.remove(row);
            }
            assertEquals(List.of(), missing, l.out);
            assertEquals(1, l.err.split("\n").length, l.err);
            assertTrue(l.err.startsWith("sockscope: note: ") && l.err.contains("show no owner"), l.err);
        }
    }

    @Test
    void otherUsersUnixSocketsAreListedWithNullOwner() throws Exception {
        try (HeldSockets held = HeldSockets.start(List.of(), "sockscope-hold", nobodyDir())) {
            Launch l = asNobody("--list", "--json", "-x");
            assertEquals(0, l.status, l.toString());
            List<Map<String, Object>> rows = JsonRows.parse(l.out);
            for (String key : new String[] {"unix.dgram", "unix.abstract"}) {
                Map<String, Object> r = find(rows, "localAddress", held.text(key));
                assertEquals(null, r.get("pid"), key);
                assertEquals(List.of(), r.get("holders"), key);
            }
            assertEquals(
                    null,
                    find(rows, "localAddress", held.text("unix.stream"), "state", "LISTEN")
                            .get("pid"));
            assertEquals(1, l.err.split("\n").length, l.err);
        }
    }

    /** Opens that may write, and calls that create, rename or remove files, of a traced run. */
    static final String TRACED = "open,openat,openat2,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,"
            + "link,linkat,symlink,symlinkat,truncate";

    /** The launcher as nobody under strace, HOME and TMPDIR fresh empty directories; returns the trace lines. */
    static List<String> tracedAsNobody(Path work, List<String> args, String term) throws Exception {
        Path home = Files.createDirectory(work.resolve("home"));
        Path tmp = Files.createDirectory(work.resolve("tmp"));
        for (Path d : List.of(home, tmp)) {
            Files.setOwner(d, d.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        }
        Path trace = work.resolve("trace");
        List<String> cmd = new ArrayList<>(
                List.of("strace", "-f", "-qq", "-o", trace.toString(), "-e", "signal=none", "-e", "trace=" + TRACED));
        cmd.addAll(AS_NOBODY);
        cmd.addAll(List.of(
                "env",
                "-i",
                "PATH=/usr/bin:/bin",
                "HOME=" + home,
                "TMPDIR=" + tmp,
                "TERM=" + term,
                install.resolve("bin/sockscope").toString()));
        cmd.addAll(args);
        return cmd;
    }

    static Path workDir() throws IOException {
        return Files.createTempDirectory(
                Path.of("/tmp"),
                "sockscope-nobody-trace-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    /** Trace lines that write or change a file, minus those allowed: /dev/null, /dev/tty, the JVM's own coredump_filter. */
    static List<String> writes(List<String> trace) {
        List<String> out = new ArrayList<>();
        java.util.regex.Pattern call = java.util.regex.Pattern.compile("^\\d+ +(\\w+)\\(");
        for (String line : trace) {
            java.util.regex.Matcher m = call.matcher(line);
            if (!m.find()) {
                continue; // "<... resumed>" halves and exit notes: the call's first half names its path and flags
            }
            boolean opens = m.group(1).startsWith("open");
            boolean writing = !opens
                    || line.contains("O_WRONLY")
                    || line.contains("O_RDWR")
                    || line.contains("O_CREAT")
                    || line.contains("O_TRUNC");
            if (!writing
                    || line.contains("\"/dev/null\"")
                    || line.contains("\"/dev/tty\"")
                    || line.contains("\"/proc/self/coredump_filter\"")) {
                continue;
            }
            out.add(line.substring(line.indexOf(' ') + 1).trim());
        }
        return out;
    }

    /**
     * The writes of {@link #writes} outside {@code cache}: absolute paths not under it, and
     * relative {@code mkdir}s (those of {@code mkdir -p}) of names that are not components of
     * its path.
     */
    static List<String> outsideCache(List<String> writes, Path cache) {
        List<String> components = new ArrayList<>();
        for (Path c : cache) {
            components.add(c.toString());
        }
        List<String> out = new ArrayList<>();
        for (String w : writes) {
            int q = w.indexOf('"');
            String path = q < 0 ? "" : w.substring(q + 1, w.indexOf('"', q + 1));
            boolean inside = path.startsWith(cache + "/")
                    || path.equals(cache.toString())
                    || (w.startsWith("mkdir(")
                            && (path.equals("/") || components.contains(path.replaceFirst("^/", ""))));
            if (!inside) {
                out.add(w);
            }
        }
        return out;
    }

    /** Every file under {@code dir} outside {@code cache}, and {@code dir}'s parents of the cache excepted. */
    static List<Path> outsideCache(Path dir, Path cache) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir) && !p.startsWith(cache) && !cache.startsWith(p))
                    .toList();
        }
    }

    static boolean hasStrace() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "strace"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void listingWritesNothingOutsideItsCache() throws Exception {
        assumeTrue(hasStrace(), "strace is not installed");
        try (HeldSockets held = HeldSockets.start(List.of(), "sockscope-hold", nobodyDir())) {
            for (String format : new String[] {"table", "json", "csv"}) {
                Path work = workDir();
                List<String> cmd = tracedAsNobody(work, List.of("--list", "-tuwx", "--format", format), "dumb");
                Launch l = Launch.run(cmd, Map.of(), 60);
                assertEquals(0, l.status, l.toString());
                assertTrue(l.out.contains(Integer.toString(held.port("tcp4.listen"))), format + ": " + l.out);
                List<String> trace = Files.readAllLines(work.resolve("trace"));
                // the connection tables come from netlink (auto) or /proc/net; -w reads /proc/net/raw
                // on kernels without raw_diag; the owners always from /proc/PID/fd
                assertTrue(
                        trace.stream().anyMatch(t -> t.contains("/proc/net/") || t.matches(".*/proc/[0-9]+/fd.*")),
                        "the trace saw the run");
                Path cache = work.resolve("home/.cache/sockscope");
                assertEquals(List.of(), outsideCache(writes(trace), cache), format);
                assertEquals(
                        List.of(),
                        outsideCache(work.resolve("home"), cache),
                        format + ": HOME untouched but the cache");
                assertEquals(List.of(), list(work.resolve("tmp")), format + ": TMPDIR untouched");
                delete(work);
            }
        }
    }

    @Test
    void liveViewWritesOnlyInItsCacheAndRemovesJLinesNativeLibrary() throws Exception {
        assumeTrue(hasStrace(), "strace is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux is not installed");
        Path work = workDir();
        String server = "sockscope-nobody-" + ProcessHandle.current().pid();
        List<String> cmd = tracedAsNobody(work, List.of("--interval", "0.2"), "xterm-256color");
        Path done = work.resolve("done");
        String shell = String.join(" ", cmd.stream().map(NonRootIT::quote).toList()) + " 2>"
                + quote(work.resolve("err").toString()) + "; echo $? > " + quote(done.toString()) + "; sleep 5";
        try {
            Launch start = Launch.run(
                    List.of("tmux", "-L", server, "new-session", "-d", "-x", "120", "-y", "40", shell), Map.of(), 20);
            assertEquals(0, start.status, start.toString());
            String screen = "";
            for (int i = 0; i < 100 && !screen.contains("Proto"); i++) {
                Thread.sleep(200);
                screen = Launch.run(List.of("tmux", "-L", server, "capture-pane", "-p"), Map.of(), 10).out;
            }
            assertTrue(screen.contains("Proto"), screen);
            Thread.sleep(1000); // a few refreshes
            Launch.run(List.of("tmux", "-L", server, "send-keys", "q"), Map.of(), 10);
            for (int i = 0; i < 100 && !Files.exists(done); i++) {
                Thread.sleep(100);
            }
            assertEquals("0", Files.readString(done).trim(), Files.readString(work.resolve("err")));
        } finally {
            Launch.run(List.of("tmux", "-L", server, "kill-server"), Map.of(), 10);
            // this tmux leaves its socket file behind
            Files.deleteIfExists(Path.of("/tmp", "tmux-0", server));
        }
        Path cache = work.resolve("home/.cache/sockscope");
        List<String> writes = writes(Files.readAllLines(work.resolve("trace")));
        assertEquals(List.of(), outsideCache(writes, cache), "no write outside the cache");
        assertTrue(
                writes.stream().anyMatch(w -> w.contains(cache + "/jlinenative-") && !w.contains("= -1")),
                "JLine's native library went to the cache: " + writes);
        assertEquals(
                List.of(),
                list(cache).stream()
                        .filter(p -> p.getFileName().toString().startsWith("jlinenative-"))
                        .toList(),
                "JLine's native library was removed");
        assertEquals(List.of(), outsideCache(work.resolve("home"), cache), "HOME untouched but the cache");
        assertEquals(List.of(), list(work.resolve("tmp")), "TMPDIR untouched");
        delete(work);
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
