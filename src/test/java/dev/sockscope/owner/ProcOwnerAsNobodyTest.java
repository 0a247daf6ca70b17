package dev.sockscope.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real permission denial, which root cannot see in a fake tree: a child JVM runs
 * {@link HiddenProbe} as {@code nobody} (via {@code setpriv}) against the live {@code /proc}.
 * It must find its own listener, not the root-owned one of this JVM, and count the root
 * processes it could not inspect as hidden.
 */
@Tag("privdrop")
class ProcOwnerAsNobodyTest {

    @Test
    void countsOtherUsersProcessesAsHiddenWhenNotRoot() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to drop to nobody");
        Path setpriv = Path.of("/usr/bin/setpriv");
        assumeTrue(Files.isExecutable(setpriv), "no setpriv");
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = location(ProcOwnerResolver.class) + File.pathSeparator + location(HiddenProbe.class);

        try (ServerSocket rootOwned = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            long foreign = LiveTables.loopbackListenerInode(rootOwned.getLocalPort());
            Process child = new ProcessBuilder(List.of(
                            setpriv.toString(),
                            "--reuid=65534",
                            "--regid=65534",
                            "--clear-groups",
                            java,
                            "-Xshare:auto",
                            "-XX:TieredStopAtLevel=1",
                            "-cp",
                            classpath,
                            HiddenProbe.class.getName(),
                            Long.toString(foreign)))
                    .redirectErrorStream(true)
                    .start();
            boolean done = child.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                child.destroyForcibly();
            }
            assertTrue(done, "probe did not finish");
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(0, child.exitValue(), out);

            String self = field(out, "self");
            assertEquals("[" + self + "]", field(out, "own"), out);
            assertEquals("[]", field(out, "foreign"), out);
            assertTrue(Integer.parseInt(field(out, "hidden")) >= 1, out);
        }
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    private static String field(String out, String name) {
        int from = out.indexOf(name + "=");
        assertTrue(from >= 0, out);
        from += name.length() + 1;
        int to = out.indexOf(' ', from);
        return to < 0 ? out.substring(from) : out.substring(from, to);
    }
}
