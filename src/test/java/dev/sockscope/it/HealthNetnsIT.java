package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.testing.JsonObject;
import dev.sockscope.testing.Launch;
import dev.sockscope.testing.Situation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The two hints whose situations need a private network: made inside network namespaces this
 * test creates and removes, and read by {@code sockscope -s} run inside them.
 *
 * <ul>
 *   <li>SYN_RECV pile: a listener in namespace A, clients in namespace B over a veth pair; A's
 *       neighbour entry for B names a MAC nobody has, so A's SYN-ACKs are dropped by B's veth
 *       and the connections stay half-open in A. No raw packets, nothing leaves the pair.
 *   <li>Ephemeral ports: namespace C's {@code ip_local_port_range} narrowed to 100 ports, then 60
 *       connections from one process to one listener there.
 * </ul>
 */
@Tag("live")
class HealthNetnsIT {
    static final String SUFFIX = Long.toString(ProcessHandle.current().pid());

    static void ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Launch l = Launch.run(cmd, Map.of(), 20);
        assertEquals(0, l.status, cmd + ": " + l);
    }

    static void assumeRootWithIp() {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root for namespaces");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")), "needs ip");
    }

    static List<String> in(String ns) {
        return List.of("ip", "netns", "exec", ns);
    }

    /** {@code sockscope -s -t --json} inside the namespace; its hints. */
    static List<Map<String, Object>> hints(String ns) throws Exception {
        List<String> cmd = new ArrayList<>(in(ns));
        cmd.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("sockscope.jar", "target/sockscope.jar"),
                "-s",
                "-t",
                "--json"));
        Launch l = Launch.run(cmd, Map.of(), 60);
        assertEquals(0, l.status, l.toString());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object h : (List<?>) object(l.out.strip()).get("hints")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) h;
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> find(List<Map<String, Object>> hints, String kind, String where) {
        for (Map<String, Object> h : hints) {
            if (kind.equals(h.get("kind")) && where.equals(h.get("where"))) {
                return h;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static long holderPid(Map<String, Object> hint) {
        return (Long) ((Map<String, Object>) ((List<?>) hint.get("holders")).get(0)).get("pid");
    }

    @SuppressWarnings("unchecked")
    static long figure(Map<String, Object> hint, String name) {
        return (Long) ((Map<String, Object>) hint.get("figures")).get(name);
    }

    @Test
    void halfOpenConnectionsOnAListenerGiveTheSynRecvHint() throws Exception {
        assumeRootWithIp();
        String a = "sockscope-ha-" + SUFFIX;
        String b = "sockscope-hb-" + SUFFIX;
        try {
            ip("netns", "add", a);
            ip("netns", "add", b);
            ip("link", "add", "hsa" + SUFFIX, "netns", a, "type", "veth", "peer", "name", "hsb" + SUFFIX, "netns", b);
            ip("-n", a, "addr", "add", "10.231.0.1/24", "dev", "hsa" + SUFFIX);
            ip("-n", b, "addr", "add", "10.231.0.2/24", "dev", "hsb" + SUFFIX);
            for (String[] nd : new String[][] {{a, "hsa" + SUFFIX}, {b, "hsb" + SUFFIX}}) {
                ip("-n", nd[0], "link", "set", nd[1], "up");
                ip("-n", nd[0], "link", "set", "lo", "up");
            }
            // A's SYN-ACKs go to a MAC that B's veth does not have: B never answers them
            ip(
                    "-n",
                    a,
                    "neigh",
                    "replace",
                    "10.231.0.2",
                    "lladdr",
                    "02:00:00:00:00:99",
                    "dev",
                    "hsa" + SUFFIX,
                    "nud",
                    "permanent");
            try (Situation listener = Situation.start(
                            in(a), "listen", "--host", "10.231.0.1", "--port", "7000", "--name", "syn-l");
                    Situation clients = Situation.start(
                            in(b), "syn-clients", "--host", "10.231.0.1", "--port", "7000", "--count", "40")) {
                Thread.sleep(500);
                List<Map<String, Object>> hints = hints(a);
                Map<String, Object> h = find(hints, "syn-recv", "10.231.0.1:7000");
                assertNotNull(h, hints.toString());
                assertEquals(listener.pid(), holderPid(h));
                assertEquals(40L, figure(h, "synRecv"));
                assertEquals(true, clients.isAlive());
            }
        } finally {
            Launch.run(List.of("ip", "netns", "del", a), Map.of(), 20);
            Launch.run(List.of("ip", "netns", "del", b), Map.of(), 20);
        }
    }

    @Test
    void connectionsUsingMostOfANarrowPortRangeGiveTheEphemeralHint() throws Exception {
        assumeRootWithIp();
        String c = "sockscope-hc-" + SUFFIX;
        try {
            ip("netns", "add", c);
            ip("-n", c, "link", "set", "lo", "up");
            List<String> sysctl = new ArrayList<>(in(c));
            sysctl.addAll(List.of("sh", "-c", "echo '40000 40099' > /proc/sys/net/ipv4/ip_local_port_range"));
            assertEquals(0, Launch.run(sysctl, Map.of(), 20).status);
            try (Situation server = Situation.start(in(c), "listen", "--port", "7000");
                    Situation client =
                            Situation.start(in(c), "connect", "--port", "7000", "--count", "60", "--name", "eph-cli")) {
                List<Map<String, Object>> hints = hints(c);
                Map<String, Object> h = find(hints, "ephemeral-ports", "127.0.0.1 -> 127.0.0.1:7000");
                assertNotNull(h, hints.toString());
                assertEquals(client.pid(), holderPid(h));
                assertEquals(60L, figure(h, "percent"));
                assertEquals(100L, figure(h, "rangeSize"));
                assertEquals(true, server.isAlive());
            }
            // healthy: the same namespace with 10 connections is no hint
            try (Situation server = Situation.start(in(c), "listen", "--port", "7001");
                    Situation client = Situation.start(in(c), "connect", "--port", "7001", "--count", "10")) {
                assertEquals(null, find(hints(c), "ephemeral-ports", "127.0.0.1 -> 127.0.0.1:7001"));
                assertEquals(true, server.isAlive() && client.isAlive());
            }
        } finally {
            Launch.run(List.of("ip", "netns", "del", c), Map.of(), 20);
        }
    }

    static Map<String, Object> object(String json) throws IOException {
        return JsonObject.parse(json);
    }
}
