package dev.sockscope.source.proc;

import static dev.sockscope.source.proc.ProcFixtures.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InetTableParserTest {
    private static final String TCP_HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when" + " retrnsmt   uid  timeout inode\n";

    private final InetTableParser parser = new InetTableParser(ByteOrder.LITTLE_ENDIAN);

    private record Parsed(List<SocketEntry> entries, int bad) {
        List<String> lines() {
            return describe(entries);
        }
    }

    private Parsed parse(byte[] data, Proto proto, Family family) {
        List<SocketEntry> out = new ArrayList<>();
        int bad = parser.parse(data, data.length, proto, family, out);
        return new Parsed(out, bad);
    }

    private Parsed parse(String text, Proto proto, Family family) {
        return parse(text.getBytes(StandardCharsets.ISO_8859_1), proto, family);
    }

    private Parsed captured(String table, Proto proto, Family family) {
        return parse(ProcFixtures.bytes("proc/captured/net/" + table), proto, family);
    }

    /** A tcp row with the given state and addresses as printed by the kernel. */
    private static String tcpRow(String local, String remote, String state) {
        return "   0: " + local + " " + remote + " " + state
                + " 00000000:00000000 00:00000000 00000000  1000        0 5000 1 0000000000000000 100 0 0 10 0\n";
    }

    @Test
    void decodesEveryRowOfTheCapturedTcpTable() {
        Parsed p = captured("tcp", Proto.TCP, Family.IPV4);
        assertEquals(
                List.of(
                        "tcp ipv4 0.0.0.0:2024 0.0.0.0:0 LISTEN inode=555 uid=0 recvQ=0 sendQ=0",
                        "tcp ipv4 127.0.0.1:46001 0.0.0.0:0 LISTEN inode=7149 uid=0 recvQ=0 sendQ=0",
                        "tcp ipv4 127.0.0.1:46002 0.0.0.0:0 LISTEN inode=7801 uid=65534 recvQ=0 sendQ=0",
                        "tcp ipv4 127.0.0.1:50774 127.0.0.1:46004 ESTABLISHED inode=8237 uid=0 recvQ=0 sendQ=0",
                        "tcp ipv4 127.0.0.1:46001 127.0.0.1:52094 ESTABLISHED inode=7151 uid=0 recvQ=5 sendQ=0",
                        "tcp ipv4 127.0.0.1:52094 127.0.0.1:46001 ESTABLISHED inode=7150 uid=0 recvQ=0 sendQ=0",
                        "tcp ipv4 127.0.0.1:52102 127.0.0.1:46001 TIME_WAIT inode=0 uid=-1 recvQ=0 sendQ=0",
                        "tcp ipv4 127.0.0.1:52110 127.0.0.1:46001 FIN_WAIT2 inode=8230 uid=0 recvQ=0 sendQ=0",
                        "tcp ipv4 127.0.0.1:46001 127.0.0.1:52110 CLOSE_WAIT inode=8231 uid=0 recvQ=1 sendQ=0"),
                p.lines());
        assertEquals(0, p.bad());
    }

    @Test
    void decodesUidOfAListenerOwnedByAnotherUser() {
        SocketEntry e = captured("tcp", Proto.TCP, Family.IPV4).entries().get(2);
        assertEquals(46002, e.localPort());
        assertEquals(65534, e.uid());
        assertEquals(7801L, e.inode());
    }

    @Test
    void reportsTimeWaitWithInodeZeroAndUnknownUid() {
        SocketEntry e = captured("tcp", Proto.TCP, Family.IPV4).entries().get(6);
        assertEquals(State.TIME_WAIT, e.state());
        assertEquals(0L, e.inode());
        assertEquals(SocketEntry.UNKNOWN, e.uid());
    }

    @Test
    void decodesEveryRowOfTheCapturedTcp6Table() {
        Parsed p = captured("tcp6", Proto.TCP, Family.IPV6);
        assertEquals(
                List.of(
                        "tcp ipv6 [::1]:46003 [::]:0 LISTEN inode=8233 uid=0 recvQ=0 sendQ=0",
                        "tcp ipv6 [::]:46004 [::]:0 LISTEN inode=8236 uid=0 recvQ=0 sendQ=0",
                        "tcp ipv6 [::1]:46003 [::1]:56214 ESTABLISHED inode=8235 uid=0 recvQ=0 sendQ=0",
                        "tcp ipv6 [::ffff:127.0.0.1]:46004 [::ffff:127.0.0.1]:50774 ESTABLISHED inode=8238 uid=0 recvQ=0 sendQ=0",
                        "tcp ipv6 [::1]:56214 [::1]:46003 ESTABLISHED inode=8234 uid=0 recvQ=0 sendQ=0"),
                p.lines());
        assertEquals(0, p.bad());
    }

    @Test
    void decodesIpv4MappedV6Address() {
        SocketEntry e = captured("tcp6", Proto.TCP, Family.IPV6).entries().get(3);
        assertEquals("::ffff:127.0.0.1", e.localAddress().text());
        assertEquals("::ffff:127.0.0.1", e.remoteAddress().text());
        assertEquals(50774, e.remotePort());
        assertEquals(8238L, e.inode());
    }

    @Test
    void decodesCapturedUdpTablesBoundAndConnected() {
        Parsed udp = captured("udp", Proto.UDP, Family.IPV4);
        assertEquals(
                List.of(
                        "udp ipv4 127.0.0.1:46005 0.0.0.0:0 UNCONN inode=8239 uid=0 recvQ=832 sendQ=0",
                        "udp ipv4 0.0.0.0:46006 0.0.0.0:0 UNCONN inode=8241 uid=0 recvQ=0 sendQ=0",
                        "udp ipv4 127.0.0.1:43795 127.0.0.1:46005 ESTABLISHED inode=8240 uid=0 recvQ=0 sendQ=0"),
                udp.lines());
        Parsed udp6 = captured("udp6", Proto.UDP, Family.IPV6);
        assertEquals(
                List.of(
                        "udp ipv6 [::1]:46007 [::]:0 UNCONN inode=8242 uid=0 recvQ=0 sendQ=0",
                        "udp ipv6 [::1]:37057 [::1]:46007 ESTABLISHED inode=8243 uid=0 recvQ=0 sendQ=0"),
                udp6.lines());
        assertEquals(0, udp.bad() + udp6.bad());
    }

    @Test
    void decodesCapturedUdpLiteAndRawTables() {
        assertEquals(
                List.of("udplite ipv4 127.0.0.1:46008 0.0.0.0:0 UNCONN inode=8244 uid=0 recvQ=0 sendQ=0"),
                captured("udplite", Proto.UDPLITE, Family.IPV4).lines());
        assertEquals(
                List.of("udplite ipv6 [::1]:46009 [::]:0 UNCONN inode=8245 uid=0 recvQ=0 sendQ=0"),
                captured("udplite6", Proto.UDPLITE, Family.IPV6).lines());
        // raw sockets show their IP protocol in the port column: 1 = ICMP, 58 = ICMPv6
        assertEquals(
                List.of("raw ipv4 0.0.0.0:1 0.0.0.0:0 UNCONN inode=8246 uid=0 recvQ=0 sendQ=0"),
                captured("raw", Proto.RAW, Family.IPV4).lines());
        assertEquals(
                List.of("raw ipv6 [::]:58 [::]:0 UNCONN inode=8247 uid=0 recvQ=0 sendQ=0"),
                captured("raw6", Proto.RAW, Family.IPV6).lines());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "01, ESTABLISHED",
        "02, SYN_SENT",
        "03, SYN_RECV",
        "04, FIN_WAIT1",
        "05, FIN_WAIT2",
        "06, TIME_WAIT",
        "07, CLOSE",
        "08, CLOSE_WAIT",
        "09, LAST_ACK",
        "0A, LISTEN",
        "0B, CLOSING",
        "0C, NEW_SYN_RECV",
        "0a, LISTEN"
    })
    void mapsEveryTcpStateCode(String code, State expected) {
        Parsed p = parse(TCP_HEADER + tcpRow("0100007F:1F90", "0100007F:D431", code), Proto.TCP, Family.IPV4);
        assertEquals(0, p.bad());
        assertEquals(expected, p.entries().get(0).state());
    }

    @Test
    void keepsTheListenerUidOfANewSynRecvRowButNotOfTimeWait() {
        String synRecv = "   0: 0100007F:1F90 0100007F:D431 0C 00000000:00000000 02:00000064 00000000  1000"
                + "        0 0 1 0000000000000000\n";
        String timeWait = "   1: 0100007F:D432 0100007F:1F90 06 00000000:00000000 03:00001770 00000000     0"
                + "        0 0 3 0000000000000000\n";
        Parsed p = parse(TCP_HEADER + synRecv + timeWait, Proto.TCP, Family.IPV4);
        assertEquals(
                List.of(
                        "tcp ipv4 127.0.0.1:8080 127.0.0.1:54321 NEW_SYN_RECV inode=0 uid=1000 recvQ=0 sendQ=0",
                        "tcp ipv4 127.0.0.1:54322 127.0.0.1:8080 TIME_WAIT inode=0 uid=-1 recvQ=0 sendQ=0"),
                p.lines());
    }

    @ParameterizedTest(name = "raw {0} -> {1}")
    @CsvSource({"01, ESTABLISHED", "07, UNCONN"})
    void mapsRawStatesLikeUdp(String code, State expected) {
        Parsed p = parse(TCP_HEADER + tcpRow("0100007F:0001", "0100007F:0000", code), Proto.RAW, Family.IPV4);
        assertEquals(
                List.of("raw ipv4 127.0.0.1:1 127.0.0.1:0 " + expected + " inode=5000 uid=1000 recvQ=0 sendQ=0"),
                p.lines());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"01, ESTABLISHED", "07, UNCONN", "0A, UNCONN"})
    void mapsUdpStatesToConnectedOrUnconnected(String code, State expected) {
        Parsed p = parse(TCP_HEADER + tcpRow("0100007F:0035", "00000000:0000", code), Proto.UDP, Family.IPV4);
        assertEquals(0, p.bad());
        assertEquals(expected, p.entries().get(0).state());
    }

    @ParameterizedTest
    @CsvSource({"00", "0D", "FF"})
    void countsUdpRowWithAStateNoSocketCanHave(String code) {
        Parsed p = parse(TCP_HEADER + tcpRow("0100007F:0035", "00000000:0000", code), Proto.UDP, Family.IPV4);
        assertEquals(List.of(), p.entries());
        assertEquals(1, p.bad());
    }

    /** Addresses as their 16 bytes in network order (hex), and the RFC 5952 text expected. */
    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "00000000000000000000000000000000, ::",
        "00000000000000000000000000000001, ::1",
        "fe800000000000000000000000000001, fe80::1",
        "20010db8000000000001000000000001, 2001:db8::1:0:0:1",
        "20010db8000000010001000100010001, 2001:db8:0:1:1:1:1:1",
        "20010db8000000000000000100000000, 2001:db8::1:0:0",
        "20010000000000010000000000000001, 2001:0:0:1::1",
        "00010000000000000001000000000000, 1::1:0:0:0",
        "00000000000100000000000000000000, 0:0:1::",
        "00010000000000000000000000000000, 1::",
        "20010DB8000000000000000000000001, 2001:db8::1",
        "ffffffffffffffffffffffffffffffff, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "fe800000000100020003000400050006, fe80:0:1:2:3:4:5:6",
        "00000000000000000000ffff7f000001, ::ffff:127.0.0.1",
        "00000000000000000000ffff0a000005, ::ffff:10.0.0.5",
        "00000000000000000000ffff00000000, ::ffff:0.0.0.0",
        "0000000000000000000000007f000001, ::7f00:1",
        "0064ff9b0000000000000000c0000221, 64:ff9b::c000:221",
        "00000000000000000001ffff7f000001, ::1:ffff:7f00:1",
        "0abc0000000000000000000000000000, abc::"
    })
    void formatsIpv6InCanonicalText(String networkHex, String expected) {
        String row = tcpRow(procWords(networkHex) + ":0050", "00000000000000000000000000000000:0000", "0A");
        Parsed p = parse(row, Proto.TCP, Family.IPV6);
        assertEquals(0, p.bad());
        assertEquals(expected, p.entries().get(0).localAddress().text());
    }

    /** How a little-endian kernel prints an address: each 32-bit word with its bytes reversed. */
    private static String procWords(String networkHex) {
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < 32; w += 8) {
            for (int b = 6; b >= 0; b -= 2) {
                sb.append(networkHex, w + b, w + b + 2);
            }
        }
        return sb.toString().toUpperCase(java.util.Locale.ROOT);
    }

    @Test
    void readsWordsInTheGivenHostByteOrder() {
        InetTableParser bigEndian = new InetTableParser(ByteOrder.BIG_ENDIAN);
        List<SocketEntry> out = new ArrayList<>();
        byte[] v4 = tcpRow("7F000001:1F90", "0A000005:D431", "01").getBytes(StandardCharsets.US_ASCII);
        byte[] v6 = tcpRow("00000000000000000000000000000001:1F90", "00000000000000000000000000000000:0000", "0A")
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(0, bigEndian.parse(v4, Proto.TCP, Family.IPV4, out));
        assertEquals(0, bigEndian.parse(v6, Proto.TCP, Family.IPV6, out));
        assertEquals(
                List.of(
                        "tcp ipv4 127.0.0.1:8080 10.0.0.5:54321 ESTABLISHED inode=5000 uid=1000 recvQ=0 sendQ=0",
                        "tcp ipv6 [::1]:8080 [::]:0 LISTEN inode=5000 uid=1000 recvQ=0 sendQ=0"),
                describe(out));
    }

    @Test
    void sharesOneStringForARepeatedAddress() {
        String rows = TCP_HEADER
                + tcpRow("0100007F:1F90", "0100007F:D431", "01")
                + tcpRow("0100007F:D431", "0100007F:1F90", "01");
        Parsed p = parse(rows, Proto.TCP, Family.IPV4);
        assertSame(p.entries().get(0).localAddress(), p.entries().get(1).localAddress());
        assertSame(p.entries().get(0).localAddress(), p.entries().get(1).remoteAddress());
        assertEquals("127.0.0.1", p.entries().get(1).remoteAddress().text());
    }

    @Test
    void parsesOnlyTheGivenLengthOfTheBuffer() {
        byte[] data = (TCP_HEADER + tcpRow("0100007F:1F90", "00000000:0000", "0A") + "garbage\n")
                .getBytes(StandardCharsets.US_ASCII);
        List<SocketEntry> out = new ArrayList<>();
        int bad = parser.parse(data, data.length - "garbage\n".length(), Proto.TCP, Family.IPV4, out);
        assertEquals(0, bad);
        assertEquals(1, out.size());
    }

    @Test
    void parsesARowWhenTheHeaderIsMissing() {
        Parsed p = parse(tcpRow("0100007F:1F90", "00000000:0000", "0A"), Proto.TCP, Family.IPV4);
        assertEquals(
                List.of("tcp ipv4 127.0.0.1:8080 0.0.0.0:0 LISTEN inode=5000 uid=1000 recvQ=0 sendQ=0"), p.lines());
    }

    @Test
    void ignoresBlankLines() {
        Parsed p = parse(
                TCP_HEADER + "\n   \n" + tcpRow("0100007F:1F90", "00000000:0000", "0A") + "\n", Proto.TCP, Family.IPV4);
        assertEquals(1, p.entries().size());
        assertEquals(0, p.bad());
    }

    @Test
    void rejectsAUnixProtoOrFamily() {
        assertThrows(
                IllegalArgumentException.class,
                () -> parser.parse(new byte[0], Proto.UNIX, Family.UNIX, new ArrayList<>()));
        assertThrows(
                IllegalArgumentException.class,
                () -> parser.parse(new byte[0], Proto.TCP, Family.UNIX, new ArrayList<>()));
    }

    // --- malformed input: each fixture names the rows it keeps and how many it should count ---

    private static final String GOOD_41001 =
            "tcp ipv4 127.0.0.1:8080 0.0.0.0:0 LISTEN inode=41001 uid=1000 recvQ=0 sendQ=0";
    private static final String GOOD_41009 =
            "tcp ipv4 127.0.0.1:22 127.0.0.1:54321 ESTABLISHED inode=41009 uid=0 recvQ=32 sendQ=16";

    private Parsed malformed(String name, Proto proto, Family family) {
        return parse(ProcFixtures.bytes("proc/malformed/" + name), proto, family);
    }

    @Test
    void skipsAndCountsTruncatedLines() {
        Parsed p = malformed("tcp-truncated", Proto.TCP, Family.IPV4);
        assertEquals(List.of(GOOD_41001, GOOD_41009), p.lines());
        assertEquals(2, p.bad());
    }

    @Test
    void skipsAndCountsLinesWithMissingColumns() {
        Parsed p = malformed("tcp-missing-columns", Proto.TCP, Family.IPV4);
        assertEquals(List.of(GOOD_41001), p.lines());
        assertEquals(3, p.bad());
    }

    @Test
    void skipsAndCountsNonHexAndNonDecimalFields() {
        Parsed p = malformed("tcp-non-hex", Proto.TCP, Family.IPV4);
        assertEquals(List.of(GOOD_41001, GOOD_41009), p.lines());
        assertEquals(7, p.bad());
    }

    @Test
    void skipsAndCountsUnknownTcpStates() {
        Parsed p = malformed("tcp-bad-state", Proto.TCP, Family.IPV4);
        assertEquals(List.of(GOOD_41001), p.lines());
        assertEquals(5, p.bad());
    }

    @Test
    void skipsAndCountsOutOfRangeValues() {
        Parsed p = malformed("tcp-out-of-range", Proto.TCP, Family.IPV4);
        assertEquals(List.of(GOOD_41001), p.lines());
        assertEquals(6, p.bad());
    }

    @Test
    void skipsAndCountsIpv6AddressesOfTheWrongWidth() {
        Parsed p = malformed("tcp6-bad-address", Proto.TCP, Family.IPV6);
        assertEquals(List.of("tcp ipv6 [::1]:8080 [::]:0 LISTEN inode=42001 uid=1000 recvQ=0 sendQ=0"), p.lines());
        assertEquals(2, p.bad());
    }

    @Test
    void readsNothingFromAnEmptyTable() {
        Parsed p = malformed("tcp-empty", Proto.TCP, Family.IPV4);
        assertEquals(List.of(), p.entries());
        assertEquals(0, p.bad());
    }

    @Test
    void readsNothingFromAHeaderOnlyTable() {
        Parsed p = malformed("tcp-header-only", Proto.TCP, Family.IPV4);
        assertEquals(List.of(), p.entries());
        assertEquals(0, p.bad());
    }

    @Test
    void countsAOneMebibyteLineOnceAndKeepsTheRowsAroundIt() {
        byte[] huge = new byte[1 << 20];
        java.util.Arrays.fill(huge, (byte) 'A');
        String good = tcpRow("0100007F:1F90", "00000000:0000", "0A");
        byte[] data = concat(TCP_HEADER + good, huge, "\n" + good);
        Parsed p = parse(data, Proto.TCP, Family.IPV4);
        assertEquals(2, p.entries().size());
        assertEquals(1, p.bad());
    }

    @Test
    void toleratesAValidRowPaddedWithAMebibyteOfSpaces() {
        byte[] spaces = new byte[1 << 20];
        java.util.Arrays.fill(spaces, (byte) ' ');
        String good = tcpRow("0100007F:1F90", "00000000:0000", "0A");
        byte[] data = concat(TCP_HEADER + good.substring(0, good.length() - 1), spaces, "\n");
        Parsed p = parse(data, Proto.TCP, Family.IPV4);
        assertEquals(1, p.entries().size());
        assertEquals(0, p.bad());
    }

    @Test
    void countsEveryLineOfBinaryJunkAndInventsNothing() {
        // seeded, so the expected count is exact: one per line feed-terminated non-blank line
        byte[] junk = new byte[64 * 1024];
        new Random(20240601L).nextBytes(junk);
        int expectedBad = countNonBlankTerminatedLines(junk) + (junk[junk.length - 1] == '\n' ? 0 : 1);
        Parsed p = parse(junk, Proto.TCP, Family.IPV4);
        assertEquals(List.of(), p.entries());
        assertEquals(expectedBad - headerOrBlankFirstLine(junk), p.bad());
    }

    private static int countNonBlankTerminatedLines(byte[] d) {
        int count = 0;
        int start = 0;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == '\n') {
                if (!blank(d, start, i)) {
                    count++;
                }
                start = i + 1;
            }
        }
        return count;
    }

    private static int headerOrBlankFirstLine(byte[] d) {
        int nl = 0;
        while (nl < d.length && d[nl] != '\n') {
            nl++;
        }
        return blank(d, 0, nl) ? 0 : (ByteScan.startsWithWord(d, 0, nl, "sl") ? 1 : 0);
    }

    private static boolean blank(byte[] d, int s, int e) {
        for (int i = s; i < e; i++) {
            if (d[i] != ' ' && d[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static byte[] concat(String a, byte[] b, String c) {
        byte[] x = a.getBytes(StandardCharsets.US_ASCII);
        byte[] z = c.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[x.length + b.length + z.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(b, 0, out, x.length, b.length);
        System.arraycopy(z, 0, out, x.length + b.length, z.length);
        return out;
    }

    @Test
    void readsTheTcpTimerAsNetstatOShowsIt() {
        // rows of this machine's /proc/net/tcp (kernel 6.18): a TIME_WAIT row, a FIN_WAIT1 row
        // retransmitting, a LISTEN row with no timer
        String rows = TCP_HEADER
                + "  10: 0100007F:DC20 0100007F:B535 06 00000000:00000000 03:000016E6 00000000     0        0 0 3"
                + " 00000000ee54491a\n"
                + "  11: 0100007F:CDB0 0100007F:9CAD 04 00000001:00000000 01:00000013 00000002     0        0 0 2"
                + " 00000000c61679c8 20 0 0 11 -1\n"
                + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1"
                + " 0000000000000000 100 0 0 10 0\n";
        Parsed p = parse(rows, Proto.TCP, Family.IPV4);
        assertEquals(0, p.bad());
        assertEquals("timewait 58.6s/0", p.entries().get(0).details().timer().text());
        assertEquals("on 0.2s/2", p.entries().get(1).details().timer().text());
        assertEquals("off 0.0s/0", p.entries().get(2).details().timer().text());
    }

    @Test
    void keepsARowWhoseTimerColumnsDoNotParseButGivesItNoTimer() {
        String rows = TCP_HEADER
                + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 09:0000zz00 00000000     0        0 4242 1"
                + " 0000000000000000 100 0 0 10 0\n";
        Parsed p = parse(rows, Proto.TCP, Family.IPV4);
        assertEquals(0, p.bad());
        assertEquals(null, p.entries().get(0).details().timer());
    }

    @Test
    void givesUdpRowsNoTimer() {
        String row = "   0: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4243 2"
                + " 0000000000000000 0\n";
        Parsed p = parse(row, Proto.UDP, Family.IPV4);
        assertEquals(null, p.entries().get(0).details().timer());
    }
}
