package dev.sockscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.testing.Launch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/sockscope} run inside a network namespace this test creates: a veth pair with
 * IPv4 and IPv6 addresses (one labelled), static routes, and permanent and stale neighbour
 * entries of both families. Each view is compared with what {@code ip -j} says of the same
 * namespace; the neighbours also as {@code nobody} (rtnetlink needs no privilege). The
 * namespace is removed afterwards; no packet leaves it.
 */
@Tag("live")
class NetnsIT {
    static final String NS = "sockscope-it-" + ProcessHandle.current().pid();
    static boolean created;

    static Launch sh(String... command) throws IOException, InterruptedException {
        return Launch.run(List.of(command), Map.of(), 60);
    }

    static void must(String... command) throws IOException, InterruptedException {
        Launch l = sh(command);
        assertEquals(0, l.status, String.join(" ", command) + "\n" + l);
    }

    static String ipJson(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", NS, "-j"));
        cmd.addAll(List.of(args));
        Launch l = Launch.run(cmd, Map.of(), 30);
        assertEquals(0, l.status, l.toString());
        return l.out;
    }

    /** {@code bin/sockscope ARGS} inside the namespace, as root. */
    static Launch sockscope(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", NS));
        cmd.addAll(Launch.launcher(args));
        return Launch.run(cmd, Map.of(), 120);
    }

    @BeforeAll
    static void createNamespace() throws Exception {
        assumeTrue(
                new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "needs root to create a network namespace");
        assumeTrue(
                Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "needs iproute2's ip");
        Launch add = sh("ip", "netns", "add", NS);
        assumeTrue(add.status == 0, "ip netns add is refused here: " + add.err);
        created = true;
        String[][] setup = {
            {"link", "add", "vit0", "type", "veth", "peer", "name", "vit1"},
            {"link", "set", "lo", "up"},
            {"link", "set", "vit0", "up", "mtu", "1420"},
            {"link", "set", "vit1", "up"},
            {"addr", "add", "10.88.0.1/24", "dev", "vit0"},
            {"addr", "add", "10.88.9.1/16", "dev", "vit0", "label", "vit0:9"},
            {"addr", "add", "10.88.0.2/24", "dev", "vit1"},
            {"-6", "addr", "add", "2001:db8:88::1/64", "dev", "vit0", "nodad"},
            {"-6", "addr", "add", "2001:db8:88::2/64", "dev", "vit1", "nodad"},
            {"route", "add", "default", "via", "10.88.0.254", "dev", "vit0", "metric", "100"},
            {"route", "add", "198.51.100.0/24", "via", "10.88.0.3", "dev", "vit0", "metric", "20"},
            {"-6", "route", "add", "default", "via", "2001:db8:88::fe", "dev", "vit0", "metric", "1024"},
            {"-6", "route", "add", "2001:db8:99::/48", "via", "2001:db8:88::3", "dev", "vit0", "metric", "50"},
            {"neigh", "add", "10.88.0.254", "lladdr", "02:00:00:88:00:fe", "dev", "vit0", "nud", "permanent"},
            {"neigh", "add", "10.88.0.9", "lladdr", "02:00:00:88:00:09", "dev", "vit0", "nud", "stale"},
            {"-6", "neigh", "add", "2001:db8:88::fe", "lladdr", "02:00:00:88:00:fe", "dev", "vit0", "nud", "permanent"}
        };
        for (String[] s : setup) {
            List<String> cmd = new ArrayList<>(List.of("ip", "-n", NS));
            cmd.addAll(List.of(s));
            must(cmd.toArray(new String[0]));
        }
    }

    @AfterAll
    static void removeNamespace() throws Exception {
        if (created) {
            must("ip", "netns", "del", NS);
        }
    }

    @Test
    void interfacesAreIpAddrOfTheNamespace() throws Exception {
        Launch run = sockscope("-i", "--json");
        assertEquals(0, run.status, run.toString());
        List<NetInterface> ours = new ArrayList<>();
        for (Map<String, Object> i : IpJson.array(run.out)) {
            List<IfAddress> addrs = new ArrayList<>();
            for (Object o : (List<?>) i.get("addresses")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> a = (Map<String, Object>) o;
                addrs.add(new IfAddress(
                        (String) a.get("family"),
                        (String) a.get("address"),
                        ((Long) a.get("prefix")).intValue(),
                        (String) a.get("scope"),
                        (String) a.get("label"),
                        List.of()));
            }
            ours.add(new NetInterface(
                    (String) i.get("name"),
                    ((Long) i.get("index")).intValue(),
                    (String) i.get("state"),
                    (Boolean) i.get("carrier"),
                    IpOracle.strings(i.get("flags")),
                    ((Long) i.get("mtu")).intValue(),
                    (String) i.get("mac"),
                    (String) i.get("linkType"),
                    addrs,
                    null));
        }
        String ip = ipJson("addr");
        assertEquals(IpOracle.links(ip), IpOracle.links(ours));
        assertEquals(IpOracle.addresses(ip, null, true), IpOracle.addresses(ours, null, true));
        assertTrue(IpOracle.addresses(ours, "ipv4", true).get("vit0").contains("10.88.9.1/16 global vit0:9"));
        Map<String, Object> vit0 = IpJson.array(run.out).stream()
                .filter(i -> i.get("name").equals("vit0"))
                .findFirst()
                .orElseThrow();
        assertEquals(Boolean.TRUE, vit0.get("defaultRoute"));
        assertEquals("", run.err, "rtnetlink answered: nothing to note");
    }

    @Test
    void countersAreIpStatisticsOfTheQuietPair() throws Exception {
        for (int attempt = 0; ; attempt++) {
            String before = ipJson("-s", "link", "show", "vit1");
            Launch run = sockscope("-i", "--json", "--interface", "vit1");
            String after = ipJson("-s", "link", "show", "vit1");
            if (!before.equals(after) && attempt < 5) {
                continue; // a packet crossed while we read (IPv6 router solicitation): read again
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> rx = (Map<String, Object>)
                    ((Map<String, Object>) IpJson.array(before).get(0).get("stats64")).get("rx");
            @SuppressWarnings("unchecked")
            Map<String, Object> tx = (Map<String, Object>)
                    ((Map<String, Object>) IpJson.array(before).get(0).get("stats64")).get("tx");
            Map<String, Object> ours = IpJson.array(run.out).get(0);
            assertEquals(rx.get("bytes"), ours.get("rxBytes"));
            assertEquals(rx.get("packets"), ours.get("rxPackets"));
            assertEquals(rx.get("dropped"), ours.get("rxDropped"));
            assertEquals(tx.get("bytes"), ours.get("txBytes"));
            assertEquals(tx.get("packets"), ours.get("txPackets"));
            assertEquals(tx.get("errors"), ours.get("txErrors"));
            return;
        }
    }

    @Test
    void routesAreIpRouteOfTheNamespace() throws Exception {
        Launch run = sockscope("-r", "--json");
        assertEquals(0, run.status, run.toString());
        List<Route> ours = new ArrayList<>();
        for (Map<String, Object> r : IpJson.array(run.out)) {
            ours.add(new Route(
                    (String) r.get("family"),
                    (String) r.get("destination"),
                    ((Long) r.get("prefix")).intValue(),
                    (String) r.get("gateway"),
                    (String) r.get("interface"),
                    (Long) r.get("metric"),
                    0,
                    (String) r.get("type")));
        }
        assertEquals(IpOracle.routes(ipJson("route"), "ipv4"), IpOracle.routes(ours, "ipv4"));
        assertEquals(IpOracle.routes(ipJson("-6", "route"), "ipv6"), IpOracle.routes(ours, "ipv6"));
        Launch table = sockscope("-r");
        assertTrue(
                table.out.contains("default           10.88.0.254      vit0   100     UG     default gateway"),
                table.out);
    }

    private static List<Neighbor> neighbors(String json) {
        List<Neighbor> out = new ArrayList<>();
        for (Map<String, Object> n : IpJson.array(json)) {
            out.add(new Neighbor(
                    (String) n.get("family"),
                    (String) n.get("address"),
                    (String) n.get("mac"),
                    (String) n.get("interface"),
                    (String) n.get("state"),
                    (Boolean) n.get("router"),
                    (Boolean) n.get("gateway")));
        }
        return out;
    }

    @Test
    void neighboursAreIpNeighOfTheNamespaceWithTheGatewayMarked() throws Exception {
        Launch run = sockscope("--neighbors", "--json");
        assertEquals(0, run.status, run.toString());
        List<Neighbor> ours = neighbors(run.out);
        assertEquals(IpOracle.neighbors(ipJson("neigh")), IpOracle.neighbors(ours));
        for (Neighbor n : ours) {
            assertEquals(
                    n.address().equals("10.88.0.254") || n.address().equals("2001:db8:88::fe"),
                    n.gateway(),
                    n.toString());
        }
        assertTrue(ours.stream()
                .anyMatch(
                        n -> n.address().equals("2001:db8:88::fe") && n.state().equals("permanent")));
    }

    @Test
    void neighboursAsNobodyAreTheSame() throws Exception {
        Path jar = Path.of(System.getProperty("sockscope.jar", "target/sockscope.jar"))
                .toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                "ip",
                "netns",
                "exec",
                NS,
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "--inh-caps=-all",
                java,
                "-cp",
                jar + ":" + jar.resolveSibling("lib") + "/*",
                "dev.sockscope.Main",
                "--neighbors",
                "--json"));
        Launch run = Launch.run(cmd, Map.of(), 60);
        assertEquals(0, run.status, run.toString());
        assertEquals(IpOracle.neighbors(ipJson("neigh")), IpOracle.neighbors(neighbors(run.out)));
    }

    @Test
    void routeToIsIpRouteGet() throws Exception {
        for (String dst : List.of(
                "198.51.100.7",
                "10.88.0.77",
                "10.88.5.5",
                "192.0.2.9",
                "10.88.0.2",
                "2001:db8:99::7",
                "2001:db8:88::9",
                "2001:db8:5::1")) {
            Map<String, Object> ip = IpJson.array(ipJson("route", "get", dst)).get(0);
            for (String backend : List.of("auto", "proc")) {
                Launch run = sockscope("--route-to", dst, "--json", "--backend", backend);
                assertEquals(0, run.status, run.toString());
                Map<String, Object> ours = IpJson.object(run.out);
                String what = dst + " " + ours.get("method");
                assertEquals(backend.equals("auto") ? "kernel" : "computed", ours.get("method"));
                assertEquals(ip.getOrDefault("type", "unicast"), ours.get("type"), what);
                assertEquals(ip.get("dev"), ours.get("interface"), what);
                assertEquals(ip.get("gateway"), ours.get("gateway"), what);
                assertEquals(ip.get("prefsrc"), ours.get("source"), what);
            }
        }
    }

    @Test
    void anUnroutableDestinationIsExitOne() throws Exception {
        must("ip", "-n", NS, "route", "del", "default");
        try {
            Launch run = sockscope("--route-to", "203.0.113.5");
            assertEquals(1, run.status, run.toString());
            assertTrue(run.out.contains("unreachable"), run.out);
            assertTrue(run.err.contains("no route to 203.0.113.5"), run.err);
        } finally {
            must("ip", "-n", NS, "route", "add", "default", "via", "10.88.0.254", "dev", "vit0", "metric", "100");
        }
    }
}
