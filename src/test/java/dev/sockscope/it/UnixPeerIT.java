package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.testing.HolderScript;
import dev.sockscope.testing.JsonRows;
import dev.sockscope.testing.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who holds the other end of a unix stream connection between two processes this test starts
 * (a listener on a path in a temporary directory, and a client of it): the {@code peer} field
 * in JSON and CSV, the Peer column of the table and of the live view's details, each naming the
 * other process; and {@code ss -xp}, where present, agrees on the peer inode and its holder.
 * The peer inode comes from sock_diag: every run asks for the netlink backend (FFM or JNA),
 * which {@code auto} does not pick on a JDK 17 build.
 */
@Tag("live")
class UnixPeerIT {
    @TempDir
    static Path dir;

    static HolderScript server;
    static HolderScript client;
    static long accepted;

    @BeforeAll
    static void connect() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs python3 for the two processes");
        String path = dir.resolve("peer.sock").toString();
        server = HolderScript.start(List.of(), "unix-listen", path);
        client = HolderScript.start(List.of(), "unix-connect", path);
        server.await("accepted");
        accepted = server.number("accepted");
    }

    @AfterAll
    static void close() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static String pids() {
        return server.pid() + "," + client.pid();
    }

    @Test
    void jsonAndCsvNameThePeersHolder() throws Exception {
        Launch l = Launch.run(
                Launch.launcher("--backend", "netlink", "--list", "-x", "--pid", pids(), "--json"), Map.of(), 120);
        assertEquals(0, l.status, l.toString());
        List<Map<String, Object>> rows = JsonRows.parse(l.out);
        Map<String, Object> mine = JsonRows.find(rows, "inode", client.number("inode"));
        assertEquals(accepted, mine.get("peerInode"));
        assertEquals("stream", mine.get("unixType"));
        List<?> peer = (List<?>) mine.get("peer");
        assertEquals(1, peer.size(), mine.toString());
        assertEquals((long) server.pid(), ((Map<?, ?>) peer.get(0)).get("pid"));
        Map<String, Object> theirs = JsonRows.find(rows, "inode", accepted);
        assertEquals(client.number("inode"), theirs.get("peerInode"));
        assertEquals((long) client.pid(), ((Map<?, ?>) ((List<?>) theirs.get("peer")).get(0)).get("pid"));

        Launch csv = Launch.run(
                Launch.launcher("--backend", "netlink", "--list", "-x", "--pid", pids(), "--format", "csv"),
                Map.of(),
                120);
        assertEquals(0, csv.status, csv.toString());
        List<String> header = List.of(csv.out.lines().findFirst().orElseThrow().split(","));
        int inode = header.indexOf("inode");
        int peerAt = header.indexOf("peer");
        String line = csv.out
                .lines()
                .filter(s -> s.split(",", -1)[inode].equals(Long.toString(client.number("inode"))))
                .findFirst()
                .orElseThrow();
        assertEquals(Integer.toString(server.pid()), line.split(",", -1)[peerAt], csv.out);
    }

    @Test
    void theTableShowsThePeerBesideTheOwner() throws Exception {
        Launch l = Launch.run(
                Launch.launcher(
                        "--backend",
                        "netlink",
                        "--list",
                        "-x",
                        "--pid",
                        pids(),
                        "--columns",
                        "inode,owner,peerinode,peer"),
                Map.of(),
                120);
        assertEquals(0, l.status, l.toString());
        assertTrue(
                l.out.lines()
                        .anyMatch(s -> s.matches("\\s*" + client.number("inode") + "\\s+" + client.pid()
                                + "/python3\\s+" + accepted + "\\s+" + server.pid() + "/python3")),
                l.out);
        assertTrue(
                l.out.lines()
                        .anyMatch(s -> s.matches("\\s*" + accepted + "\\s+" + server.pid() + "/python3\\s+"
                                + client.number("inode") + "\\s+" + client.pid() + "/python3")),
                l.out);
        // -x alone: the Peer column is among the defaults, after PID/Program
        Launch plain = Launch.run(
                Launch.launcher("--backend", "netlink", "--list", "-x", "--pid", Integer.toString(client.pid())),
                Map.of(),
                120);
        assertTrue(plain.out.lines().findFirst().orElseThrow().matches(".*PID/Program +Peer +Service.*"), plain.out);
        assertTrue(plain.out.contains(client.pid() + "/python3  " + server.pid() + "/python3"), plain.out);
    }

    @Test
    void ssAgreesOnThePeerInodeAndItsHolder() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")), "needs ss");
        Launch ss = Launch.run(List.of("ss", "-xpn"), Map.of(), 30);
        assertEquals(0, ss.status, ss.toString());
        // u_str ESTAB 0 0  * 5231385  * 5231386 users:(("python3",pid=17249,fd=3))
        String line = ss.out
                .lines()
                .filter(s -> s.matches(".*\\s" + client.number("inode") + "\\s+\\S+\\s+" + accepted + "\\s.*"))
                .findFirst()
                .orElse(null);
        assertNotNull(line, ss.out);
        assertTrue(line.contains("pid=" + client.pid() + ","), line);
        String other = ss.out
                .lines()
                .filter(s -> s.matches(".*\\s" + accepted + "\\s+\\S+\\s+" + client.number("inode") + "\\s.*"))
                .findFirst()
                .orElseThrow();
        assertTrue(other.contains("pid=" + server.pid() + ","), other);
    }

    @Test
    void theLiveDetailsNameThePeer() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/tmux")) || Files.isExecutable(Path.of("/bin/tmux")),
                "needs tmux for a terminal");
        String server0 = "sst-peer-" + ProcessHandle.current().pid();
        String cmd = String.join(
                " ", Launch.launcher("--backend", "netlink", "-x", "--pid", Integer.toString(client.pid())));
        try {
            Launch start = Launch.run(
                    List.of(
                            "tmux",
                            "-L",
                            server0,
                            "new-session",
                            "-d",
                            "-x",
                            "120",
                            "-y",
                            "40",
                            "env TERM=xterm " + cmd),
                    Map.of(),
                    20);
            assertEquals(0, start.status, start.toString());
            String screen = waitFor(server0, client.pid() + "/python3");
            Launch.run(List.of("tmux", "-L", server0, "send-keys", "Enter"), Map.of(), 10);
            screen = waitFor(server0, "Peer Inode");
            String peerLine = screen.lines()
                    .filter(s -> s.trim().startsWith("Peer ") && !s.contains("Inode"))
                    .findFirst()
                    .orElse(null);
            assertNotNull(peerLine, screen);
            assertTrue(peerLine.trim().matches("Peer +" + server.pid() + "/python3"), screen);
            assertTrue(screen.contains("Peer Inode       " + accepted), screen);
            assertTrue(screen.contains("Type             stream"), screen);
            Launch.run(List.of("tmux", "-L", server0, "send-keys", "Escape"), Map.of(), 10);
            Launch.run(List.of("tmux", "-L", server0, "send-keys", "q"), Map.of(), 10);
        } finally {
            Launch.run(List.of("tmux", "-L", server0, "kill-server"), Map.of(), 10);
        }
    }

    static String waitFor(String tmuxServer, String text) throws Exception {
        String screen = "";
        for (int i = 0; i < 300; i++) {
            screen = Launch.run(List.of("tmux", "-L", tmuxServer, "capture-pane", "-p"), Map.of(), 10).out;
            if (screen.contains(text)) {
                return screen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("'" + text + "' did not show; the screen:\n" + screen);
    }
}
