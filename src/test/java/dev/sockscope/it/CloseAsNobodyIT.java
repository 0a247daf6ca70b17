package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.testing.Launch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The live view's {@code K} as {@code nobody}: the closer it uses ({@code SockDestroyCloser})
 * run as {@code nobody} on root's loopback connection answers with the kernel's refusal (EPERM,
 * CAP_NET_ADMIN missing) in the words the view shows, and the connection stays open.
 */
@Tag("live")
class CloseAsNobodyIT {
    static Path install;

    @BeforeAll
    static void installReadableCopy() throws IOException {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to switch to nobody");
        KillAsNobodyIT.installReadableCopy();
        install = KillAsNobodyIT.install;
        Files.writeString(
                install.resolve("CloseProbe.java"),
                "import dev.sockscope.action.*;\n"
                        + "import dev.sockscope.model.*;\n"
                        + "public class CloseProbe {\n"
                        + "  public static void main(String[] a) {\n"
                        + "    Address lo = Address.parse(\"127.0.0.1\");\n"
                        + "    SocketEntry e = new SocketEntry(Proto.TCP, Family.IPV4, lo, Integer.parseInt(a[0]),"
                        + " lo, Integer.parseInt(a[1]), State.ESTABLISHED, 1, 0, 0, 0);\n"
                        + "    CloseResult r = new SockDestroyCloser().close(e);\n"
                        + "    System.out.println(r.closed() + \" \" + r.reason());\n"
                        + "  }\n"
                        + "}\n");
        install.resolve("CloseProbe.java").toFile().setReadable(true, false);
    }

    @AfterAll
    static void remove() throws IOException {
        KillAsNobodyIT.remove();
    }

    @Test
    void nobodyGetsTheKernelsRefusalAndTheConnectionStays() throws Exception {
        byte[] lo = {127, 0, 0, 1};
        try (ServerSocket l = new ServerSocket(0, 5, InetAddress.getByAddress(lo));
                Socket c = new Socket(InetAddress.getByAddress(lo), l.getLocalPort());
                Socket peer = l.accept()) {
            List<String> probe = new ArrayList<>(KillAsNobodyIT.AS_NOBODY);
            probe.addAll(List.of(
                    KillAsNobodyIT.java(),
                    "-cp",
                    install.resolve("sockscope.jar").toString(),
                    install.resolve("CloseProbe.java").toString(),
                    Integer.toString(c.getLocalPort()),
                    Integer.toString(l.getLocalPort())));
            Launch r = Launch.run(probe, Map.of("HOME", "/tmp"), 60);
            assertEquals(0, r.status, r.toString());
            assertEquals(
                    "false the kernel refused: cannot close the socket: closing another process's socket needs root"
                            + " (CAP_NET_ADMIN) - EPERM (operation not permitted)\n",
                    r.out);
            peer.setSoTimeout(300);
            assertThrows(
                    SocketTimeoutException.class, () -> peer.getInputStream().read(), "no reset: still open");
            c.getOutputStream().write(7);
            peer.setSoTimeout(5000);
            assertEquals(7, peer.getInputStream().read());
        }
    }
}
