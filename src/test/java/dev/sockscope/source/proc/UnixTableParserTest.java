package dev.sockscope.source.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnixTableParserTest {
    private static final String HEADER = "Num       RefCount Protocol Flags    Type St Inode Path\n";

    private final UnixTableParser parser = new UnixTableParser();

    /** Rows as "TYPE STATE inode 'path'", plus the malformed count. */
    private record Parsed(List<SocketEntry> entries, List<String> rows, int bad) {}

    private Parsed parse(byte[] data) {
        List<SocketEntry> entries = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        int bad = parser.parse(data, data.length, (e, type) -> {
            entries.add(e);
            rows.add(type + " " + e.state() + " " + e.inode() + " '"
                    + e.localAddress().text() + "'");
        });
        return new Parsed(entries, rows, bad);
    }

    private Parsed parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesEveryRowOfTheCapturedUnixTable() {
        Parsed p = parse(ProcFixtures.bytes("proc/captured/net/unix"));
        assertEquals(
                List.of(
                        "STREAM CONNECTED 1142 ''",
                        "STREAM CONNECTED 1141 ''",
                        "STREAM CONNECTED 8255 ''",
                        "STREAM CONNECTED 8250 '/tmp/sockscope fixture/a b.sock'",
                        "STREAM CONNECTED 8256 ''",
                        "STREAM CONNECTED 8249 ''",
                        "DGRAM CONNECTED 8252 ''",
                        "STREAM LISTEN 8248 '/tmp/sockscope fixture/a b.sock'",
                        "DGRAM CONNECTED 8251 '/tmp/sockscope fixture/d\u00e9j\u00e0.sock'",
                        "DGRAM UNCONN 8257 '/tmp/sockscope fixture/bad\ufffdname'",
                        "SEQPACKET LISTEN 8254 '@sockscope-seq'",
                        "STREAM LISTEN 8253 '@sockscope-fixture'"),
                p.rows());
        assertEquals(0, p.bad());
    }

    @Test
    void fillsUnixRowsWithNoPortsNoPeerAndUnknownCounters() {
        SocketEntry e =
                parse(ProcFixtures.bytes("proc/captured/net/unix")).entries().get(7);
        assertEquals(
                new SocketEntry(
                        Proto.UNIX,
                        Family.UNIX,
                        Address.path("/tmp/sockscope fixture/a b.sock"),
                        SocketEntry.NO_PORT,
                        Address.NO_PATH,
                        SocketEntry.NO_PORT,
                        State.LISTEN,
                        8248,
                        SocketEntry.UNKNOWN,
                        SocketEntry.UNKNOWN,
                        SocketEntry.UNKNOWN),
                e);
    }

    @Test
    void sharesThePathStringOfAListenerAndItsAcceptedSocket() {
        List<SocketEntry> e =
                parse(ProcFixtures.bytes("proc/captured/net/unix")).entries();
        assertEquals(8250, e.get(3).inode());
        assertEquals(8248, e.get(7).inode());
        assertSame(e.get(3).localAddress(), e.get(7).localAddress());
    }

    @Test
    void keepsAbstractNamesWithTheirAtSign() {
        Parsed p = parse(HEADER + "0000000000000000: 00000002 00000000 00010000 0001 01 20001 @/tmp/.X11-unix/X0\n"
                + "0000000000000000: 00000002 00000000 00000000 0002 01 20002 @00001\n");
        assertEquals(List.of("STREAM LISTEN 20001 '@/tmp/.X11-unix/X0'", "DGRAM UNCONN 20002 '@00001'"), p.rows());
    }

    @ParameterizedTest(name = "flags {0} St {1} -> {2}")
    @CsvSource({
        "00010000, 01, LISTEN", "00000000, 01, UNCONN", "00000000, 02, CONNECTED",
        "00000000, 03, CONNECTED", "00000000, 04, UNCONN", "00010000, 03, LISTEN"
    })
    void mapsFlagsAndStToUnixStates(String flags, String st, State expected) {
        Parsed p = parse(HEADER + "0000000000000000: 00000002 00000000 " + flags + " 0001 " + st + " 20003\n");
        assertEquals(0, p.bad());
        assertEquals(expected, p.entries().get(0).state());
    }

    @Test
    void mapsTheThreeUnixSocketTypes() {
        Parsed p = parse(HEADER + "0000000000000000: 00000002 00000000 00000000 0001 01 1\n"
                + "0000000000000000: 00000002 00000000 00000000 0002 01 2\n"
                + "0000000000000000: 00000002 00000000 00000000 0005 01 3\n");
        assertEquals(List.of("STREAM UNCONN 1 ''", "DGRAM UNCONN 2 ''", "SEQPACKET UNCONN 3 ''"), p.rows());
    }

    @Test
    void keepsLeadingAndTrailingSpacesOfAPath() {
        Parsed p = parse(HEADER + "0000000000000000: 00000002 00000000 00000000 0001 01 20004  odd name \n");
        assertEquals(List.of("STREAM UNCONN 20004 ' odd name '"), p.rows());
    }

    @Test
    void keepsALineFeedInsideAPath() {
        Parsed p = parse(HEADER + "0000000000000000: 00000002 00000000 00000000 0001 01 20005 /tmp/two\nlines\n"
                + "0000000000000000: 00000002 00000000 00000000 0001 01 20006 /tmp/next\n");
        assertEquals(List.of("STREAM UNCONN 20005 '/tmp/two\nlines'", "STREAM UNCONN 20006 '/tmp/next'"), p.rows());
        assertEquals(0, p.bad());
    }

    @Test
    void readsRowsWith32BitKernelPointers() {
        Parsed p = parse(HEADER + "c1a2b3c4: 00000002 00000000 00000000 0001 03  7001\n");
        assertEquals(List.of("STREAM CONNECTED 7001 ''"), p.rows());
    }

    @Test
    void skipsAndCountsMalformedUnixRows() {
        Parsed p = parse(ProcFixtures.bytes("proc/malformed/unix-malformed"));
        assertEquals(List.of("STREAM LISTEN 43001 '/run/a.sock'", "DGRAM CONNECTED 43009 ''"), p.rows());
        assertEquals(8, p.bad());
    }

    @Test
    void readsNothingFromAHeaderOnlyOrEmptyTable() {
        assertEquals(0, parse(HEADER).entries().size() + parse(HEADER).bad());
        assertEquals(0, parse("").entries().size() + parse("").bad());
    }

    @Test
    void appendsToAListThroughTheListOverload() {
        byte[] data = (HEADER + "0000000000000000: 00000002 00000000 00000000 0001 01 20007 /x\n")
                .getBytes(StandardCharsets.US_ASCII);
        List<SocketEntry> out = new ArrayList<>();
        assertEquals(0, parser.parse(data, data.length, out));
        assertEquals("/x", out.get(0).localAddress().text());
    }
}
