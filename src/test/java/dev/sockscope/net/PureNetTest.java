package dev.sockscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Details;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.testing.Endpoints;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rates between readings, interface rows, listener reachability and address helpers: pure functions. */
class PureNetTest {
    static final NetInterface LO = new NetInterface(
            "lo",
            1,
            "unknown",
            true,
            List.of("LOOPBACK", "UP", "LOWER_UP"),
            65536,
            "00:00:00:00:00:00",
            "loopback",
            List.of(
                    new IfAddress("ipv4", "127.0.0.1", 8, "host", "lo", List.of()),
                    new IfAddress("ipv6", "::1", 128, "host", null, List.of())),
            new Counters(1000, 10, 0, 0, 1000, 10, 0, 0));
    static final NetInterface ETH = new NetInterface(
            "eth0",
            2,
            "up",
            true,
            List.of("BROADCAST", "MULTICAST", "UP", "LOWER_UP"),
            1500,
            "02:00:00:00:00:01",
            "ether",
            List.of(
                    new IfAddress("ipv4", "192.0.2.2", 24, "global", "eth0", List.of()),
                    new IfAddress("ipv6", "2001:db8::2", 64, "global", null, List.of()),
                    new IfAddress("ipv6", "fe80::1", 64, "link", null, List.of())),
            new Counters(5000, 50, 1, 2, 3000, 30, 0, 1));
    static final NetInterface ETH1 = new NetInterface(
            "eth1",
            3,
            "up",
            true,
            List.of("BROADCAST", "UP", "LOWER_UP"),
            1500,
            "02:00:00:00:00:02",
            "ether",
            List.of(new IfAddress("ipv4", "198.51.100.2", 24, "global", "eth1", List.of())),
            new Counters(0, 0, 0, 0, 0, 0, 0, 0));

    @Test
    void ratesAreTheDifferencePerSecond() {
        Counters a = new Counters(1000, 10, 0, 0, 500, 5, 0, 0);
        Counters b = new Counters(3000, 30, 0, 0, 1500, 6, 0, 0);
        assertEquals(new Rates(1000, 10, 500, 0.5), Rates.between(a, b, 2_000_000_000L));
    }

    @Test
    void noRateWithoutTimeOrWhenCountersWentBackwards() {
        Counters a = new Counters(1000, 10, 0, 0, 500, 5, 0, 0);
        Counters reset = new Counters(10, 1, 0, 0, 5, 1, 0, 0);
        assertNull(Rates.between(a, reset, 1_000_000_000L));
        assertNull(Rates.between(a, a, 0));
        assertNull(Rates.between(null, a, 1_000_000_000L));
    }

    @Test
    void interfaceRowsMatchReadingsByNameAndIndexAndMarkTheDefaultRoute() {
        NetInterface later = new NetInterface(
                "eth0",
                2,
                "up",
                true,
                ETH.flags(),
                1500,
                ETH.mac(),
                "ether",
                ETH.addresses(),
                new Counters(7000, 60, 1, 2, 3500, 35, 0, 1));
        NetInterface recreated = new NetInterface(
                "eth1",
                9,
                "up",
                true,
                ETH1.flags(),
                1500,
                ETH1.mac(),
                "ether",
                ETH1.addresses(),
                new Counters(100, 1, 0, 0, 0, 0, 0, 0));
        Route def = new Route("ipv4", "0.0.0.0", 0, "192.0.2.1", "eth0", 0, 3, "unicast");
        List<InterfaceRow> rows = InterfaceRows.build(
                List.of(LO, ETH, ETH1), List.of(LO, later, recreated), 500_000_000L, List.of(def), null);
        assertEquals(new Rates(0, 0, 0, 0), rows.get(0).rates());
        assertEquals(new Rates(4000, 20, 1000, 10), rows.get(1).rates());
        assertNull(rows.get(2).rates(), "a new index is a new interface: no rate");
        assertEquals(
                List.of(false, true, false),
                rows.stream().map(InterfaceRow::defaultRoute).toList());
        assertNull(rows.get(0).listeners());
        assertNull(InterfaceRows.build(null, List.of(LO), 0, List.of(), Map.of())
                .get(0)
                .rates());
    }

    private static SocketRow listener(
            Proto proto, Family family, String address, int port, State state, String device) {
        Details d = device == null
                ? Details.NONE
                : Details.NONE.toBuilder().iface(device).build();
        SocketEntry e = new SocketEntry(
                proto,
                family,
                Endpoints.address(address),
                port,
                Endpoints.address(family == Family.IPV4 ? "0.0.0.0" : "::"),
                0,
                state,
                100 + port,
                0,
                0,
                0,
                d);
        return new SocketRow(e, List.of(new Holder(42, "demo", "demo --serve", 0, "root")), "root");
    }

    @Test
    void listenersAreReachableWhereTheirAddressIs() {
        List<SocketRow> rows = List.of(
                listener(Proto.TCP, Family.IPV4, "0.0.0.0", 22, State.LISTEN, null),
                listener(Proto.TCP, Family.IPV4, "127.0.0.1", 631, State.LISTEN, null),
                listener(Proto.TCP, Family.IPV6, "::1", 632, State.LISTEN, null),
                listener(Proto.TCP, Family.IPV4, "192.0.2.2", 80, State.LISTEN, null),
                listener(Proto.TCP, Family.IPV6, "::ffff:198.51.100.2", 81, State.LISTEN, null),
                listener(Proto.UDP, Family.IPV4, "0.0.0.0", 68, State.UNCONN, "eth1"),
                listener(Proto.TCP, Family.IPV6, "fe80::1", 9100, State.LISTEN, "eth0"),
                listener(Proto.TCP, Family.IPV4, "203.0.113.9", 82, State.LISTEN, null),
                listener(Proto.TCP, Family.IPV4, "192.0.2.2", 5000, State.ESTABLISHED, null),
                listener(Proto.UDP, Family.IPV4, "192.0.2.2", 5001, State.ESTABLISHED, null));
        Map<String, List<Listener>> m = Reachability.listeners(List.of(LO, ETH, ETH1), rows);
        assertEquals(List.of("tcp 22 wildcard", "tcp 631 loopback", "tcp 632 loopback"), words(m.get("lo")));
        assertEquals(List.of("tcp 22 wildcard", "tcp 80 address", "tcp 9100 device"), words(m.get("eth0")));
        assertEquals(List.of("tcp 22 wildcard", "tcp 81 address", "udp 68 device"), words(m.get("eth1")));
        Listener ssh = m.get("eth0").get(0);
        assertEquals(42, ssh.pid());
        assertEquals("demo", ssh.process());
    }

    private static List<String> words(List<Listener> list) {
        return list.stream()
                .map(l -> l.proto() + " " + l.port() + " " + l.why())
                .toList();
    }

    @Test
    void addressLiteralsParseWithoutLookupsAndMatchPrefixes() {
        assertNull(Addresses.parse("localhost"));
        assertNull(Addresses.parse("1.2.3"));
        assertNull(Addresses.parse("256.1.1.1"));
        assertNull(Addresses.parse("1:2:3"));
        assertEquals(16, Addresses.parse("[fe80::1%eth0]").length);
        assertEquals("::ffff:10.0.0.5", Addresses.canonical("::ffff:10.0.0.5"));
        assertEquals("2001:db8::1", Addresses.canonical("2001:0DB8:0:0:0:0:0:1"));
        assertTrue(Addresses.inPrefix(Addresses.parse("10.77.5.5"), Addresses.parse("10.77.0.0"), 16));
        assertTrue(!Addresses.inPrefix(Addresses.parse("10.78.5.5"), Addresses.parse("10.77.0.0"), 16));
        assertTrue(Addresses.inPrefix(Addresses.parse("10.77.0.129"), Addresses.parse("10.77.0.128"), 25));
        assertEquals(
                64, Addresses.commonPrefix(Addresses.parse("2001:db8::1"), Addresses.parse("2001:db8::8000:0:0:1")));
        assertEquals(0, RouteTableParser.prefixOf(new byte[4]));
        assertEquals(-1, RouteTableParser.prefixOf(new byte[] {(byte) 255, 0, (byte) 255, 0}));
    }
}
