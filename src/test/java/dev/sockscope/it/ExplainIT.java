package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.testing.JsonRows;
import dev.sockscope.testing.Launch;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code --explain} end to end: the launcher on real loopback sockets this JVM opens, checked
 * in its JSON form (and the report where the words matter).
 */
@Tag("live")
class ExplainIT {
    private static final String SELF = Long.toString(ProcessHandle.current().pid());

    private static Launch sockscope(String... args) throws Exception {
        return Launch.run(Launch.launcher(args), Map.of(), 60);
    }

    private static Map<String, Object> json(Launch l) throws IOException {
        return JsonRows.parseObject(l.out);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }

    private static Map<String, Object> bind(Map<String, Object> x, String proto, String address) {
        return JsonRows.find(list(x, "bind"), "proto", proto, "address", address);
    }

    /** A port nothing uses now, from the given range, that a wildcard bind takes. */
    private static int freePort(int low, int high) throws IOException {
        for (int p = low; p <= high; p++) {
            try (ServerSocketChannel ch = ServerSocketChannel.open()) {
                ch.bind(new InetSocketAddress(p));
                return p;
            } catch (BindException e) {
                // taken: the next one
            }
        }
        throw new IOException("no free port in " + low + "-" + high);
    }

    @Test
    void aHeldPortNamesItsHolderWithItsParentsAndExitsOne() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(s.getLocalPort());
            Launch l = sockscope("--explain", port + "/tcp", "--json");

            assertEquals(1, l.status, l.toString());
            Map<String, Object> x = json(l);
            Map<String, Object> listener = JsonRows.find(list(x, "sockets"), "state", "LISTEN");
            assertEquals("loopback", listener.get("exposure"));
            Map<String, Object> holder = list(listener, "holders").get(0);
            assertEquals(Long.parseLong(SELF), holder.get("pid"));
            assertEquals("java", holder.get("process"));
            assertTrue(((String) holder.get("command")).contains("java"), holder.toString());
            assertTrue(holder.get("startTime") != null && (Long) holder.get("ageSeconds") >= 0, holder.toString());
            List<Map<String, Object>> parents = list(holder, "parents");
            long parent = ProcessHandle.current().parent().orElseThrow().pid();
            assertEquals(parent, parents.get(0).get("pid"), holder.toString());
            assertEquals(true, holder.get("parentsComplete"), holder.toString());
            assertEquals(1L, parents.get(parents.size() - 1).get("pid"), "the chain ends at pid 1: " + parents);

            Map<String, Object> wildcard = bind(x, "tcp", "0.0.0.0");
            assertEquals(false, wildcard.get("wouldBind"));
            assertEquals(false, wildcard.get("wouldBindWithReuseAddr"));
            assertEquals("held", wildcard.get("tables"));
            assertEquals("in-use", wildcard.get("attempt"));
            assertEquals("tables and bind attempt", wildcard.get("decidedBy"));
            assertTrue(
                    ((String) wildcard.get("reason")).startsWith("held by pid " + SELF + " (java)"),
                    wildcard.toString());
            assertEquals(true, bind(x, "tcp", "::1").get("wouldBind"), "::1 does not overlap 127.0.0.1");

            Launch text = sockscope("--explain", port);
            assertEquals(1, text.status, text.toString());
            assertTrue(text.out.contains("pid " + SELF + " java"), text.out);
            assertTrue(text.out.contains("parents: " + SELF + " < " + parent + " "), text.out);
            assertTrue(text.out.contains("loopback only"), text.out);
            assertTrue(text.out.endsWith("Verdict: busy.\n"), text.out);
        }
    }

    @Test
    void onlyTimeWaitLeftIsBindableWithReuseAddr() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            port = server.getLocalPort();
            try (Socket client = new Socket(InetAddress.getByName("127.0.0.1"), port);
                    Socket accepted = server.accept()) {
                accepted.close(); // the server closes first: its end of the connection stays in TIME_WAIT
                assertEquals(-1, client.getInputStream().read());
            }
        }
        Launch l = sockscope("--explain", port + "/tcp", "--json");

        assertEquals(0, l.status, l.toString());
        Map<String, Object> x = json(l);
        Map<String, Object> tw = JsonRows.find(list(x, "sockets"), "state", "TIME_WAIT", "localPort", port);
        assertEquals(List.of(), tw.get("holders"));
        Map<String, Object> loopback = bind(x, "tcp", "127.0.0.1");
        assertEquals("time-wait-only", loopback.get("tables"));
        assertEquals(false, loopback.get("wouldBind"));
        assertEquals("in-use", loopback.get("attempt"));
        assertEquals("bound", loopback.get("attemptWithReuseAddr"));
        assertEquals(true, loopback.get("wouldBindWithReuseAddr"));
        assertTrue(((String) loopback.get("reason")).startsWith("only TIME_WAIT left"), loopback.toString());
        assertEquals(true, x.get("bindable"));
    }

    @Test
    void aFreePortExitsZero() throws Exception {
        int port = freePort(20000, 20999);
        Launch l = sockscope("--explain", port + "/tcp", "--json");

        assertEquals(0, l.status, l.toString());
        Map<String, Object> x = json(l);
        assertEquals(List.of(), x.get("sockets"));
        for (String a : List.of("0.0.0.0", "127.0.0.1", "::", "::1")) {
            assertEquals(true, bind(x, "tcp", a).get("wouldBind"), a);
            assertEquals("tables and bind attempt", bind(x, "tcp", a).get("decidedBy"), a);
        }
        Map<String, Object> nearest = list(x, "nearestFree").get(0);
        assertTrue((Long) nearest.get("below") < port && (Long) nearest.get("above") > port, nearest.toString());
        assertTrue(sockscope("--explain", port + "/tcp").out.endsWith("Verdict: free to bind.\n"));
    }

    @Test
    void aPortInTheEphemeralRangeSaysSo() throws Exception {
        // the range is a host-wide setting: if something changes it meanwhile, try again
        for (int attempt = 0; ; attempt++) {
            // the range as sockscope reads it, from a first run
            Map<?, ?> first =
                    (Map<?, ?>) json(sockscope("--explain", "1/tcp", "--json")).get("about");
            assumeTrue(first.get("ephemeralLow") != null, "no ephemeral range here: " + first);
            int low = ((Long) first.get("ephemeralLow")).intValue();
            int high = ((Long) first.get("ephemeralHigh")).intValue();
            int port = freePort(low + (high - low) / 4, high);
            Launch l = sockscope("--explain", port + "/tcp", "--json");
            Map<?, ?> about = (Map<?, ?>) json(l).get("about");
            if (!Long.valueOf(low).equals(about.get("ephemeralLow")) && attempt < 3) {
                continue;
            }
            assertEquals(0, l.status, l.toString());
            assertEquals("ephemeral", about.get("portClass"), l.out);
            assertEquals(true, about.get("ephemeral"));
            assertEquals((long) low, about.get("ephemeralLow"));
            assertTrue(
                    sockscope("--explain", Integer.toString(port)).out.contains("ephemeral: outgoing connections may"));
            return;
        }
    }

    @Test
    void aDualStackListenerTakesIpv4TooAsABindOfTheIpv4WildcardShows() throws Exception {
        try (ServerSocketChannel ch = ServerSocketChannel.open()) { // the JDK's: IPv6, IPV6_V6ONLY off
            ch.bind(new InetSocketAddress(InetAddress.getByName("::"), 0));
            int port = ch.socket().getLocalPort();
            Launch l = sockscope("--explain", port + "/tcp", "--json");

            assertEquals(1, l.status, l.toString());
            Map<String, Object> x = json(l);
            Map<String, Object> s = JsonRows.find(list(x, "sockets"), "state", "LISTEN", "localAddress", "::");
            assertEquals("all", s.get("exposure"));
            assertEquals(true, s.get("dualStack"));
            // the netlink source reports IPV6_V6ONLY itself ("socket"); /proc does not, and a
            // bind attempt of the IPv4 wildcard tells
            assertTrue(java.util.Set.of("socket", "bind attempt").contains(s.get("dualStackSource")), s.toString());
            assertEquals(false, bind(x, "tcp", "0.0.0.0").get("wouldBind"));
            assertEquals("held", bind(x, "tcp", "0.0.0.0").get("tables"));
            assertTrue(sockscope("--explain", Integer.toString(port)).out.contains("every interface, IPv4 too"));
        }
    }

    @Test
    void aPrivilegedPortCannotBeBoundByNobody() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to switch to nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "no setpriv");
        int port = freePort(900, 1000);
        NonRootIT.installReadableCopy();
        try {
            List<String> cmd = new ArrayList<>(NonRootIT.AS_NOBODY);
            cmd.add(NonRootIT.install.resolve("bin/sockscope").toString());
            cmd.addAll(List.of("--explain", port + "/tcp", "--json"));
            Launch nobody = Launch.run(cmd, Map.of("HOME", "/tmp"), 120);

            assertEquals(1, nobody.status, nobody.toString());
            Map<String, Object> x = json(nobody);
            assertEquals(true, ((Map<?, ?>) x.get("about")).get("privileged"));
            Map<String, Object> wildcard = bind(x, "tcp", "0.0.0.0");
            assertEquals("free", wildcard.get("tables"));
            assertEquals("denied", wildcard.get("attempt"));
            assertTrue(
                    ((String) wildcard.get("reason")).contains("below net.ipv4.ip_unprivileged_port_start"),
                    wildcard.toString());
            assertEquals(0, sockscope("--explain", port + "/tcp").status, "root may bind it");
        } finally {
            NonRootIT.removeCopy();
        }
    }

    @Test
    void badPortsAreUsageErrorsOfOneLine() throws Exception {
        Launch l = sockscope("--explain", "70000");
        assertEquals(2, l.status, l.toString());
        assertEquals("sockscope: --explain: '70000' is not a port number (1-65535)\n", l.err);
        Launch s = sockscope("--explain", "no-such-service-here");
        assertEquals(2, s.status, s.toString());
        assertEquals("sockscope: --explain: unknown service 'no-such-service-here'\n", s.err);
    }
}
