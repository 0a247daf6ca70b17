package dev.sockscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bad lines are skipped and counted, never turned into made-up values; the good lines around them survive. */
class MalformedInputTest {

    @Test
    void routeKeepsGoodLinesAndCountsFiveBad() {
        Parsed<Route> p = RouteTableParser.ipv4(NetFixtures.text("malformed/route"), ByteOrder.LITTLE_ENDIAN);
        assertEquals(5, p.unparsed());
        assertEquals(
                List.of("0.0.0.0/0 via 10.77.0.254", "198.51.100.0/24 via 10.77.0.3"),
                p.items().stream()
                        .map(r -> r.destination() + "/" + r.prefix() + " via " + r.gateway())
                        .toList());
    }

    @Test
    void ipv6RouteKeepsOneAndCountsFourBad() {
        Parsed<Route> p = RouteTableParser.ipv6(NetFixtures.text("malformed/ipv6_route"));
        assertEquals(4, p.unparsed());
        assertEquals(1, p.items().size());
        assertEquals("2001:db8:99::", p.items().get(0).destination());
        assertEquals(48, p.items().get(0).prefix());
        assertEquals(50, p.items().get(0).metric());
    }

    @Test
    void arpKeepsTwoAndCountsThreeBad() {
        Parsed<Neighbor> p = ArpParser.parse(NetFixtures.text("malformed/arp"));
        assertEquals(3, p.unparsed());
        assertEquals(2, p.items().size());
        assertEquals("permanent", p.items().get(0).state());
        Neighbor incomplete = p.items().get(1);
        assertEquals("10.77.0.5", incomplete.address());
        assertEquals("incomplete", incomplete.state());
        assertNull(incomplete.mac());
    }

    @Test
    void devKeepsTwoAndCountsThreeBad() {
        Parsed<NetDevParser.DevCounters> p = NetDevParser.parse(NetFixtures.text("malformed/dev"));
        assertEquals(3, p.unparsed());
        assertEquals(
                List.of("lo", "eth0"),
                p.items().stream().map(NetDevParser.DevCounters::name).toList());
        assertEquals(282805, p.items().get(1).counters().txBytes());
    }

    @Test
    void ifInet6KeepsTwoAndCountsThreeBad() {
        Parsed<IfInet6Parser.Entry> p = IfInet6Parser.parse(NetFixtures.text("malformed/if_inet6"));
        assertEquals(3, p.unparsed());
        assertEquals(
                List.of("::1/128", "fd00::2/64"),
                p.items().stream().map(e -> e.address().cidr()).toList());
    }

    @Test
    void resolvConfKeepsValidServersAndCountsThreeBad() {
        ResolvConf c = ResolvConf.parse(NetFixtures.text("malformed/resolv.conf"));
        assertEquals(3, c.unparsed());
        assertEquals(List.of("10.0.0.1", "fe80::1%eth0", "2001:db8::53"), c.nameservers());
        assertEquals(List.of("b.example", "c.example"), c.search());
        assertEquals(List.of("ndots:2", "edns0"), c.options());
    }

    @Test
    void emptyAndHeaderOnlyFilesGiveNothingAndNoError() {
        assertEquals(new Parsed<Route>(List.of(), 0), RouteTableParser.ipv4(""));
        assertEquals(
                0,
                RouteTableParser.ipv4(
                                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n")
                        .items()
                        .size());
        assertEquals(
                0,
                ArpParser.parse("IP address       HW type     Flags       HW address            Mask     Device\n")
                        .items()
                        .size());
        assertEquals(new Parsed<NetDevParser.DevCounters>(List.of(), 0), NetDevParser.parse(""));
        assertEquals(0, ResolvConf.parse("").nameservers().size());
    }

    @Test
    void binaryJunkNeverThrows() {
        Random random = new Random(16);
        for (int round = 0; round < 300; round++) {
            byte[] b = new byte[random.nextInt(400)];
            random.nextBytes(b);
            String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
            // each must return (a count of bad lines), whatever the bytes
            List<Integer> counts = new ArrayList<>();
            counts.add(RouteTableParser.ipv4(s).unparsed());
            counts.add(RouteTableParser.ipv6(s).unparsed());
            counts.add(ArpParser.parse(s).unparsed());
            counts.add(NetDevParser.parse(s).unparsed());
            counts.add(IfInet6Parser.parse(s).unparsed());
            counts.add(ResolvConf.parse(s).unparsed());
            for (int c : counts) {
                assertEquals(true, c >= 0);
            }
        }
    }
}
