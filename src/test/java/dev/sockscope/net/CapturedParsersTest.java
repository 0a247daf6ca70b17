package dev.sockscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The parsers on files captured from this kind of machine (capture-net.sh), checked against
 * what {@code ip -j} said of the same namespace at the same moment.
 */
class CapturedParsersTest {

    @Test
    void ipv4RoutesMatchIpRouteInTheVethNamespace() {
        Parsed<Route> p =
                RouteTableParser.ipv4(NetFixtures.text("captured/veth/proc/net/route"), ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, p.unparsed());
        assertEquals(
                IpOracle.routes(NetFixtures.text("captured/veth/ip-j-route.json"), "ipv4"),
                IpOracle.routes(p.items(), "ipv4"));
        Route def = p.items().get(0);
        assertTrue(def.isDefault());
        assertEquals("10.77.0.254", def.gateway());
        assertEquals("UG", def.flagLetters());
        assertEquals(100, def.metric());
    }

    @Test
    void ipv4RoutesMatchIpRouteOnTheHost() {
        Parsed<Route> p =
                RouteTableParser.ipv4(NetFixtures.text("captured/host/proc/net/route"), ByteOrder.LITTLE_ENDIAN);
        assertEquals(
                IpOracle.routes(NetFixtures.text("captured/host/ip-j-route.json"), "ipv4"),
                IpOracle.routes(p.items(), "ipv4"));
    }

    @Test
    void ipv6RoutesAreTheMainTableAsIpShowsIt() {
        for (String ns : List.of("veth", "host")) {
            Parsed<Route> p = RouteTableParser.ipv6(NetFixtures.text("captured/" + ns + "/proc/net/ipv6_route"));
            assertEquals(0, p.unparsed(), ns);
            assertEquals(
                    IpOracle.routes(NetFixtures.text("captured/" + ns + "/ip-j-6-route.json"), "ipv6"),
                    IpOracle.routes(p.items(), "ipv6"),
                    ns);
        }
    }

    @Test
    void arpEntriesAreTheIpv4NeighboursOfIpNeigh() {
        Parsed<Neighbor> p = ArpParser.parse(NetFixtures.text("captured/veth/proc/net/arp"));
        assertEquals(0, p.unparsed());
        List<String> ours = new ArrayList<>();
        for (Neighbor n : p.items()) {
            ours.add(n.address() + " " + n.mac() + " " + n.iface() + " " + n.state());
        }
        ours.sort(null);
        // /proc/net/arp says only permanent or complete (a valid entry: here STALE)
        assertEquals(
                List.of("10.77.0.254 02:00:00:77:00:fe vcap0 permanent", "10.77.0.9 02:00:00:77:00:09 vcap0 complete"),
                ours);
        List<String> ip = new ArrayList<>();
        for (String line : IpOracle.neighbors(NetFixtures.text("captured/veth/ip-j-neigh.json"))) {
            if (line.indexOf(':') > line.indexOf(' ') || !line.split(" ")[0].contains(":")) {
                ip.add(line.split(" ")[0] + " " + line.split(" ")[1]);
            }
        }
        List<String> ourPairs = new ArrayList<>();
        for (Neighbor n : p.items()) {
            ourPairs.add(n.address() + " " + n.mac());
        }
        ourPairs.sort(null);
        assertEquals(ip, ourPairs);
    }

    @Test
    void ifInet6IsEveryIpv6AddressOfIpAddr() {
        for (String ns : List.of("veth", "host")) {
            Parsed<IfInet6Parser.Entry> p =
                    IfInet6Parser.parse(NetFixtures.text("captured/" + ns + "/proc/net/if_inet6"));
            assertEquals(0, p.unparsed());
            Map<String, List<String>> ours = new TreeMap<>();
            Map<String, List<String>> ip =
                    IpOracle.addresses(NetFixtures.text("captured/" + ns + "/ip-j-addr.json"), "ipv6", false);
            for (String name : ip.keySet()) {
                ours.put(name, new ArrayList<>());
            }
            for (IfInet6Parser.Entry e : p.items()) {
                ours.get(e.iface()).add(e.address().cidr() + " " + e.address().scope());
            }
            for (List<String> l : ours.values()) {
                l.sort(null);
            }
            for (List<String> l : ip.values()) {
                l.sort(null);
            }
            assertEquals(ip, ours, ns);
        }
        IfInet6Parser.Entry fd =
                IfInet6Parser.parse(NetFixtures.text("captured/host/proc/net/if_inet6")).items().stream()
                        .filter(e -> e.address().address().equals("fd00::2"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(List.of("nodad"), fd.address().flags());
        assertEquals(4, fd.index());
    }

    @Test
    void netDevCountsEveryInterface() {
        Parsed<NetDevParser.DevCounters> p = NetDevParser.parse(NetFixtures.text("captured/host/proc/net/dev"));
        assertEquals(0, p.unparsed());
        List<String> names = new ArrayList<>();
        for (NetDevParser.DevCounters d : p.items()) {
            names.add(d.name());
        }
        assertEquals(List.of("lo", "ifb0", "ifb1", "eth0"), names);
        Counters lo = p.items().get(0).counters();
        assertEquals(lo.rxBytes(), lo.txBytes()); // what lo sends it receives
        assertEquals(lo.rxPackets(), lo.txPackets());
        assertTrue(lo.rxPackets() > 0);
        Counters ifb = p.items().get(1).counters();
        assertEquals(new Counters(0, 0, 0, 0, 0, 0, 0, 0), ifb);
    }

    @Test
    void sysFlagsNameLinksAsIpDoes() {
        Map<String, String> ip = new TreeMap<>();
        for (Map<String, Object> l : IpJson.array(NetFixtures.text("captured/host/ip-j-addr.json"))) {
            ip.put((String) l.get("ifname"), String.join(",", IpOracle.strings(l.get("flags"))));
        }
        Map<String, String> ours = new TreeMap<>();
        for (String name : ip.keySet()) {
            String base = "captured/host/sys/class/net/" + name + "/";
            int flags = Integer.decode(NetFixtures.text(base + "flags").strip());
            String oper = NetFixtures.text(base + "operstate").strip();
            Boolean carrier = null;
            try {
                carrier = NetFixtures.text(base + "carrier").strip().equals("1");
            } catch (IllegalArgumentException e) {
                // no carrier file: the kernel refused to read it (link down)
            }
            ours.put(name, String.join(",", LinkInfo.names(LinkInfo.effectiveFlags(flags, oper, carrier))));
        }
        assertEquals(ip, ours);
        assertEquals("LOOPBACK,UP,LOWER_UP", ours.get("lo"));
    }

    @Test
    void flagsOfAnUpLinkWithoutCarrierSayNoCarrier() {
        int flags = LinkInfo.effectiveFlags(
                LinkInfo.IFF_UP | LinkInfo.IFF_BROADCAST | LinkInfo.IFF_MULTICAST, "down", false);
        assertEquals(List.of("NO-CARRIER", "BROADCAST", "MULTICAST", "UP"), LinkInfo.names(flags));
    }

    @Test
    void resolvConfOfThisMachine() {
        ResolvConf c = ResolvConf.parse(NetFixtures.text("captured/resolv.conf"));
        assertEquals(List.of("10.255.255.53"), c.nameservers());
        assertEquals(List.of(), c.search());
        assertEquals(0, c.unparsed());
        assertTrue(!c.pointsAtLocalStub());
    }

    @Test
    void routeFlagsAndTextOfAHostRoute() {
        Route r = new Route("ipv4", "10.0.0.1", 32, null, "eth0", 0, Route.RTF_UP | Route.RTF_HOST, "unicast");
        assertEquals("UH", r.flagLetters());
        assertEquals("10.0.0.1/32", r.destinationText());
        assertNull(r.gateway());
    }
}
