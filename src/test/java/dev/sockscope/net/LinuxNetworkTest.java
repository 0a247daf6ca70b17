package dev.sockscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.net.linux.LinuxNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux reader on the captured veth namespace (its {@code /proc/net}, {@code /sys/class/net}
 * and rtnetlink answers), compared with {@code ip -j} of the same moment; and without rtnetlink.
 */
class LinuxNetworkTest {
    @TempDir
    static Path dir;

    static Path root;

    @BeforeAll
    static void copyTree() {
        root = NetFixtures.tree("captured/veth", dir.resolve("veth"));
    }

    private static LinuxNetwork withRtnl() {
        return new LinuxNetwork(
                root.resolve("proc"),
                root.resolve("sys"),
                root.resolve("none"),
                root.resolve("none"),
                () -> new Replay("captured/veth/rtnl"));
    }

    private static LinuxNetwork filesOnly() {
        return new LinuxNetwork(
                root.resolve("proc"), root.resolve("sys"), root.resolve("none"), root.resolve("none"), () -> null);
    }

    @Test
    void interfacesAreWhatIpAddrSays() throws NetException {
        String ip = NetFixtures.text("captured/veth/ip-j-addr.json");
        List<NetInterface> list = withRtnl().interfaces();
        assertEquals(IpOracle.links(ip), IpOracle.links(list));
        assertEquals(IpOracle.addresses(ip, null, true), IpOracle.addresses(list, null, true));
        NetInterface vcap0 = list.get(2);
        assertEquals("vcap0", vcap0.name());
        assertEquals(1450, vcap0.mtu());
        assertEquals(Boolean.TRUE, vcap0.carrier());
        assertEquals("ether", vcap0.linkType());
        assertTrue(vcap0.counters().txPackets() > 0, "the ping of capture-net.sh left vcap0");
    }

    @Test
    void withoutRtnetlinkTheCapturedTreeGivesIpv6AddressesAndSaysIpv4AreMissing() throws NetException {
        LinuxNetwork n = filesOnly();
        List<NetInterface> list = n.interfaces();
        String ip = NetFixtures.text("captured/veth/ip-j-addr.json");
        Map<String, List<String>> want = IpOracle.addresses(ip, "ipv6", false);
        Map<String, List<String>> have = IpOracle.addresses(list, "ipv6", false);
        for (List<String> l : want.values()) {
            l.sort(null);
        }
        for (List<String> l : have.values()) {
            l.sort(null);
        }
        assertEquals(want, have);
        assertTrue(IpOracle.addresses(list, "ipv4", false).values().stream().allMatch(List::isEmpty));
        assertTrue(
                n.notes().stream().anyMatch(s -> s.contains("no IPv4 addresses")),
                n.notes().toString());
    }

    @Test
    void routesAreIpRouteOfBothFamilies() throws NetException {
        List<Route> routes = withRtnl().routes();
        assertEquals(
                IpOracle.routes(NetFixtures.text("captured/veth/ip-j-route.json"), "ipv4"),
                IpOracle.routes(routes, "ipv4"));
        assertEquals(
                IpOracle.routes(NetFixtures.text("captured/veth/ip-j-6-route.json"), "ipv6"),
                IpOracle.routes(routes, "ipv6"));
    }

    @Test
    void neighboursOverRtnetlinkAreIpNeighWithTheGatewaysMarked() throws NetException {
        List<Neighbor> list = withRtnl().neighbors();
        assertEquals(IpOracle.neighbors(NetFixtures.text("captured/veth/ip-j-neigh.json")), IpOracle.neighbors(list));
        for (Neighbor n : list) {
            boolean gateway = n.address().equals("10.77.0.254") || n.address().equals("2001:db8:77::fe");
            assertEquals(gateway, n.gateway(), n.toString());
        }
    }

    @Test
    void neighboursWithoutRtnetlinkAreTheArpCacheAndANote() throws NetException {
        LinuxNetwork n = filesOnly();
        List<Neighbor> list = n.neighbors();
        assertEquals(2, list.size());
        assertTrue(list.stream().allMatch(x -> x.family().equals("ipv4")));
        assertTrue(list.stream().anyMatch(x -> x.gateway() && x.address().equals("10.77.0.254")));
        assertTrue(n.notes().stream().anyMatch(s -> s.contains("IPv6 (NDP) neighbours need rtnetlink")));
    }

    @Test
    void routeLookupsAskTheKernelWhenTheyCan() throws NetException {
        RouteLookup l = withRtnl().routeTo(Addresses.parse("198.51.100.7"));
        assertEquals(
                new RouteLookup("198.51.100.7", "unicast", "vcap0", "10.77.0.3", "10.77.0.1", null, -1, "kernel"), l);
        RouteLookup none = withRtnl().routeTo(Addresses.parse("203.0.113.1"));
        assertEquals("unreachable", none.type());
    }

    @Test
    void aMissingRouteTableIsUnreadable(@TempDir Path empty) throws Exception {
        Files.createDirectories(empty.resolve("proc/net"));
        LinuxNetwork n =
                new LinuxNetwork(empty.resolve("proc"), null, empty.resolve("x"), empty.resolve("y"), () -> null);
        NetException e = assertThrows(NetException.class, n::routes);
        assertTrue(e.getMessage().contains("cannot read the routing tables"), e.getMessage());
        assertThrows(NetException.class, n::interfaces);
        assertThrows(NetException.class, n::resolvers);
    }

    @Test
    void resolversBehindTheSystemdStubNameItsUpstreamServers(@TempDir Path etc) throws Exception {
        Path conf = etc.resolve("resolv.conf");
        Path upstream = etc.resolve("upstream.conf");
        Files.writeString(conf, NetFixtures.text("malformed/resolv.conf-stub"));
        Files.writeString(upstream, NetFixtures.text("malformed/resolv.conf-upstream"));
        Resolvers r = new LinuxNetwork(root.resolve("proc"), null, conf, upstream, () -> null).resolvers();
        assertEquals("systemd-resolved", r.stub());
        assertEquals(List.of("127.0.0.53"), r.conf().nameservers());
        assertEquals(List.of("192.168.1.1", "2001:db8::1"), r.upstream().nameservers());
        assertEquals(List.of("lan"), r.upstream().search());
        assertTrue(r.unreadable().isEmpty());

        Files.delete(upstream);
        Resolvers missing = new LinuxNetwork(root.resolve("proc"), null, conf, upstream, () -> null).resolvers();
        assertNull(missing.upstream());
        assertEquals(1, missing.unreadable().size());
        assertTrue(
                missing.unreadable().get(0).contains("no such file"),
                missing.unreadable().toString());
    }

    @Test
    void resolversOfThisMachinesFileAreNotAStub() throws Exception {
        Path conf = dir.resolve("host-resolv.conf");
        Files.writeString(conf, NetFixtures.text("captured/resolv.conf"));
        Resolvers r = new LinuxNetwork(root.resolve("proc"), null, conf, dir.resolve("none"), () -> null).resolvers();
        assertNull(r.stub());
        assertFalse(r.conf().nameservers().isEmpty());
    }
}
