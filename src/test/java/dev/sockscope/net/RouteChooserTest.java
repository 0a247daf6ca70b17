package dev.sockscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockscope.net.linux.LinuxNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The computed route choice on the captured veth namespace, against the kernel's own answers
 * ({@code ip -j route get}) captured there at the same moment.
 */
class RouteChooserTest {
    @TempDir
    static Path dir;

    static List<Route> routes;
    static List<NetInterface> interfaces;

    @BeforeAll
    static void read() throws NetException {
        Path root = NetFixtures.tree("captured/veth", dir.resolve("veth"));
        LinuxNetwork n = new LinuxNetwork(
                root.resolve("proc"), root.resolve("sys"), dir, dir, () -> new Replay("captured/veth/rtnl"));
        routes = n.routes();
        interfaces = n.interfaces();
    }

    @Test
    void everyCapturedDestinationGoesWhereTheKernelSentIt() {
        for (String dst : List.of(
                "198.51.100.7",
                "10.77.0.77",
                "10.77.5.5",
                "192.0.2.9",
                "10.77.0.2",
                "2001:db8:99::7",
                "2001:db8:77::9",
                "2001:db8:5::1")) {
            Map<String, Object> ip = IpJson.array(
                            NetFixtures.text("captured/veth/ip-j-route-get-" + dst.replace(':', '_') + ".json"))
                    .get(0);
            RouteLookup l = RouteChooser.choose(Addresses.parse(dst), routes, interfaces);
            assertEquals(ip.getOrDefault("type", "unicast"), l.type(), dst);
            assertEquals(ip.get("dev"), l.iface(), dst);
            assertEquals(ip.get("gateway"), l.gateway(), dst);
            assertEquals(ip.get("prefsrc"), l.source(), dst);
            assertEquals("computed", l.method());
        }
    }

    @Test
    void theLongerPrefixWinsOverTheDefaultAndTheLowerMetricBreaksTies() {
        Route wide =
                new Route("ipv4", "10.0.0.0", 8, "10.77.0.3", "vcap0", 5, Route.RTF_UP | Route.RTF_GATEWAY, "unicast");
        Route narrowHigh = new Route("ipv4", "10.1.0.0", 16, "10.77.0.4", "vcap0", 300, 3, "unicast");
        Route narrowLow = new Route("ipv4", "10.1.0.0", 16, "10.77.0.5", "vcap0", 100, 3, "unicast");
        RouteLookup l =
                RouteChooser.choose(Addresses.parse("10.1.2.3"), List.of(wide, narrowHigh, narrowLow), interfaces);
        assertEquals("10.77.0.5", l.gateway());
        assertEquals("10.1.0.0/16", l.route());
        assertEquals(100, l.metric());
        assertEquals("10.77.0.1", l.source());
    }

    @Test
    void noFittingRouteIsUnreachable() {
        RouteLookup l = RouteChooser.choose(
                Addresses.parse("2001:db8:1::1"),
                routes.stream().filter(r -> !r.isDefault()).toList(),
                interfaces);
        assertEquals("unreachable", l.type());
        assertEquals(null, l.iface());
    }
}
