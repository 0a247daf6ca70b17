package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What netlink gives without privilege, as {@code nobody}: its own connection with
 * {@code tcp_info} (rtt, the 1000 bytes it sent) and cgroup, its own pid as holder; and
 * {@code SOCK_DESTROY} refused with {@code EPERM} and a message that says root is needed.
 * Runs {@code NetlinkProbe} from the packaged jar, its libraries and the test classes.
 */
class NetlinkAsNobodyIT {

    @Test
    void tcpInfoAndCgroupWorkUnprivilegedAndClosingSaysItNeedsRoot() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to drop to nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "no setpriv");
        Path jar = Path.of(System.getProperty("sockscope.jar", "target/sockscope.jar"))
                .toAbsolutePath();
        List<String> cp = new ArrayList<>();
        cp.add(jar.toString());
        try (Stream<Path> libs = Files.list(jar.resolveSibling("lib"))) {
            libs.forEach(p -> cp.add(p.toString()));
        }
        cp.add(jar.resolveSibling("test-classes").toString());
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(
                        "/usr/bin/setpriv",
                        "--reuid=65534",
                        "--regid=65534",
                        "--clear-groups",
                        "--inh-caps=-all",
                        java,
                        Runtime.version().feature() >= 22 ? "--enable-native-access=ALL-UNNAMED" : "-Xshare:auto",
                        "-cp",
                        String.join(File.pathSeparator, cp),
                        "dev.sockscope.source.netlink.NetlinkProbe")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains(" sent=1001 "), "1000 bytes and the SYN acknowledged: " + out);
        assertTrue(!out.contains("rtt=null") && out.contains(" rtt="), out);
        assertTrue(out.contains(" cgroup=/"), out);
        String self = out.substring(out.indexOf(" self=") + 6).split(" ")[0];
        assertTrue(out.contains(" holder=" + self + " "), out);
        assertTrue(out.contains(" uid=65534"), out);
        assertTrue(out.contains(" destroy=errno1 "), out);
        assertTrue(out.contains("needs root"), out);
    }
}
