package dev.sockscope.source.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.owner.UserNames;
import dev.sockscope.source.TableSelection;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Datagrams of a dump that come back the same are taken whole: real loopback connections, many
 * datagrams' worth, read over netlink again and again by one source and checked against a new
 * source's read each time, through an unchanged host, a queue that fills, connections reset and
 * new ones.
 */
@Tag("live")
class DatagramReuseTest {
    private static final UserNames USERS = new UserNames(Path.of("/etc/passwd"));
    private static final TableSelection TCP =
            new TableSelection(Set.of(Proto.TCP), Set.of(Family.IPV4, Family.IPV6)).withTcpInfo(false);
    /** About 130 bytes a socket, 32 KiB a datagram: a dozen datagrams of these. */
    private static final int CONNECTIONS = 1200;

    /** The rows of the server's port, either end, in the kernel's order. */
    private static List<SocketEntry> ours(List<SocketRow> rows, int port) {
        List<SocketEntry> out = new ArrayList<>();
        for (SocketRow r : rows) {
            if (r.entry().localPort() == port || r.entry().remotePort() == port) {
                out.add(r.entry());
            }
        }
        return out;
    }

    private static List<SocketEntry> fresh(int port) throws Exception {
        try (NetlinkSocketSource s = NetlinkSocketSource.open(Path.of("/proc"), Path.of("/sys"), USERS)) {
            return ours(s.readTables(TCP).rows(), port);
        }
    }

    /** Equal lists, told apart by their first difference (thousands of entries each). */
    private static void assertRows(List<SocketEntry> expected, List<SocketEntry> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "row " + i);
        }
        assertEquals(expected.size(), actual.size(), "rows");
    }

    private static SocketEntry accepted(List<SocketEntry> entries, int port, int clientPort) {
        for (SocketEntry e : entries) {
            if (e.localPort() == port && e.remotePort() == clientPort) {
                return e;
            }
        }
        throw new AssertionError("no accepted end for client port " + clientPort);
    }

    @Test
    void aQuietReadTakesItsDatagramsWholeAndEveryChangeStillShows() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        List<Socket> clients = new ArrayList<>();
        List<Socket> servers = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, CONNECTIONS, lo);
                NetlinkSocketSource source = NetlinkSocketSource.open(Path.of("/proc"), Path.of("/sys"), USERS)) {
            int port = server.getLocalPort();
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket c = new Socket();
                c.connect(new InetSocketAddress(lo, port), 2000);
                clients.add(c);
                servers.add(server.accept());
            }
            int sockets = 2 * CONNECTIONS + 1;
            // the first read keeps nothing, the second keeps every message, the third takes
            // all but each dump's last datagram whole
            source.read(TCP);
            source.read(TCP);
            assertEquals(0, source.carriedLastRead(), "the second read has nothing kept to compare with");
            List<SocketRow> third = source.read(TCP).rows();
            assertTrue(
                    source.carriedLastRead() >= sockets / 2,
                    "taken whole: " + source.carriedLastRead() + " of " + sockets);
            assertRows(fresh(port), ours(third, port));
            List<SocketEntry> fourth = ours(source.read(TCP).rows(), port);
            List<SocketEntry> thirdOurs = ours(third, port);
            for (int i = 0; i < fourth.size(); i++) {
                assertSame(thirdOurs.get(i), fourth.get(i), "nothing changed: the same entries");
            }

            // a queue fills at one accepted end, in the middle of the table
            Socket writer = clients.get(CONNECTIONS / 2);
            OutputStream out = writer.getOutputStream();
            out.write(new byte[100]);
            out.flush();
            List<SocketEntry> now = List.of();
            for (int i = 0; i < 50; i++) {
                now = ours(source.read(TCP).rows(), port);
                if (accepted(now, port, writer.getLocalPort()).recvQ() == 100) {
                    break;
                }
                Thread.sleep(20);
            }
            assertEquals(100, accepted(now, port, writer.getLocalPort()).recvQ());
            assertTrue(source.carriedLastRead() > 0, "the datagrams without it are still taken whole");
            assertRows(fresh(port), now);
            SocketEntry unchanged = accepted(now, port, clients.get(0).getLocalPort());
            assertSame(
                    unchanged,
                    accepted(
                            ours(source.read(TCP).rows(), port),
                            port,
                            clients.get(0).getLocalPort()),
                    "an unchanged socket keeps its entry");

            // connections reset (no TIME_WAIT left behind) and new ones: every dump's datagrams move
            List<Integer> gone = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i += 97) {
                Socket c = clients.get(i);
                gone.add(c.getLocalPort());
                c.setSoLinger(true, 0);
                c.close();
                servers.get(i).close();
            }
            for (int i = 0; i < 7; i++) {
                Socket c = new Socket();
                c.connect(new InetSocketAddress(lo, port), 2000);
                clients.add(c);
                servers.add(server.accept());
            }
            Socket newest = clients.get(clients.size() - 1);
            List<SocketEntry> after = ours(source.read(TCP).rows(), port);
            assertRows(fresh(port), after);
            accepted(after, port, newest.getLocalPort());
            for (SocketEntry e : after) {
                assertFalse(gone.contains(e.localPort()) || gone.contains(e.remotePort()), "a reset connection: " + e);
            }
            List<SocketEntry> again = ours(source.read(TCP).rows(), port);
            assertRows(after, again);
            assertTrue(source.carriedLastRead() >= sockets / 2, "quiet again: " + source.carriedLastRead());
        } finally {
            for (Socket s : clients) {
                s.close();
            }
            for (Socket s : servers) {
                s.close();
            }
        }
    }

    @Test
    void aDatagramIsTakenWhenTheSameButForEachMessagesSeqAndLeftAsItCameOtherwise() {
        DatagramReuse r = new DatagramReuse();
        r.start();
        r.beginDump(3);
        byte[] first = twoMessages(7);
        assertEquals(-1, r.match(first, first.length, 7), "nothing kept yet");
        r.record(first, first.length, 10, 2);
        r.start();
        r.beginDump(3);
        for (int[] change : new int[][] {
            {16 + 3, 1}, // a payload byte of the first message
            {first.length - 1, 1}, // the last byte of the second
            {6, 2}, // the first message's flags
            {12, 1}, // its nlmsg_pid
            {36 + 8, 1}, // the second message's nlmsg_seq: another request's
        }) {
            byte[] cur = twoMessages(8);
            cur[change[0]] ^= (byte) change[1];
            byte[] asItCame = cur.clone();
            assertEquals(-1, r.match(cur, cur.length, 8), "byte " + change[0]);
            assertArrayEquals(asItCame, cur, "left as it came: byte " + change[0]);
        }
        byte[] overrun = twoMessages(8);
        ByteBuffer.wrap(overrun).order(ByteOrder.nativeOrder()).putInt(0, 4000);
        assertEquals(-1, r.match(overrun, overrun.length, 8), "a length past the datagram's end");
        byte[] same = twoMessages(8);
        assertEquals(-1, r.match(same, same.length + 1, 8), "cut short by the buffer");
        assertEquals(-1, r.match(same, same.length, 9), "every message of another request");
        r.beginDump(4);
        assertEquals(-1, r.match(same, same.length, 8), "a dump of another kind");
        r.beginDump(3);
        assertEquals(0, r.match(same, same.length, 8));
        assertEquals(10, r.slot(0));
        assertEquals(2, r.count(0));
        assertArrayEquals(twoMessages(0), same, "taken: each nlmsg_seq 0, as kept");
        // taken again one read later, kept with its new slots
        r.record(same, same.length, 40, 2);
        r.start();
        r.beginDump(3);
        byte[] third = twoMessages(12);
        assertEquals(0, r.match(third, third.length, 12));
        assertEquals(40, r.slot(0));
    }

    /** Two netlink messages, payloads of 20 and 9 bytes (the second padded to 12). */
    private static byte[] twoMessages(int seq) {
        ByteBuffer b = ByteBuffer.allocate(16 + 20 + 16 + 12).order(ByteOrder.nativeOrder());
        b.putInt(36).putShort((short) 20).putShort((short) 2).putInt(seq).putInt(4242);
        for (int i = 0; i < 20; i++) {
            b.put((byte) i);
        }
        b.putInt(25).putShort((short) 20).putShort((short) 2).putInt(seq).putInt(4242);
        for (int i = 0; i < 9; i++) {
            b.put((byte) (100 + i));
        }
        return b.array();
    }
}
