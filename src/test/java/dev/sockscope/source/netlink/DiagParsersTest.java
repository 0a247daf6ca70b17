package dev.sockscope.source.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Details;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;
import dev.sockscope.netlink.NetlinkException;
import dev.sockscope.netlink.NlBytes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The parsers on dumps captured from this machine's kernel beside a socket holder (holder.txt). */
class DiagParsersTest {
    private final Map<String, String> facts = Decoded.facts();

    private static SocketEntry only(List<SocketEntry> rows, Predicate<SocketEntry> p) {
        List<SocketEntry> m = rows.stream().filter(p).toList();
        assertEquals(1, m.size(), "exactly one row: " + m);
        return m.get(0);
    }

    private int port(String key) {
        return Integer.parseInt(facts.get(key));
    }

    @Test
    void everyCapturedMessageParses() throws NetlinkException {
        for (DiagFixtures.Dump d : DiagFixtures.all()) {
            Decoded r = Decoded.of(d);
            assertEquals(0, r.unparsed(), d.name());
            assertEquals(r.messages(), r.entries().size(), d.name());
            assertTrue(r.messages() >= 2, d.name());
        }
    }

    @Test
    void readsTcpStatesTimersAndTcpInfo() throws NetlinkException {
        List<SocketEntry> tcp = Decoded.of(DiagFixtures.load("tcp4")).entries();
        SocketEntry listen = only(tcp, e -> e.localPort() == port("tcp4.listen") && e.state() == State.LISTEN);
        assertEquals("127.0.0.1", listen.localAddress().text());
        assertEquals(0, listen.uid());
        assertEquals(0, listen.sendQ(), "a listener's backlog limit is not a send queue");
        assertEquals("off", listen.details().timer().kind());

        SocketEntry client = only(tcp, e -> e.localPort() == port("tcp4.client"));
        assertEquals(State.ESTABLISHED, client.state());
        assertEquals(port("tcp4.listen"), client.remotePort());
        Details.TcpInfo info = client.details().tcp();
        assertNotNull(info, "tcp_info of an established socket");
        assertTrue(info.rttMs() > 0 && info.rttMs() < 1000, "loopback rtt " + info.rttMs());
        assertEquals(1, info.bytesSent(), "the holder sends nothing; the kernel counts the SYN as one byte acked");
        assertEquals(0, info.bytesReceived());

        SocketEntry tw = only(tcp, e -> e.localPort() == port("timewait.client"));
        assertEquals(State.TIME_WAIT, tw.state());
        assertEquals(0, tw.inode());
        assertEquals(SocketEntry.UNKNOWN, tw.uid());
        assertEquals("timewait", tw.details().timer().kind());
        assertTrue(tw.details().timer().remainingMs() > 50_000, "TIME_WAIT lasts 60 s");
        assertNull(tw.details().tcp(), "no tcp_info for a TIME_WAIT socket");

        // the side of the CLOSE_WAIT connection that closed first
        SocketEntry fin = only(tcp, e -> e.localPort() == port("tcp4.closewait.peer"));
        assertEquals(State.FIN_WAIT2, fin.state());
        assertNotNull(only(tcp, e -> e.remotePort() == port("tcp4.closewait.peer"))
                .details()
                .tcp());
        assertEquals(
                State.CLOSE_WAIT,
                only(tcp, e -> e.remotePort() == port("tcp4.closewait.peer")).state());
    }

    @Test
    void namesTheBoundDeviceAndTheCgroup() throws NetlinkException {
        List<SocketEntry> tcp = Decoded.of(DiagFixtures.load("tcp4")).entries();
        SocketEntry bound = only(tcp, e -> e.localPort() == port("bound.listen"));
        assertEquals("lo", bound.details().iface());
        SocketEntry plain = only(tcp, e -> e.localPort() == port("tcp4.listen") && e.state() == State.LISTEN);
        assertNull(plain.details().iface());
        assertNotNull(plain.details().cgroup(), "kernel 5.7+ sends INET_DIAG_CGROUP_ID");
        assertTrue(plain.details().cgroup().startsWith("/cg"));
        assertNull(plain.details().dualStack(), "IPv4 sockets have no dual-stack flag");
    }

    @Test
    void tellsDualStackFromIpv6OnlyAndKeepsTheScope() throws NetlinkException {
        List<SocketEntry> tcp6 = Decoded.of(DiagFixtures.load("tcp6")).entries();
        SocketEntry dual = only(tcp6, e -> e.localPort() == port("dual.listen") && e.state() == State.LISTEN);
        assertEquals("::", dual.localAddress().text());
        assertEquals(Boolean.TRUE, dual.details().dualStack());
        SocketEntry v6only = only(tcp6, e -> e.localPort() == port("v6only.listen"));
        assertEquals("::", v6only.localAddress().text());
        assertEquals(Boolean.FALSE, v6only.details().dualStack());
        SocketEntry loop6 = only(tcp6, e -> e.localPort() == port("tcp6.listen") && e.state() == State.LISTEN);
        assertEquals("::1", loop6.localAddress().text());
        assertEquals(Boolean.FALSE, loop6.details().dualStack(), "::1 cannot take IPv4");
        SocketEntry scoped = only(tcp6, e -> e.localPort() == port("scoped.listen"));
        assertEquals("fe80::5c:1", scoped.localAddress().text());
        assertEquals("sstest0", scoped.details().iface());
        // the accepted IPv4 connection of the dual-stack listener, with v4-mapped addresses
        SocketEntry mapped = only(tcp6, e -> e.remotePort() == port("dual.client"));
        assertEquals("::ffff:127.0.0.1", mapped.localAddress().text());
        assertEquals(State.ESTABLISHED, mapped.state());
        assertNull(mapped.details().dualStack(), "connected sockets carry no v6only flag");
    }

    @Test
    void readsUdpAsUnconnectedOrEstablishedWithoutTimer() throws NetlinkException {
        List<SocketEntry> udp = Decoded.of(DiagFixtures.load("udp4")).entries();
        SocketEntry bound = only(udp, e -> e.localPort() == port("udp4.bound"));
        assertEquals(State.UNCONN, bound.state());
        assertNull(bound.details().timer());
        SocketEntry connected = only(udp, e -> e.localPort() == port("udp4.connected"));
        assertEquals(State.ESTABLISHED, connected.state());
        assertEquals(port("udp4.bound"), connected.remotePort());
        List<SocketEntry> udp6 = Decoded.of(DiagFixtures.load("udp6")).entries();
        assertEquals(
                Family.IPV6,
                only(udp6, e -> e.localPort() == port("udp6.bound")).family());
    }

    @Test
    void readsUnixTypesPeersAndNames() throws NetlinkException {
        List<SocketEntry> unix = Decoded.of(DiagFixtures.load("unix")).entries();
        for (String kind : new String[] {"dgram", "seqpacket"}) {
            long[] inodes = Arrays.stream(facts.get("pair." + kind).split(","))
                    .mapToLong(Long::parseLong)
                    .toArray();
            SocketEntry a = only(unix, e -> e.inode() == inodes[0]);
            SocketEntry b = only(unix, e -> e.inode() == inodes[1]);
            Details.UnixType type = kind.equals("dgram") ? Details.UnixType.DGRAM : Details.UnixType.SEQPACKET;
            assertEquals(type, a.details().unixType());
            assertEquals(inodes[1], a.details().peerInode());
            assertEquals(inodes[0], b.details().peerInode());
            assertEquals(State.CONNECTED, a.state());
            assertEquals("", a.localAddress().text());
            assertEquals(0, a.uid());
        }
        SocketEntry stream =
                only(unix, e -> e.localAddress().text().equals(facts.get("unix.stream")) && e.state() == State.LISTEN);
        assertEquals(Details.UnixType.STREAM, stream.details().unixType());
        assertEquals(SocketEntry.UNKNOWN, stream.details().peerInode());
        SocketEntry dgram = only(unix, e -> e.localAddress().text().equals(facts.get("unix.dgram")));
        assertEquals(State.UNCONN, dgram.state());
        assertEquals(Details.UnixType.DGRAM, dgram.details().unixType());
        only(unix, e -> e.localAddress().text().equals(facts.get("unix.abstract")));
    }

    @Test
    void aUnixPathWithALineFeedStaysOneRow() throws NetlinkException {
        List<SocketEntry> unix = Decoded.of(DiagFixtures.load("unix")).entries();
        long inode = Long.parseLong(facts.get("forged.inode"));
        SocketEntry forged = only(unix, e -> e.inode() == inode);
        assertTrue(
                forged.localAddress().text().contains("\n0000000000000000: 00000002"),
                forged.localAddress().text());
        assertTrue(forged.localAddress().text().endsWith(" 4242 @forged"));
        assertFalse(unix.stream().anyMatch(e -> e.inode() == 4242), "no row forged by the path's text");
        assertFalse(unix.stream().anyMatch(e -> e.localAddress().text().equals("@forged")));
    }

    // hostile variations of one real message

    private static byte[] firstMessage(String table) {
        byte[] g = DiagFixtures.load(table).datagrams().get(0);
        int len = (int) NlBytes.u32(g, 0);
        return Arrays.copyOfRange(g, 16, len);
    }

    private static SocketEntry inet(byte[] m) {
        return new InetDiagParser(Decoded.NAMES).parse(m, 0, m.length, Proto.TCP, Family.IPV4);
    }

    @Test
    void rowsWithTheSameDetailsShareOneObjectAndOthersGetTheirOwn() {
        byte[] withInfo = firstMessage("tcp4");
        byte[] m = Arrays.copyOf(withInfo, InetDiagParser.MSG_LEN); // no attributes: no tcp_info
        InetDiagParser p = new InetDiagParser(Decoded.NAMES);
        SocketEntry a = p.parse(m, 0, m.length, Proto.TCP, Family.IPV4);
        SocketEntry b = p.parse(m, 0, m.length, Proto.TCP, Family.IPV4);
        assertSame(a.details(), b.details());
        byte[] keepalive = m.clone();
        keepalive[2] = 2; // idiag_timer: keepalive
        NlBytes.putU32(keepalive, 52, 7000); // idiag_expires
        SocketEntry c = p.parse(keepalive, 0, keepalive.length, Proto.TCP, Family.IPV4);
        assertEquals(
                new Details.Timer("keepalive", 7000, a.details().timer().retransmits()),
                c.details().timer());
        assertNotSame(a.details(), c.details());
        SocketEntry d = p.parse(m, 0, m.length, Proto.TCP, Family.IPV4);
        assertEquals(a, d, "the same row as the first again");
        // tcp_info is read at a moment: rows with it never share
        SocketEntry e = p.parse(withInfo, 0, withInfo.length, Proto.TCP, Family.IPV4);
        SocketEntry f = p.parse(withInfo, 0, withInfo.length, Proto.TCP, Family.IPV4);
        assertNotNull(e.details().tcp());
        assertNotSame(e.details(), f.details());
        assertEquals(e.details(), f.details());
    }

    @Test
    void rejectsInetMessagesThatLieAboutTheirLengths() {
        byte[] m = firstMessage("tcp4");
        assertNotNull(inet(m));
        assertNull(inet(Arrays.copyOf(m, InetDiagParser.MSG_LEN - 1)), "shorter than inet_diag_msg");
        byte[] attrTooLong = m.clone();
        NlBytes.putU16(attrTooLong, InetDiagParser.MSG_LEN, m.length); // first attribute runs past the end
        assertNull(inet(attrTooLong));
        byte[] attrTooShort = m.clone();
        NlBytes.putU16(attrTooShort, InetDiagParser.MSG_LEN, 3);
        assertNull(inet(attrTooShort));
        byte[] cut = Arrays.copyOf(m, m.length - 6); // the last attribute cut short
        assertNull(inet(cut));
    }

    @Test
    void rejectsInetMessagesWithImpossibleValues() {
        byte[] m = firstMessage("tcp4");
        byte[] family = m.clone();
        family[0] = 10; // IPv6 in an IPv4 dump
        assertNull(inet(family));
        byte[] state = m.clone();
        state[1] = 13;
        assertNull(inet(state));
        byte[] uid = m.clone();
        NlBytes.putU32(uid, 64, 0x80000000);
        assertNull(inet(uid));
    }

    @Test
    void rejectsUnixMessagesWithBadTypeStateOrName() {
        byte[] m = firstMessage("unix");
        UnixDiagParser p = new UnixDiagParser();
        assertNotNull(p.parse(m, 0, m.length));
        byte[] type = m.clone();
        type[1] = 3;
        assertNull(p.parse(type, 0, type.length));
        byte[] state = m.clone();
        state[2] = 4;
        assertNull(p.parse(state, 0, state.length));
        assertNull(p.parse(m, 0, UnixDiagParser.MSG_LEN - 1));
        byte[] longName = new byte[UnixDiagParser.MSG_LEN + 4 + 109];
        System.arraycopy(m, 0, longName, 0, UnixDiagParser.MSG_LEN);
        NlBytes.putU16(longName, UnixDiagParser.MSG_LEN, 4 + 109);
        NlBytes.putU16(longName, UnixDiagParser.MSG_LEN + 2, 0);
        longName[UnixDiagParser.MSG_LEN + 4] = 'x';
        assertNull(p.parse(longName, 0, longName.length), "a name longer than sun_path");
    }

    @Test
    void decodesAbstractNamesAsTheProcTableShowsThem() {
        byte[] n = {0, 'a', 0, 'b'};
        assertEquals("@a@b", UnixDiagParser.name(n, 0, n.length));
        byte[] path = {'/', 'x', 0, 0};
        assertEquals("/x", UnixDiagParser.name(path, 0, path.length));
        assertEquals("", UnixDiagParser.name(path, 0, 0));
    }
}
