package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The jar where netlink cannot be used (native calls turned off with
 * {@code -Dsockscope.native=none}, as a sandbox refusing netlink would): {@code auto} reads
 * {@code /proc/net} and says once what that loses; {@code --backend netlink} exits 3 with one line.
 */
class NetlinkFallbackIT {

    private record Result(int status, String out, String err) {}

    private static Result run(String... args) throws Exception {
        Path jar = Path.of(System.getProperty("sockscope.jar", "target/sockscope.jar"));
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Dsockscope.native=none",
                "-jar",
                jar.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void autoFallsBackToProcWithOneNoteNamingWhatIsLost() throws Exception {
        // auto tries netlink only where the jar has the FFM binding (built on JDK 22+); a jar built
        // on JDK 17 reads /proc without trying, and says nothing
        // (the test's own JVM runs the jar: on JDK 17-21 auto does not try netlink either)
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Runtime.version().feature() >= 22
                        && java.nio.file.Files.exists(
                                java.nio.file.Path.of("target/classes/dev/sockscope/netlink/FfmSyscalls.class")),
                "this build or JVM has no FFM binding: auto does not try netlink");
        Result r = run("--list", "-tux");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("Proto"), r.out());
        List<String> notes = r.err()
                .lines()
                .filter(l -> l.contains("netlink sock_diag is not available"))
                .toList();
        assertEquals(1, notes.size(), r.err());
        assertTrue(notes.get(0).contains("native calls are turned off"), notes.get(0));
        assertTrue(notes.get(0).contains("lacks interface, dualStack, unixType, peerInode, rttMs"), notes.get(0));
    }

    @Test
    void askingForNetlinkWhereItCannotRunExitsThreeWithOneLine() throws Exception {
        Result r = run("--list", "--backend", "netlink");
        assertEquals(3, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(
                r.err().startsWith("sockscope: netlink sock_diag cannot be used here: native calls are turned off"),
                r.err());
    }
}
