package dev.sockscope.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.owner.UserNames;
import dev.sockscope.source.TableSelection;
import dev.sockscope.source.proc.ProcSocketSource;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link SockDestroyCloser} on real loopback connections, found the way the live view finds
 * them (read from {@code /proc/net/tcp6}): the peer of a closed connection sees the reset, and
 * what the kernel refuses is reported in its words.
 */
@Tag("live")
class SockDestroyCloserTest {
    static final byte[] LOOPBACK = {127, 0, 0, 1};

    /** The client's row as sockscope reads it (Java's sockets are IPv6 ones with mapped addresses). */
    static SocketEntry clientRow(int clientPort, int serverPort) throws Exception {
        var src = new ProcSocketSource(Path.of("/proc"), new UserNames(Path.of("/etc/passwd")));
        for (SocketRow r : src.read(new TableSelection(EnumSet.of(Proto.TCP), EnumSet.of(Family.IPV4, Family.IPV6)))
                .rows()) {
            SocketEntry e = r.entry();
            if (e.localPort() == clientPort && e.remotePort() == serverPort && e.state() == State.ESTABLISHED) {
                return e;
            }
        }
        throw new AssertionError("no row for the client " + clientPort + " -> " + serverPort);
    }

    @Test
    void closesALoopbackConnectionAndThePeerSeesTheReset() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "SOCK_DESTROY needs root");
        try (ServerSocket l = new ServerSocket(0, 5, InetAddress.getByAddress(LOOPBACK));
                Socket c = new Socket(InetAddress.getByAddress(LOOPBACK), l.getLocalPort());
                Socket peer = l.accept()) {
            SocketEntry e = clientRow(c.getLocalPort(), l.getLocalPort());
            CloseResult r = new SockDestroyCloser().close(e);
            assertTrue(r.closed(), String.valueOf(r.reason()));
            assertNull(r.reason());
            peer.setSoTimeout(5000);
            InputStream in = peer.getInputStream();
            SocketException reset = assertThrows(SocketException.class, in::read, "the peer sees the reset");
            assertEquals("Connection reset", reset.getMessage());
            CloseResult again = new SockDestroyCloser().close(e);
            assertFalse(again.closed());
            assertEquals(
                    "the kernel refused: cannot close the socket: no such socket: it has closed already"
                            + " - ENOENT (no such entry)",
                    again.reason());
        }
    }

    @Test
    void refusesWithoutAskingTheKernelWhatCannotBeATcpConnection() {
        SocketEntry udp = new SocketEntry(
                Proto.UDP,
                Family.IPV4,
                Address.parse("127.0.0.1"),
                5353,
                Address.parse("127.0.0.1"),
                53,
                State.ESTABLISHED,
                1,
                0,
                0,
                0);
        assertEquals(
                "only TCP connections can be closed (this is udp)",
                new SockDestroyCloser().close(udp).reason());
        SocketEntry other = new SocketEntry(
                        Proto.TCP,
                        Family.IPV4,
                        Address.parse("10.1.1.1"),
                        40000,
                        Address.parse("10.1.1.2"),
                        80,
                        State.ESTABLISHED,
                        1,
                        0,
                        0,
                        0)
                .withDetails(
                        new dev.sockscope.model.Details.Builder().netns("blue").build());
        assertEquals(
                "this socket is in network namespace blue; only the host namespace's are closed",
                new SockDestroyCloser().close(other).reason());
    }
}
