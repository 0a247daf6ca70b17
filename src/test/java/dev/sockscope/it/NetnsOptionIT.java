package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.testing.HolderScript;
import dev.sockscope.testing.JsonRows;
import dev.sockscope.testing.Launch;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code --netns NAME|PID|all} against real namespaces this test creates ({@code ip netns add}),
 * with a process started inside one ({@code ip netns exec}) that listens and connects on that
 * namespace's loopback and holds a UDP socket bound to a veth device that exists only there.
 * sockscope runs on the host and must show those sockets with their owner (the pid the process
 * reports, {@code python3}) and the namespace's name; {@code all} shows the host's rows beside
 * them; a bad name is a usage error; {@code nobody} gets one line of refusal. The namespaces are
 * removed and the process ended (by its own handle) afterwards.
 */
@Tag("live")
class NetnsOptionIT {
    static final String NS = "sst-" + ProcessHandle.current().pid();
    static final String DEVICE = "sstv" + ProcessHandle.current().pid() % 10000;
    static boolean created;
    static HolderScript inside;

    static Launch run(List<String> prefix, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(Launch.launcher(args));
        return Launch.run(cmd, Map.of(), 120);
    }

    static Launch sockscope(String... args) throws Exception {
        return run(List.of(), args);
    }

    static void must(String... command) throws Exception {
        Launch l = Launch.run(List.of(command), Map.of(), 30);
        assertEquals(0, l.status, String.join(" ", command) + "\n" + l);
    }

    @BeforeAll
    static void createNamespace() throws Exception {
        assumeTrue(
                new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "needs root: creating and entering a network namespace needs CAP_SYS_ADMIN");
        assumeTrue(
                Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "needs iproute2's ip to create namespaces");
        Launch add = Launch.run(List.of("ip", "netns", "add", NS), Map.of(), 30);
        assumeTrue(add.status == 0, "ip netns add is refused here: " + add.err);
        created = true;
        must("ip", "-n", NS, "link", "set", "lo", "up");
        // a device only this namespace has, with another index than any host interface of that name
        must("ip", "-n", NS, "link", "add", DEVICE, "type", "veth", "peer", "name", DEVICE + "p");
        must("ip", "-n", NS, "link", "set", DEVICE, "up");
        inside = HolderScript.start(List.of("ip", "netns", "exec", NS), "inet", DEVICE);
    }

    @AfterAll
    static void removeNamespace() throws Exception {
        if (inside != null) {
            inside.close();
        }
        if (created) {
            Launch.run(List.of("ip", "netns", "del", NS), Map.of(), 30);
        }
    }

    @Test
    void aNamedNamespaceShowsItsSocketsWithTheirOwnerAndName() throws Exception {
        Launch l = sockscope("--list", "--netns", NS, "--json");
        assertEquals(0, l.status, l.toString());
        List<Map<String, Object>> rows = JsonRows.parse(l.out);
        int port = (int) inside.number("port");
        Map<String, Object> listener = JsonRows.find(rows, "proto", "tcp", "localPort", port, "state", "LISTEN");
        assertEquals((long) inside.pid(), listener.get("pid"));
        assertEquals("python3", listener.get("process"));
        assertEquals(NS, listener.get("netns"));
        assertEquals(inside.number("inode"), listener.get("inode"));
        Map<String, Object> client =
                JsonRows.find(rows, "proto", "tcp", "localPort", (int) inside.number("client"), "remotePort", port);
        assertEquals("ESTABLISHED", client.get("state"));
        assertEquals((long) inside.pid(), client.get("pid"));
        Map<String, Object> udp = JsonRows.find(rows, "proto", "udp", "localPort", (int) inside.number("udp"));
        assertEquals("::1", udp.get("localAddress"));
        assertEquals(NS, udp.get("netns"));
        // the bound device is named from the namespace's own interfaces, not the host's sysfs
        Map<String, Object> bound =
                JsonRows.find(rows, "proto", "udp", "localPort", (int) inside.number("device_port"));
        assertEquals(DEVICE, bound.get("interface"));
        for (Map<String, Object> r : rows) {
            assertEquals(NS, r.get("netns"), r.toString()); // nothing of the host's
        }

        Launch table = sockscope("--list", "--netns", NS, "-t", "-l");
        assertEquals(0, table.status, table.toString());
        String[] lines = table.out.split("\n");
        assertTrue(lines[0].matches("Netns +Proto +Local Address.*"), table.out);
        String row = lines[1];
        assertTrue(row.startsWith(NS + " "), table.out);
        assertTrue(row.contains("127.0.0.1:" + port) && row.contains(inside.pid() + "/python3"), table.out);
        assertEquals(2, lines.length, table.out);
    }

    @Test
    void allShowsTheHostsRowsBesideTheNamespaces() throws Exception {
        try (ServerSocket host = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Launch l = sockscope("--list", "--netns", "all", "-t", "-l", "--json");
            assertEquals(0, l.status, l.toString());
            List<Map<String, Object>> rows = JsonRows.parse(l.out);
            Map<String, Object> mine = JsonRows.find(rows, "localPort", host.getLocalPort(), "state", "LISTEN");
            assertEquals("host", mine.get("netns"));
            assertEquals(ProcessHandle.current().pid(), mine.get("pid"));
            Map<String, Object> theirs =
                    JsonRows.find(rows, "localPort", (int) inside.number("port"), "netns", NS, "state", "LISTEN");
            assertEquals((long) inside.pid(), theirs.get("pid"));
            // a socket inode names one socket across namespaces: no inode is seen twice
            Map<Object, Map<String, Object>> byInode = new HashMap<>();
            for (Map<String, Object> r : rows) {
                Object inode = r.get("inode");
                if (inode != null && (Long) inode > 0) {
                    Map<String, Object> before = byInode.put(inode, r);
                    assertEquals(null, before, "inode " + inode + " twice: " + before + " and " + r);
                }
            }
        }
        Launch table = sockscope("--list", "--netns", "all", "-t", "-l");
        assertEquals(0, table.status, table.toString());
        assertTrue(table.out.lines().anyMatch(s -> s.startsWith("host ")), table.out);
        assertTrue(
                table.out.lines().anyMatch(s -> s.startsWith(NS + " ") && s.contains(inside.pid() + "/python3")),
                table.out);
    }

    @Test
    void aPidReadsThatProcesssNamespace() throws Exception {
        Launch l = sockscope("--list", "--netns", Integer.toString(inside.pid()), "--json", "-t");
        assertEquals(0, l.status, l.toString());
        List<Map<String, Object>> rows = JsonRows.parse(l.out);
        assertEquals(3, rows.size(), l.out); // the listener and both ends of its connection
        for (Map<String, Object> r : rows) {
            assertEquals(NS, r.get("netns")); // named by /run/netns though asked by pid
            assertEquals((long) inside.pid(), r.get("pid"));
        }
        Launch self = sockscope(
                "--list", "--netns", Long.toString(ProcessHandle.current().pid()), "-t", "--json");
        assertEquals(0, self.status, self.toString());
        for (Map<String, Object> r : JsonRows.parse(self.out)) {
            assertEquals("host", r.get("netns"));
        }
    }

    @Test
    void theProcBackendReadsTheNamespaceThroughAProcessInIt() throws Exception {
        Launch l = sockscope("--list", "--netns", NS, "--backend", "proc", "--json", "-t");
        assertEquals(0, l.status, l.toString());
        List<Map<String, Object>> rows = JsonRows.parse(l.out);
        Map<String, Object> listener = JsonRows.find(rows, "localPort", (int) inside.number("port"), "state", "LISTEN");
        assertEquals((long) inside.pid(), listener.get("pid"));
        assertEquals(NS, listener.get("netns"));
        assertEquals(3, rows.size(), l.out);
    }

    @Test
    void repeatedCsvAndCountCarryTheNamespace() throws Exception {
        Launch l = sockscope("--list", "--netns", NS, "-t", "-l", "--format", "csv", "--count", "2", "--interval", "0");
        assertEquals(0, l.status, l.toString());
        List<String> lines = l.out.lines().toList();
        assertTrue(lines.get(0).startsWith("time,proto,") && lines.get(0).endsWith(",netns"), l.out);
        assertEquals(3, lines.size(), l.out);
        assertTrue(lines.get(1).endsWith("," + NS) && lines.get(2).endsWith("," + NS), l.out);
    }

    @Test
    void badNamesAreUsageErrorsNamingThem() throws Exception {
        Launch none = sockscope("--list", "--netns", "sst-no-such-namespace");
        assertEquals(2, none.status, none.toString());
        assertEquals("sockscope: --netns: no network namespace 'sst-no-such-namespace' in /run/netns\n", none.err);
        Launch slash = sockscope("--list", "--netns", "../x");
        assertEquals(2, slash.status, slash.toString());
        assertEquals(
                "sockscope: --netns: '../x' is not a namespace name (a name in /run/netns, a pid, host or all)\n",
                slash.err);
        Launch pid = sockscope("--list", "--netns", "999999999");
        assertEquals(2, pid.status, pid.toString());
        assertEquals("sockscope: --netns: no process 999999999\n", pid.err);
    }

    @Test
    void nobodyIsRefusedInOneLine() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv to run as nobody");
        Launch l = run(
                List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--reset-env"),
                "--list",
                "--netns",
                NS);
        assertEquals(3, l.status, l.toString());
        assertEquals(
                "sockscope: --netns needs root (CAP_SYS_ADMIN): cannot enter /run/netns/" + NS
                        + ": setns: EPERM (operation not permitted)\n",
                l.err);
        assertEquals("", l.out);
        Launch host = run(
                List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--reset-env"),
                "--list",
                "--netns",
                "host");
        assertEquals(3, host.status, host.toString());
        assertEquals(
                "sockscope: --netns needs root (CAP_SYS_ADMIN): cannot read /proc/2/ns/net (the host's namespace)\n",
                host.err);
    }

    @Test
    void runningInsideANamespaceIsNoted() throws Exception {
        Launch l = run(List.of("ip", "netns", "exec", NS), "--list", "--netns", "all", "-t", "-l");
        assertEquals(0, l.status, l.toString());
        assertTrue(
                l.err.contains(
                        "sockscope: note: sockscope itself runs in network namespace " + NS + ", not the host's\n"),
                l.err);
        assertTrue(l.out.lines().anyMatch(s -> s.startsWith("host ")), l.out);
        Launch plain = run(List.of("ip", "netns", "exec", NS), "--list", "-t", "-l");
        assertTrue(plain.err.contains("it sees only that namespace's sockets"), plain.err);
        Launch host = sockscope("--list", "--netns", NS, "-t");
        assertFalse(host.err.contains("runs in network namespace"), host.err);
    }

    @Test
    void theLiveViewShowsTheNamespaceColumn() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/tmux")) || Files.isExecutable(Path.of("/bin/tmux")),
                "needs tmux for a terminal");
        String server = "sst-live-" + ProcessHandle.current().pid();
        String cmd = String.join(" ", Launch.launcher("--netns", NS, "-t", "-l"));
        try {
            must("tmux", "-L", server, "new-session", "-d", "-x", "140", "-y", "30", "env TERM=xterm " + cmd);
            String screen = "";
            for (int i = 0; i < 300; i++) {
                Launch cap = Launch.run(List.of("tmux", "-L", server, "capture-pane", "-p"), Map.of(), 10);
                screen = cap.out;
                if (screen.contains(inside.pid() + "/python3")) {
                    break;
                }
                Thread.sleep(100);
            }
            String row = screen.lines()
                    .filter(s -> s.contains(inside.pid() + "/python3"))
                    .findFirst()
                    .orElse(null);
            assertNotNull(row, screen);
            assertTrue(row.trim().startsWith(NS + " "), screen);
            assertTrue(screen.contains("Netns"), screen);
            must("tmux", "-L", server, "send-keys", "q");
        } finally {
            Launch.run(List.of("tmux", "-L", server, "kill-server"), Map.of(), 10);
        }
    }
}
