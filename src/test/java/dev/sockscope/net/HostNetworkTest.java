package dev.sockscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.net.linux.LinuxNetwork;
import dev.sockscope.net.linux.NetworkSources;
import dev.sockscope.testing.Run;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The readers on the machine running the tests, compared with {@code ip -j} run right before
 * and after (a neighbour's state may change in between: then the pair is read again).
 */
@Tag("live")
class HostNetworkTest {

    @BeforeAll
    static void needsIp() {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "needs iproute2's ip to compare with");
        assumeTrue(Files.isDirectory(Path.of("/proc/net")), "needs Linux /proc/net");
    }

    static String ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return out;
    }

    private static NetworkSource open() throws NetException {
        return NetworkSources.open("auto", Path.of("/proc"));
    }

    @Test
    void interfacesAreIpAddr() throws Exception {
        try (NetworkSource n = open()) {
            String before = ip("-j", "addr");
            List<NetInterface> list = n.interfaces();
            assertEquals(IpOracle.links(before), IpOracle.links(list));
            assertEquals(IpOracle.addresses(before, null, true), IpOracle.addresses(list, null, true));
            assertTrue(n.notes().isEmpty(), "read over rtnetlink: " + n.notes());
        }
    }

    @Test
    void ipv4AddressesFromTheJdkAgreeWithIpWhereRtnetlinkIsNotUsed() throws Exception {
        LinuxNetwork n = new LinuxNetwork(
                Path.of("/proc"), Path.of("/sys"), Path.of("/etc/resolv.conf"), Path.of("/x"), () -> null);
        String ipJson = ip("-j", "addr");
        Map<String, List<String>> ip = IpOracle.addresses(ipJson, "ipv4", false);
        Map<String, List<String>> ours = new java.util.TreeMap<>();
        for (NetInterface i : n.interfaces()) {
            List<String> a = new ArrayList<>();
            for (IfAddress x : i.addresses()) {
                if (x.family().equals("ipv4")) {
                    a.add(x.cidr());
                }
            }
            ours.put(i.name(), a);
        }
        Map<String, List<String>> ipCidrs = new java.util.TreeMap<>();
        ip.forEach((k, v) -> ipCidrs.put(k, v.stream().map(s -> s.split(" ")[0]).toList()));
        assertEquals(ipCidrs, ours);
        assertTrue(
                n.notes().stream().anyMatch(s -> s.contains("java.net.NetworkInterface")),
                n.notes().toString());
    }

    @Test
    void routesAreIpRouteAndIp6Route() throws Exception {
        try (NetworkSource n = open()) {
            List<Route> routes = n.routes();
            assertEquals(IpOracle.routes(ip("-j", "route"), "ipv4"), IpOracle.routes(routes, "ipv4"));
            assertEquals(IpOracle.routes(ip("-j", "-6", "route"), "ipv6"), IpOracle.routes(routes, "ipv6"));
        }
    }

    @Test
    void neighboursAreIpNeigh() throws Exception {
        try (NetworkSource n = open()) {
            for (int attempt = 0; ; attempt++) {
                String before = ip("-j", "neigh");
                List<Neighbor> list = n.neighbors();
                String after = ip("-j", "neigh");
                if (!before.equals(after) && attempt < 5) {
                    continue; // a state changed while we read: read the pair again
                }
                assertEquals(IpOracle.neighbors(before), IpOracle.neighbors(list));
                break;
            }
        }
    }

    @Test
    void routeLookupsAreIpRouteGetBothAskedAndComputed() throws Exception {
        try (NetworkSource n = open()) {
            List<Route> routes = n.routes();
            List<NetInterface> interfaces = n.interfaces();
            List<String> destinations = new ArrayList<>(List.of("1.1.1.1", "127.0.0.1", "127.3.4.5", "::1"));
            for (NetInterface i : interfaces) {
                for (IfAddress a : i.addresses()) {
                    destinations.add(a.address()); // local
                }
            }
            for (Route r : routes) {
                if (r.gateway() != null) {
                    destinations.add(r.gateway());
                }
                if (!r.isDefault() && r.family().equals("ipv6")) {
                    byte[] b = Addresses.parse(r.destination());
                    b[15] = 9;
                    destinations.add(dev.sockscope.model.InetText.format(b));
                }
            }
            if (routes.stream().anyMatch(r -> r.family().equals("ipv6") && r.isDefault())) {
                destinations.add("2001:db8:ffff::1");
            }
            for (String dst : destinations) {
                if (Addresses.isLinkLocal(Addresses.parse(dst))) {
                    continue; // a link-local destination needs a scope that ip route get does not take here
                }
                Map<String, Object> ip =
                        IpJson.array(ip("-j", "route", "get", dst)).get(0);
                RouteLookup kernel = n.routeTo(Addresses.parse(dst));
                RouteLookup computed = RouteChooser.choose(Addresses.parse(dst), routes, interfaces);
                for (RouteLookup l : List.of(kernel, computed)) {
                    String what = dst + " " + l.method();
                    assertEquals(ip.getOrDefault("type", "unicast"), l.type(), what);
                    assertEquals(ip.get("dev"), l.iface(), what);
                    assertEquals(ip.get("gateway"), l.gateway(), what);
                    assertEquals(ip.get("prefsrc"), l.source(), what);
                }
                assertEquals("kernel", kernel.method());
            }
        }
    }

    @Test
    void resolversAreResolvConf() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/etc/resolv.conf")), "no /etc/resolv.conf here");
        List<String> servers = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/etc/resolv.conf"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].equals("nameserver")) {
                servers.add(f[1]);
            }
        }
        try (NetworkSource n = open()) {
            assertEquals(servers, n.resolvers().conf().nameservers());
        }
    }

    @Test
    void listenersShowOnTheInterfacesTheyAreReachableOn() throws Exception {
        try (ServerSocket loopback = new ServerSocket();
                ServerSocket wildcard = new ServerSocket()) {
            loopback.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            wildcard.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            Run run = Run.of("-i", "--json");
            assertEquals(0, run.status, run.toString());
            long pid = ProcessHandle.current().pid();
            for (Map<String, Object> i : IpJson.array(run.out)) {
                List<String> ports = new ArrayList<>();
                for (Object o : (List<?>) i.get("listeners")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> l = (Map<String, Object>) o;
                    if (Long.valueOf(pid).equals(l.get("pid"))) {
                        // the JDK binds dual-stack IPv6 sockets: 0.0.0.0 is ::, 127.0.0.1 is ::ffff:127.0.0.1
                        String a = ((String) l.get("address")).replace("::ffff:", "");
                        ports.add((a.equals("::") ? "0.0.0.0" : a) + ":" + l.get("port") + " " + l.get("why"));
                    }
                }
                ports.sort(null);
                boolean isLo = ((List<?>) i.get("flags")).contains("LOOPBACK");
                List<String> want = new ArrayList<>();
                want.add("0.0.0.0:" + wildcard.getLocalPort() + " wildcard");
                if (isLo) {
                    want.add("127.0.0.1:" + loopback.getLocalPort() + " loopback");
                }
                want.sort(null);
                assertEquals(want, ports, String.valueOf(i.get("name")));
            }
        }
    }
}
