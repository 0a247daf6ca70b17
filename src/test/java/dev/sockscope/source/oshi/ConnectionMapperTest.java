package dev.sockscope.source.oshi;

import static dev.sockscope.source.oshi.Conn.NONE;
import static dev.sockscope.source.oshi.Conn.of;
import static dev.sockscope.source.oshi.Conn.tcp4;
import static dev.sockscope.source.oshi.Conn.v4;
import static dev.sockscope.source.oshi.Conn.v6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;
import dev.sockscope.testing.Endpoints;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import oshi.software.os.InternetProtocolStats.TcpState;

class ConnectionMapperTest {
    private static final int U = SocketEntry.UNKNOWN;

    private static SocketEntry entry(
            Proto p, Family f, String local, int lport, String remote, int rport, State s, long recvQ, long sendQ) {
        return new SocketEntry(
                p, f, Endpoints.address(local), lport, Endpoints.address(remote), rport, s, U, U, recvQ, sendQ);
    }

    @Test
    void mapsEveryTcpStateOneToOneAndNamesNoneForUnknownAndNone() {
        Map<TcpState, State> expected = new EnumMap<>(TcpState.class);
        expected.put(TcpState.CLOSED, State.CLOSE);
        expected.put(TcpState.LISTEN, State.LISTEN);
        expected.put(TcpState.SYN_SENT, State.SYN_SENT);
        expected.put(TcpState.SYN_RECV, State.SYN_RECV);
        expected.put(TcpState.ESTABLISHED, State.ESTABLISHED);
        expected.put(TcpState.FIN_WAIT_1, State.FIN_WAIT1);
        expected.put(TcpState.FIN_WAIT_2, State.FIN_WAIT2);
        expected.put(TcpState.CLOSE_WAIT, State.CLOSE_WAIT);
        expected.put(TcpState.CLOSING, State.CLOSING);
        expected.put(TcpState.LAST_ACK, State.LAST_ACK);
        expected.put(TcpState.TIME_WAIT, State.TIME_WAIT);
        expected.put(TcpState.UNKNOWN, null);
        expected.put(TcpState.NONE, null);
        // every value OSHI 7.5.0 has is covered, so a new one fails here
        assertEquals(TcpState.values().length, expected.size());
        for (TcpState s : TcpState.values()) {
            assertEquals(expected.get(s), ConnectionMapper.tcpState(s), s.name());
            SocketEntry e = ConnectionMapper.toEntry(tcp4(v4(10, 0, 0, 1), 22, v4(10, 0, 0, 2), 50000, s, 7), true);
            assertEquals(expected.get(s), e == null ? null : e.state(), s.name());
        }
        assertNull(ConnectionMapper.tcpState(null));
    }

    @Test
    void mapsAnEstablishedTcp4ConnectionWithQueues() {
        SocketEntry e = ConnectionMapper.toEntry(
                of("tcp4", v4(192, 168, 1, 20), 22, v4(192, 168, 1, 5), 51234, TcpState.ESTABLISHED, 36, 512, 880),
                true);
        assertEquals(
                entry(Proto.TCP, Family.IPV4, "192.168.1.20", 22, "192.168.1.5", 51234, State.ESTABLISHED, 512, 36), e);
    }

    @Test
    void leavesQueuesUnknownWhereThePlatformHasNoByteCounts() {
        SocketEntry e = ConnectionMapper.toEntry(
                of("tcp4", v4(127, 0, 0, 1), 80, v4(127, 0, 0, 1), 40000, TcpState.ESTABLISHED, 3, 4, 1), false);
        assertEquals(U, e.recvQ());
        assertEquals(U, e.sendQ());
    }

    @Test
    void reportsANegativeQueueAsUnknown() {
        SocketEntry e = ConnectionMapper.toEntry(
                of("tcp4", v4(127, 0, 0, 1), 80, v4(127, 0, 0, 1), 40000, TcpState.ESTABLISHED, -1, 9, 1), true);
        assertEquals(9, e.recvQ());
        assertEquals(U, e.sendQ());
    }

    @Test
    void mapsATcp6LoopbackListenerWithAZeroPeer() {
        SocketEntry e = ConnectionMapper.toEntry(
                of("tcp6", v6(0, 0, 0, 0, 0, 0, 0, 1), 631, new byte[16], 0, TcpState.LISTEN, 0, 0, 1), true);
        assertEquals(entry(Proto.TCP, Family.IPV6, "::1", 631, "::", 0, State.LISTEN, 0, 0), e);
        assertEquals(true, e.hasWildcardPeer());
    }

    @Test
    void decodesIpv4MappedV6Addresses() {
        SocketEntry e = ConnectionMapper.toEntry(
                of(
                        "tcp6",
                        v6(0, 0, 0, 0, 0, 0xffff, 0x7f00, 1),
                        8080,
                        v6(0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0005),
                        40001,
                        TcpState.ESTABLISHED,
                        0,
                        0,
                        1),
                true);
        assertEquals("::ffff:127.0.0.1", e.localAddress().text());
        assertEquals("::ffff:10.0.0.5", e.remoteAddress().text());
        assertEquals(Family.IPV6, e.family());
    }

    @Test
    void writesLinkLocalV6Compressed() {
        SocketEntry e = ConnectionMapper.toEntry(
                of(
                        "udp6",
                        v6(0xfe80, 0, 0, 0, 0x0a00, 0x27ff, 0xfe4e, 0x66a1),
                        546,
                        new byte[16],
                        0,
                        TcpState.CLOSED,
                        0,
                        0,
                        1),
                true);
        assertEquals("fe80::a00:27ff:fe4e:66a1", e.localAddress().text());
    }

    @Test
    void turnsEmptyWildcardAddressesIntoTheFamilysZeroAddress() {
        // BSD netstat's "*.*" and Windows UDP's missing peer reach us as empty arrays
        SocketEntry v4 = ConnectionMapper.toEntry(of("tcp4", NONE, 22, NONE, 0, TcpState.LISTEN, 0, 0, -1), true);
        assertEquals(entry(Proto.TCP, Family.IPV4, "0.0.0.0", 22, "0.0.0.0", 0, State.LISTEN, 0, 0), v4);
        SocketEntry v6 = ConnectionMapper.toEntry(of("udp6", NONE, 5353, NONE, 0, TcpState.NONE, 0, 0, -1), true);
        assertEquals(entry(Proto.UDP, Family.IPV6, "::", 5353, "::", 0, State.UNCONN, 0, 0), v6);
    }

    @Test
    void mapsDualStackTcp46ToIpv6() {
        // macOS fills tcp46 rows from the IPv4 part of the address: zero for a wildcard listener
        SocketEntry listener = ConnectionMapper.toEntry(
                of("tcp46", v4(0, 0, 0, 0), 5000, v4(0, 0, 0, 0), 0, TcpState.LISTEN, 0, 0, 400), false);
        assertEquals(entry(Proto.TCP, Family.IPV6, "::", 5000, "::", 0, State.LISTEN, U, U), listener);
        SocketEntry bound =
                ConnectionMapper.toEntry(of("udp46", v4(127, 0, 0, 1), 5001, NONE, 0, TcpState.NONE, 0, 0, 400), false);
        assertEquals(entry(Proto.UDP, Family.IPV6, "::ffff:127.0.0.1", 5001, "::", 0, State.UNCONN, U, U), bound);
    }

    @Test
    void readsBareBsdTypesByAddressLength() {
        SocketEntry v4 = ConnectionMapper.toEntry(
                of("tcp", v4(10, 1, 1, 1), 22, v4(10, 1, 1, 2), 600, TcpState.ESTABLISHED, 0, 0, -1), true);
        assertEquals(Family.IPV4, v4.family());
        SocketEntry v6 = ConnectionMapper.toEntry(
                of("udp", v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), 53, NONE, 0, TcpState.NONE, 0, 0, -1), true);
        assertEquals(entry(Proto.UDP, Family.IPV6, "2001:db8::1", 53, "::", 0, State.UNCONN, 0, 0), v6);
        SocketEntry wild = ConnectionMapper.toEntry(of("udp", NONE, 53, NONE, 0, TcpState.NONE, 0, 0, -1), true);
        assertEquals(Family.IPV4, wild.family());
    }

    @Test
    void makesUdpRowsUnconnOrEstablishedNeverATcpState() {
        // Linux reports CLOSED for an unconnected UDP socket, ESTABLISHED for a connected one
        SocketEntry unconn = ConnectionMapper.toEntry(
                of("udp4", v4(0, 0, 0, 0), 68, v4(0, 0, 0, 0), 0, TcpState.CLOSED, 0, 0, 1), true);
        assertEquals(State.UNCONN, unconn.state());
        SocketEntry connected = ConnectionMapper.toEntry(
                of("udp4", v4(127, 0, 0, 1), 40000, v4(127, 0, 0, 53), 53, TcpState.ESTABLISHED, 0, 0, 1), true);
        assertEquals(
                entry(Proto.UDP, Family.IPV4, "127.0.0.1", 40000, "127.0.0.53", 53, State.ESTABLISHED, 0, 0),
                connected);
        // Windows/macOS say NONE: the peer alone decides
        SocketEntry windows = ConnectionMapper.toEntry(
                of("udp4", v4(127, 0, 0, 1), 40000, v4(127, 0, 0, 53), 53, TcpState.NONE, 0, 0, 1), false);
        assertEquals(State.ESTABLISHED, windows.state());
        SocketEntry unknown = ConnectionMapper.toEntry(
                of("udp6", new byte[16], 123, new byte[16], 0, TcpState.UNKNOWN, 0, 0, 1), false);
        assertEquals(State.UNCONN, unknown.state());
    }

    @Test
    void zeroesTheMeaninglessPeerPortOfAListener() {
        // Windows leaves a value in dwRemotePort of a listening row
        SocketEntry e = ConnectionMapper.toEntry(
                of("tcp4", v4(0, 0, 0, 0), 135, v4(0, 0, 0, 0), 43128, TcpState.LISTEN, 0, 0, 1012), false);
        assertEquals(0, e.remotePort());
        assertEquals(true, e.hasWildcardPeer());
        // a non-listening row keeps its peer as reported
        SocketEntry syn = ConnectionMapper.toEntry(
                of("tcp4", v4(10, 0, 0, 1), 40000, v4(0, 0, 0, 0), 43128, TcpState.SYN_SENT, 0, 0, 1), false);
        assertEquals(43128, syn.remotePort());
    }

    @ParameterizedTest
    @CsvSource({"raw4", "unix", "sctp", "TCP4", "tcp7", "''"})
    void rejectsTypesThatAreNotTcpOrUdp(String type) {
        assertNull(ConnectionMapper.toEntry(
                of(type, v4(1, 2, 3, 4), 1, v4(1, 2, 3, 5), 2, TcpState.ESTABLISHED, 0, 0, 1), true));
        assertNull(ConnectionMapper.kindOf(type, 4));
    }

    @Test
    void rejectsANullType() {
        assertNull(ConnectionMapper.kindOf(null, 4));
        assertNull(ConnectionMapper.toEntry(
                of(null, v4(1, 2, 3, 4), 1, v4(1, 2, 3, 5), 2, TcpState.LISTEN, 0, 0, 1), true));
    }

    @Test
    void rejectsAddressesOfTheWrongLength() {
        assertNull(ConnectionMapper.toEntry(
                of("tcp4", new byte[5], 1, v4(1, 2, 3, 5), 2, TcpState.LISTEN, 0, 0, 1), true));
        assertNull(ConnectionMapper.toEntry(
                of("tcp4", v4(1, 2, 3, 4), 1, new byte[3], 2, TcpState.LISTEN, 0, 0, 1), true));
        // a 16-byte address on an IPv4 row contradicts the type
        assertNull(ConnectionMapper.toEntry(
                of("tcp4", v6(0, 0, 0, 0, 0, 0xffff, 0x7f00, 1), 1, NONE, 0, TcpState.LISTEN, 0, 0, 1), true));
    }

    @Test
    void rejectsPortsOutsideTheirRange() {
        assertNull(ConnectionMapper.toEntry(
                tcp4(v4(1, 2, 3, 4), 65536, v4(1, 2, 3, 5), 2, TcpState.ESTABLISHED, 1), true));
        assertNull(
                ConnectionMapper.toEntry(tcp4(v4(1, 2, 3, 4), 1, v4(1, 2, 3, 5), -1, TcpState.ESTABLISHED, 1), true));
        SocketEntry max =
                ConnectionMapper.toEntry(tcp4(v4(1, 2, 3, 4), 65535, v4(1, 2, 3, 5), 0, TcpState.ESTABLISHED, 1), true);
        assertEquals(65535, max.localPort());
    }

    @Test
    void neverTurnsAMissingPidIntoAPid() {
        assertEquals(U, ConnectionMapper.owningPid(tcp4(v4(1, 2, 3, 4), 1, NONE, 0, TcpState.LISTEN, -1)));
        // Windows' System Idle Process (0) owns TIME_WAIT rows: no process holds them
        assertEquals(U, ConnectionMapper.owningPid(tcp4(v4(1, 2, 3, 4), 1, NONE, 0, TcpState.TIME_WAIT, 0)));
        assertEquals(4242, ConnectionMapper.owningPid(tcp4(v4(1, 2, 3, 4), 1, NONE, 0, TcpState.LISTEN, 4242)));
    }

    @Test
    void neverInventsAnInodeOrASocketUid() {
        SocketEntry e = ConnectionMapper.toEntry(tcp4(v4(1, 2, 3, 4), 1, NONE, 0, TcpState.LISTEN, 5), true);
        assertEquals(U, e.inode());
        assertEquals(U, e.uid());
    }

    @Test
    void buildsAHolderFromAProcess() {
        Holder h = ConnectionMapper.holder(
                321, Conn.process(321, "nginx", "nginx: master process /usr/sbin/nginx", "www-data", "33"));
        assertEquals(new Holder(321, "nginx", "nginx: master process /usr/sbin/nginx", 33, "www-data"), h);
    }

    @Test
    void keepsThePidOfAProcessThatIsGone() {
        assertEquals(new Holder(99, "", "", U, null), ConnectionMapper.holder(99, null));
    }

    @Test
    void keepsAWindowsSidOutOfTheUid() {
        Holder h = ConnectionMapper.holder(4, Conn.process(4, "System", "", "SYSTEM", "S-1-5-18"));
        assertEquals(new Holder(4, "System", "", U, "SYSTEM"), h);
    }

    @Test
    void showsTheUidAsTextWhenItHasNoName() {
        Holder h = ConnectionMapper.holder(50, Conn.process(50, "job", "job --x", "unknown", "1234"));
        assertEquals(new Holder(50, "job", "job --x", 1234, "1234"), h);
        Holder none = ConnectionMapper.holder(51, Conn.process(51, "job", "", "unknown", "unknown"));
        assertEquals(new Holder(51, "job", "", U, null), none);
    }

    @Test
    void parsesOnlyPlainDecimalUids() {
        assertEquals(0, ConnectionMapper.parseUid("0"));
        assertEquals(2147483647, ConnectionMapper.parseUid("2147483647"));
        assertEquals(U, ConnectionMapper.parseUid("4294967295"));
        assertEquals(U, ConnectionMapper.parseUid("-1"));
        assertEquals(U, ConnectionMapper.parseUid(" 1"));
        assertEquals(U, ConnectionMapper.parseUid(""));
        assertEquals(U, ConnectionMapper.parseUid(null));
        assertEquals(U, ConnectionMapper.parseUid("12345678901"));
    }
}
