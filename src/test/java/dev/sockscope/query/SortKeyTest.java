package dev.sockscope.query;

import static dev.sockscope.testing.Rows.SERVICES;
import static dev.sockscope.testing.Rows.holder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.testing.Rows;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortKeyTest {
    private final SocketRow a = Rows.tcp4("10.0.0.2", 80, "0.0.0.0", 0, State.LISTEN, 1, holder(50, "zeta", ""));
    private final SocketRow b = Rows.tcp4("9.0.0.1", 443, "0.0.0.0", 0, State.LISTEN, 2, holder(7, "Alpha", ""));
    private final SocketRow c = Rows.tcp6("::1", 22, "::", 0, State.LISTEN, 3);
    private final SocketRow d = Rows.udp4("127.0.0.1", 53, "0.0.0.0", 0, State.UNCONN, 4, holder(9, "dns", ""));

    private List<SocketRow> sorted(SortKey key, boolean reversed) {
        List<SocketRow> rows = new ArrayList<>(List.of(d, c, b, a));
        key.sort(rows, SERVICES, reversed);
        return rows;
    }

    @Test
    void protoOrderPutsTcpV4ThenV6ThenUdpAndAddressesNumerically() {
        assertEquals(List.of(b, a, c, d), sorted(SortKey.PROTO, false));
        // reversing turns the key around, not the tie-breakers: b before a in both orders
        assertEquals(List.of(d, c, b, a), sorted(SortKey.PROTO, true));
    }

    @Test
    void pidSortPutsRowsWithoutOwnerLast() {
        assertEquals(List.of(b, d, a, c), sorted(SortKey.PID, false));
        assertEquals(List.of(c, a, d, b), sorted(SortKey.PID, true));
    }

    @Test
    void processSortIgnoresCase() {
        assertEquals(List.of(b, d, a, c), sorted(SortKey.PROCESS, false));
    }

    @Test
    void serviceSortUsesNames() {
        // domain is unknown to the test registry: last, then by the tie-breakers
        assertEquals(List.of(a, b, c, d), sorted(SortKey.SERVICE, false));
    }

    @Test
    void keysParse() {
        assertEquals(SortKey.PID, SortKey.parse(" PID "));
        assertNull(SortKey.parse("colour"));
    }

    @Test
    void addressesCompareAsNumbers() {
        SocketRow low = Rows.tcp4("9.0.0.1", 80, "0.0.0.0", 0, State.LISTEN, 5);
        SocketRow high = Rows.tcp4("10.0.0.1", 80, "0.0.0.0", 0, State.LISTEN, 6);
        SocketRow v6a = Rows.tcp6("::1", 80, "::", 0, State.LISTEN, 7);
        SocketRow v6b = Rows.tcp6("2001:db8::1", 80, "::", 0, State.LISTEN, 8);
        List<SocketRow> rows = new ArrayList<>(List.of(v6b, high, v6a, low));
        SortKey.LOCAL.sort(rows, SERVICES, false);
        // 9 before 10 (not as text), IPv4 before IPv6, ::1 before 2001:db8::1 (not as text)
        assertEquals(List.of(low, high, v6a, v6b), rows);
    }

    /** The tie-breakers as documented, written plainly: the reference for the packed keys. */
    private static int reference(SocketRow x, SocketRow y) {
        dev.sockscope.model.SocketEntry a = x.entry();
        dev.sockscope.model.SocketEntry b = y.entry();
        int c = Integer.compare(
                a.proto().ordinal() * 4 + a.family().ordinal(),
                b.proto().ordinal() * 4 + b.family().ordinal());
        if (c == 0) {
            c = a.localAddress().compareTo(b.localAddress());
        }
        if (c == 0) {
            c = Integer.compare(a.localPort(), b.localPort());
        }
        if (c == 0) {
            c = a.remoteAddress().compareTo(b.remoteAddress());
        }
        if (c == 0) {
            c = Integer.compare(a.remotePort(), b.remotePort());
        }
        return c != 0 ? c : Long.compare(a.inode(), b.inode());
    }

    @Test
    void packedKeysSortAsTheTieBreakersSay() {
        java.util.Random random = new java.util.Random(42);
        String[] v4 = {"0.0.0.0", "9.0.0.1", "10.0.0.2", "127.0.0.1", "127.0.0.2", "255.255.255.255"};
        String[] v6 = {"::", "::1", "fe80::1"};
        List<SocketRow> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int kind = random.nextInt(4);
            String l = kind == 2 ? v6[random.nextInt(v6.length)] : v4[random.nextInt(v4.length)];
            String r = kind == 2 ? v6[random.nextInt(v6.length)] : v4[random.nextInt(v4.length)];
            int lp = random.nextInt(4) == 0 ? 65535 : random.nextInt(70);
            int rp = random.nextInt(70);
            long inode = random.nextInt(50);
            rows.add(
                    kind == 0
                            ? Rows.tcp4(l, lp, r, rp, State.ESTABLISHED, inode)
                            : kind == 1
                                    ? Rows.udp4(l, lp, r, rp, State.ESTABLISHED, inode)
                                    : kind == 2
                                            ? Rows.tcp6(l, lp, r, rp, State.ESTABLISHED, inode)
                                            : Rows.unix(
                                                    random.nextBoolean() ? "/run/a" + random.nextInt(5) : "1.2.3.4",
                                                    State.LISTEN,
                                                    inode));
        }
        List<SocketRow> expected = new ArrayList<>(rows);
        expected.sort(SortKeyTest::reference);
        List<SocketRow> actual = new ArrayList<>(rows);
        SortKey.PROTO.sort(actual, SERVICES, false);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(0, reference(expected.get(i), actual.get(i)), "row " + i);
        }
    }
}
