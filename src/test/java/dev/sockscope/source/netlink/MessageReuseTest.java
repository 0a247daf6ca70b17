package dev.sockscope.source.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.owner.UserNames;
import dev.sockscope.source.TableSelection;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A socket whose sock_diag message comes back unchanged keeps its entry object across reads;
 * one whose message changed (a receive queue filled, {@code tcp_info} asked for or not) gets a
 * new one with the new values. Real loopback sockets, read over netlink.
 */
@Tag("live")
class MessageReuseTest {
    private static final UserNames USERS = new UserNames(Path.of("/etc/passwd"));
    private static final TableSelection TCP =
            new TableSelection(Set.of(Proto.TCP), Set.of(Family.IPV4, Family.IPV6)).withTcpInfo(false);

    private static SocketRow row(List<SocketRow> rows, int localPort, int remotePort) {
        for (SocketRow r : rows) {
            if (r.entry().localPort() == localPort
                    && r.entry().remotePort() == remotePort
                    && r.entry().state() == State.ESTABLISHED) {
                return r;
            }
        }
        throw new AssertionError("no connection " + localPort + " -> " + remotePort + " in " + rows.size() + " rows");
    }

    @Test
    void anUnchangedSocketKeepsItsEntryAndAChangedOneGetsANewOne() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket(0, 5, lo);
                Socket client = new Socket();
                NetlinkSocketSource source = NetlinkSocketSource.open(Path.of("/proc"), Path.of("/sys"), USERS)) {
            client.connect(new InetSocketAddress(lo, server.getLocalPort()), 2000);
            try (Socket accepted = server.accept()) {
                int sp = server.getLocalPort();
                int cp = client.getLocalPort();
                // the rows read() hands on hold the entries MessageReuse keeps: compared by identity
                source.read(TCP);
                source.read(TCP);
                SocketRow held = row(source.read(TCP).rows(), sp, cp);
                assertSame(
                        held.entry(), row(source.readTables(TCP).rows(), sp, cp).entry());
                // readTables makes new rows each time (no RowReuse): the entry is the message's own
                SocketRow first = row(source.readTables(TCP).rows(), sp, cp);
                SocketRow second = row(source.readTables(TCP).rows(), sp, cp);
                assertNotSame(first, second);
                assertSame(first.entry(), second.entry(), "unchanged message: the same entry");
                assertSame(
                        row(source.read(TCP).rows(), sp, cp),
                        row(source.read(TCP).rows(), sp, cp),
                        "and row");

                OutputStream out = client.getOutputStream();
                out.write(new byte[100]);
                out.flush();
                SocketRow queued = null;
                for (int i = 0; i < 50 && (queued == null || queued.entry().recvQ() != 100); i++) {
                    queued = row(source.read(TCP).rows(), sp, cp);
                    if (queued.entry().recvQ() != 100) {
                        Thread.sleep(20);
                    }
                }
                assertNotNull(queued);
                assertEquals(100, queued.entry().recvQ(), "the accepted end holds the 100 bytes unread");
                assertNotSame(first.entry(), queued.entry(), "changed message: a new entry");
                assertSame(
                        queued.entry(),
                        row(source.readTables(TCP).rows(), sp, cp).entry());

                SocketRow withInfo = row(source.read(TCP.withTcpInfo(true)).rows(), sp, cp);
                assertNotNull(withInfo.entry().details().tcp(), "tcp_info was asked for: a longer message");
                assertEquals(100, withInfo.entry().details().tcp().bytesReceived());
                SocketRow without = row(source.read(TCP).rows(), sp, cp);
                assertNull(without.entry().details().tcp(), "asked without tcp_info again: none kept from before");
                assertEquals(100, without.entry().recvQ());
            }
        }
    }
}
