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
    void keysCycleAndParse() {
        assertEquals(SortKey.LOCAL, SortKey.PROTO.next());
        assertEquals(SortKey.PROTO, SortKey.USER.next());
        assertEquals(SortKey.PID, SortKey.parse(" PID "));
        assertNull(SortKey.parse("colour"));
    }

    @Test
    void dottedQuadsCompareAsNumbers() {
        assertEquals(-1, Long.signum(SortKey.compareAddress("9.0.0.1", "10.0.0.1")));
        assertEquals(-1, SortKey.ipv4Value("1.2.3"));
        assertEquals(-1, SortKey.ipv4Value("1.2.3.256"));
        assertEquals(0x7f000001L, SortKey.ipv4Value("127.0.0.1"));
        assertEquals(-1, Long.signum(SortKey.compareAddress("255.255.255.255", "::")));
    }
}
