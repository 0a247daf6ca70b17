package dev.sockscope.live;

import static dev.sockscope.testing.JsonRows.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.HeldSockets;
import dev.sockscope.testing.JsonRows;
import dev.sockscope.testing.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real sockets, opened by another process on loopback, found by {@code --list --format json}
 * with exact addresses, ports, states and owners.
 */
@Tag("live")
class LiveSocketsTest {
    @TempDir
    static Path dir;

    static HeldSockets held;
    static List<Map<String, Object>> rows;
    static int pid;

    @BeforeAll
    static void openSockets() throws Exception {
        held = HeldSockets.start(List.of(), "sockscope-hold", dir);
        pid = held.pid();
        Run run = Run.of("--list", "--format", "json", "-tuxw", "--pid", pid + "," + held.childPid());
        assertEquals(0, run.status, run.toString());
        rows = JsonRows.parse(run.out);
    }

    @AfterAll
    static void closeSockets() throws Exception {
        held.close();
    }

    private static void ownedByHolder(Map<String, Object> row) {
        assertEquals((long) pid, row.get("pid"), row.toString());
        assertEquals("sockscope-hold", row.get("process"), row.toString());
        assertTrue(((String) row.get("command")).contains("socket_holder.py --name sockscope-hold"), row.toString());
        List<?> holders = (List<?>) row.get("holders");
        assertEquals(1, holders.size(), row.toString());
    }

    @Test
    void findsTcp4ListenerWithOwnerAndUser() {
        Map<String, Object> r = find(rows, "proto", "tcp", "localPort", held.port("tcp4.listen"), "state", "LISTEN");
        assertEquals("ipv4", r.get("family"));
        assertEquals("127.0.0.1", r.get("localAddress"));
        assertEquals("0.0.0.0", r.get("remoteAddress"));
        assertEquals(0L, r.get("remotePort"));
        assertEquals(0L, r.get("uid"));
        assertEquals("root", r.get("user"));
        assertTrue((Long) r.get("inode") > 0);
        ownedByHolder(r);
    }

    @Test
    void findsBothEndsOfAnEstablishedTcp4Connection() {
        int listen = held.port("tcp4.listen");
        int client = held.port("tcp4.client");
        ownedByHolder(find(
                rows,
                "localAddress",
                "127.0.0.1",
                "localPort",
                client,
                "remoteAddress",
                "127.0.0.1",
                "remotePort",
                listen,
                "state",
                "ESTABLISHED",
                "proto",
                "tcp"));
        ownedByHolder(find(rows, "localPort", listen, "remotePort", client, "state", "ESTABLISHED", "proto", "tcp"));
    }

    @Test
    void findsCloseWaitOnTheSideThatDidNotClose() {
        Map<String, Object> r = find(
                rows,
                "state",
                "CLOSE_WAIT",
                "localPort",
                held.port("tcp4.listen"),
                "remotePort",
                held.port("tcp4.closewait.peer"));
        assertEquals("127.0.0.1", r.get("remoteAddress"));
        ownedByHolder(r);
    }

    @Test
    void findsTcp6ListenerAndConnectionOnLoopback() {
        int listen = held.port("tcp6.listen");
        Map<String, Object> l = find(rows, "proto", "tcp", "family", "ipv6", "localPort", listen, "state", "LISTEN");
        assertEquals("::1", l.get("localAddress"));
        assertEquals("::", l.get("remoteAddress"));
        ownedByHolder(l);
        ownedByHolder(find(
                rows,
                "family",
                "ipv6",
                "localAddress",
                "::1",
                "localPort",
                held.port("tcp6.client"),
                "remoteAddress",
                "::1",
                "remotePort",
                listen,
                "state",
                "ESTABLISHED"));
    }

    @Test
    void decodesIpv4MappedPeerOnADualStackListener() {
        int listen = held.port("dual.listen");
        Map<String, Object> l = find(rows, "localPort", listen, "state", "LISTEN");
        assertEquals("::", l.get("localAddress"));
        assertEquals("ipv6", l.get("family"));
        Map<String, Object> accepted = find(rows, "localPort", listen, "state", "ESTABLISHED");
        assertEquals("::ffff:127.0.0.1", accepted.get("localAddress"));
        assertEquals("::ffff:127.0.0.1", accepted.get("remoteAddress"));
        assertEquals((long) held.port("dual.client"), accepted.get("remotePort"));
        ownedByHolder(accepted);
        // the client connected over IPv4 and sits in the IPv4 table
        assertEquals(
                "ipv4",
                find(rows, "localPort", held.port("dual.client"), "remotePort", listen, "state", "ESTABLISHED")
                        .get("family"));
    }

    @Test
    void findsUdpBoundAndConnectedInBothFamilies() {
        for (String fam : new String[] {"udp4", "udp6"}) {
            String loop = fam.equals("udp4") ? "127.0.0.1" : "::1";
            String any = fam.equals("udp4") ? "0.0.0.0" : "::";
            int bound = held.port(fam + ".bound");
            Map<String, Object> b = find(rows, "proto", "udp", "localPort", bound, "state", "UNCONN");
            assertEquals(loop, b.get("localAddress"));
            assertEquals(any, b.get("remoteAddress"));
            assertEquals(0L, b.get("remotePort"));
            ownedByHolder(b);
            Map<String, Object> c = find(rows, "proto", "udp", "localPort", held.port(fam + ".connected"));
            assertEquals("ESTABLISHED", c.get("state"));
            assertEquals(loop, c.get("remoteAddress"));
            assertEquals((long) bound, c.get("remotePort"));
            ownedByHolder(c);
        }
    }

    @Test
    void findsUnixStreamDatagramAndAbstractSockets() {
        String stream = held.text("unix.stream");
        Map<String, Object> l = find(rows, "proto", "unix", "localAddress", stream, "state", "LISTEN");
        assertEquals("unix", l.get("family"));
        assertEquals(null, l.get("localPort"));
        assertEquals(null, l.get("portClass"));
        ownedByHolder(l);
        ownedByHolder(find(rows, "proto", "unix", "localAddress", stream, "state", "CONNECTED"));
        ownedByHolder(find(rows, "proto", "unix", "localAddress", "", "state", "CONNECTED"));
        ownedByHolder(find(rows, "proto", "unix", "localAddress", held.text("unix.dgram"), "state", "UNCONN"));
        ownedByHolder(find(rows, "proto", "unix", "localAddress", held.text("unix.abstract"), "state", "LISTEN"));
    }

    @Test
    void keepsEveryHolderOfAPreforkSocket() {
        Map<String, Object> r = find(rows, "localPort", held.port("shared.listen"), "state", "LISTEN");
        List<?> holders = (List<?>) r.get("holders");
        assertEquals(2, holders.size(), r.toString());
        long a = (Long) ((Map<?, ?>) holders.get(0)).get("pid");
        long b = (Long) ((Map<?, ?>) holders.get(1)).get("pid");
        assertEquals(Math.min(pid, held.childPid()), a);
        assertEquals(Math.max(pid, held.childPid()), b);
        assertEquals(a, r.get("pid"));
    }

    @Test
    void everyHolderSocketIsFoundAndNothingElse() {
        long tcp = rows.stream().filter(r -> r.get("proto").equals("tcp")).count();
        long udp = rows.stream().filter(r -> r.get("proto").equals("udp")).count();
        long unix = rows.stream().filter(r -> r.get("proto").equals("unix")).count();
        // tcp: l4, c4, a4, closewait-accepted, l6, c6, a6, ld, cd, ad, shared = 11
        assertEquals(11, tcp, rows.toString());
        assertEquals(4, udp, rows.toString());
        assertEquals(5, unix, rows.toString());
    }
}
