package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.Launch;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher and the jar, run as a user runs them: exit statuses, one-line errors, pipes. */
class CommandLineIT {
    private static Launch sockscope(String... args) throws Exception {
        return Launch.run(Launch.launcher(args), Map.of(), 60);
    }

    @Test
    void portOutOfRangeIsAUsageErrorOfOneLine() throws Exception {
        Launch l = sockscope("--list", "--port", "70000");
        assertEquals(2, l.status, l.toString());
        assertEquals("sockscope: --port: '70000' is not a port number (0-65535)\n", l.err);
        assertEquals("", l.out);
    }

    @Test
    void unknownStateIsAUsageErrorOfOneLine() throws Exception {
        Launch l = sockscope("--state", "bogus");
        assertEquals(2, l.status, l.toString());
        assertTrue(l.err.startsWith("sockscope: --state: unknown state 'bogus'"), l.err);
        assertEquals(1, l.err.split("\n").length, l.err);
    }

    @Test
    void filterMatchingNothingExitsOne() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        Launch l = sockscope("--list", "-t", "-l", "--local-port", Integer.toString(free));
        assertEquals(1, l.status, l.toString());
        assertEquals("Proto  Local Address  Foreign Address  State  PID/Program  Service\n", l.out);
    }

    @Test
    void listenerIsFoundWithThisJvmAsOwner() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Launch l = sockscope("--list", "-n", "-l", "--local-port", Integer.toString(s.getLocalPort()));
            assertEquals(0, l.status, l.toString());
            String pid = Long.toString(ProcessHandle.current().pid());
            assertEquals(
                    List.of("Proto", "Local", "Address", "Foreign", "Address", "State", "PID/Program"),
                    List.of(l.out.split("\n")[0].trim().split(" +")));
            // Java opens dual-stack sockets: the kernel lists this one in tcp6, v4-mapped
            assertEquals(
                    List.of("tcp6", "[::ffff:127.0.0.1]:" + s.getLocalPort(), "*", "LISTEN", pid + "/java"),
                    List.of(l.out.split("\n")[1].trim().split(" +")));
        }
    }

    @Test
    void unreadableProcRootExitsThreeWithOneLine() throws Exception {
        Launch l = sockscope("--list", "--proc-root", "/nonexistent/proc");
        assertEquals(3, l.status, l.toString());
        assertEquals(1, l.err.split("\n").length, l.err);
        assertTrue(l.err.startsWith("sockscope: ") && l.err.contains("/nonexistent/proc"), l.err);
    }

    @Test
    void closedPipeEndsQuietly() throws Exception {
        Launch l = Launch.run(
                List.of(
                        "bash",
                        "-c",
                        "set -o pipefail; \"$0\" --list --count 200 --interval 0.01 | head -1",
                        Launch.launcher().get(0)),
                Map.of(),
                60);
        assertEquals(0, l.status, l.toString());
        // nothing but notes (a process this user cannot inspect is noted): no error, no stack trace
        for (String line : l.err.lines().toArray(String[]::new)) {
            assertTrue(line.startsWith("sockscope: note: "), l.err);
        }
        // repeated snapshots: a time line leads each table
        assertTrue(l.out.startsWith("--- "), l.out);
    }

    @Test
    void helpAndVersionExitZero() throws Exception {
        Launch h = sockscope("--help");
        assertEquals(0, h.status);
        assertTrue(h.out.startsWith("usage: sockscope"), h.out);
        Launch v = sockscope("--version");
        assertEquals(0, v.status);
        String[] lines = v.out.split("\n");
        assertEquals("sockscope 0.1.0", lines[0], v.out);
        // built in this checkout's git work tree: an abbreviated commit, maybe -dirty
        assertTrue(
                lines[1].matches("commit   [0-9a-f]{7,}(-dirty)?|commit   v?[0-9.]+-[0-9]+-g[0-9a-f]{7,}(-dirty)?"),
                v.out);
        // the runtime the launcher chose: its version, vendor and home
        assertTrue(lines[2].matches("java     (1[7-9]|[2-9][0-9])[-.+0-9A-Za-z]* \\(.+\\) /.+"), v.out);
        // netlink through the JNI library where the build made it, else through FFM where the jar
        // has it and the JDK is 22+, else /proc
        boolean jni =
                Files.exists(Path.of("target/native/linux-" + System.getProperty("os.arch") + "/libsockscope.so"));
        boolean ffm = lines[2].matches("java     (2[2-9]|[3-9][0-9]).*")
                && Files.exists(Path.of("target/classes/dev/sockscope/netlink/FfmSyscalls.class"));
        assertEquals(
                jni ? "backend  netlink (auto, jni)" : ffm ? "backend  netlink (auto, ffm)" : "backend  proc (auto)",
                lines[3],
                v.out);
        assertEquals(4, lines.length, v.out);
    }

    @Test
    void listOnLinuxLoadsNoOshiJnaJlineOrJsonClass() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = System.getProperty("sockscope.jar", "target/sockscope.jar");
        // the proc backend loads no native layer at all; auto never loads OSHI, JLine or Jackson
        // (it may load a native binding for netlink)
        Launch l = Launch.run(
                List.of(java, "-verbose:class", "-jar", jar, "--list", "-tuxw", "--backend", "proc"), Map.of(), 60);
        assertTrue(l.out.contains("dev.sockscope.source.proc.InetTableParser"), "class loading is not logged?");
        for (String prefix : new String[] {"oshi.", "com.sun.jna.", "org.jline.", "com.fasterxml."}) {
            assertTrue(
                    l.out.lines().noneMatch(line -> line.contains(" " + prefix)),
                    prefix + " loaded on the --list path");
        }
        Launch auto = Launch.run(List.of(java, "-verbose:class", "-jar", jar, "--list", "-tuxw"), Map.of(), 60);
        for (String prefix : new String[] {"oshi.", "org.jline.", "com.fasterxml."}) {
            assertTrue(
                    auto.out.lines().noneMatch(line -> line.contains(" " + prefix)),
                    prefix + " loaded on the --list path");
        }
        Launch json = Launch.run(List.of(java, "-verbose:class", "-jar", jar, "--list", "--json"), Map.of(), 60);
        assertTrue(json.out.contains("com.fasterxml.jackson.core.JsonFactory"), "JSON needs Jackson");
        assertTrue(json.out.lines().noneMatch(line -> line.contains(" oshi.") || line.contains(" org.jline.")));
    }
}
