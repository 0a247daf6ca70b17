package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.testing.HeldSockets;
import dev.sockscope.testing.Launch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * netstat's, ss's and lsof's habits against the real launcher and a process holding real
 * loopback sockets: combined short flags, ports as operands, address selections, columns,
 * cutting on narrow terminals (tmux), and the notes that explain an empty answer.
 */
@Tag("e2e")
class FluencyIT {
    private static final String NAME = "fluency-srv";
    private static final java.util.concurrent.atomic.AtomicInteger SERVERS =
            new java.util.concurrent.atomic.AtomicInteger();
    private static Path dir;
    private static HeldSockets held;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("sockscope-fluency");
        held = HeldSockets.start(List.of(), NAME, dir, 600);
    }

    @AfterAll
    static void stop() throws Exception {
        if (held != null) {
            held.close();
        }
    }

    private static Launch sockscope(String... args) throws Exception {
        return Launch.run(Launch.launcher(args), Map.of(), 120);
    }

    /** The table's data lines (header dropped). */
    private static List<String> rows(Launch l) {
        List<String> lines = new ArrayList<>(Arrays.asList(l.out.split("\n")));
        lines.removeIf(String::isEmpty);
        return lines.subList(1, lines.size());
    }

    private static String header(Launch l) {
        return l.out.split("\n")[0];
    }

    @Test
    void tulpnListsTheListenersWithOwnersAndNoServiceNames() throws Exception {
        Launch l = sockscope("-tulpn", "--process", NAME);
        assertEquals(0, l.status, l.toString());
        assertEquals(
                List.of("Proto", "Local", "Address", "Foreign", "Address", "State", "PID/Program"),
                List.of(header(l).trim().split("\\s+")));
        String out = l.out;
        assertTrue(out.contains("127.0.0.1:" + held.port("tcp4.listen") + " "), out);
        assertTrue(out.contains("[::1]:" + held.port("tcp6.listen") + " "), out);
        assertTrue(out.contains(":" + held.port("dual.listen") + " "), out);
        assertTrue(out.contains("127.0.0.1:" + held.port("udp4.bound") + " "), out);
        for (String row : rows(l)) {
            assertTrue(row.contains(" LISTEN ") || row.contains(" UNCONN "), row);
            assertTrue(row.contains(held.pid() + "/" + NAME), row);
        }
    }

    @Test
    void anoShowsEveryStateWithOwnersAndTimers() throws Exception {
        Launch l = sockscope("-ano", "--process", NAME);
        assertEquals(0, l.status, l.toString());
        assertTrue(header(l).endsWith("Timer"), header(l));
        assertTrue(l.out.contains(" ESTABLISHED "), l.out);
        assertTrue(l.out.contains(" CLOSE_WAIT "), l.out);
        assertFalse(l.out.contains("unix "), "no unix sockets without -x");
    }

    @Test
    void protocolAndFamilyLettersCombine() throws Exception {
        for (String row : rows(sockscope("-antp", "--process", NAME))) {
            assertTrue(row.startsWith("tcp"), row);
        }
        for (String row : rows(sockscope("-4t", "--process", NAME))) {
            assertTrue(row.startsWith("tcp "), row);
        }
        List<String> lntu = rows(sockscope("-lntu", "--process", NAME));
        assertTrue(lntu.stream().anyMatch(r -> r.startsWith("udp6")), lntu.toString());
        assertTrue(lntu.stream().allMatch(r -> r.contains("LISTEN") || r.contains("UNCONN")), lntu.toString());
    }

    @Test
    void aPortOperandIsThePortOption() throws Exception {
        String port = Integer.toString(held.port("tcp4.listen"));
        Launch option = sockscope("--list", "--port", port);
        Launch colon = sockscope("--list", ":" + port);
        Launch bare = sockscope("--list", port);
        assertEquals(0, option.status, option.toString());
        assertEquals(option.out, colon.out);
        assertEquals(option.out, bare.out);
        assertTrue(rows(option).size() >= 3, option.out); // listener, its client, its accepted end
        Launch word = sockscope("--list", "http");
        assertEquals(2, word.status, word.toString());
        assertTrue(word.err.startsWith("sockscope: unexpected argument 'http'"), word.err);
    }

    @Test
    void addressSelectionTakesAddressesBlocksAndMappedAddresses() throws Exception {
        List<String> v4 = rows(sockscope("--list", "-t", "--process", NAME, "--address", "127.0.0.0/8"));
        assertTrue(v4.stream().anyMatch(r -> r.startsWith("tcp    127.0.0.1:")), v4.toString());
        assertTrue(
                v4.stream().anyMatch(r -> r.contains("[::ffff:127.0.0.1]:" + held.port("dual.listen"))),
                "a v4-mapped address matches its v4 block: " + v4);
        assertTrue(v4.stream().noneMatch(r -> r.contains("[::1]")), v4.toString());
        List<String> v6 = rows(sockscope("--list", "-t", "--process", NAME, "--address", "[::1]"));
        assertFalse(v6.isEmpty());
        assertTrue(v6.stream().allMatch(r -> r.contains("[::1]")), v6.toString());
        assertEquals(v6, rows(sockscope("--list", "-t", "--process", NAME, "--address", "::1/128")));
        List<String> remote = rows(sockscope(
                "--list",
                "-t",
                "--process",
                NAME,
                "--remote-address",
                "127.0.0.1",
                "--local-port",
                Integer.toString(held.port("tcp4.listen"))));
        assertFalse(remote.isEmpty());
        for (String r : remote) {
            assertTrue(r.contains("ESTABLISHED") || r.contains("CLOSE_WAIT"), r);
        }
        Launch none = sockscope("--list", "--process", NAME, "--address", "10.0.0.0/8");
        assertEquals(1, none.status, none.toString());
        Launch bad = sockscope("--list", "--address", "300.1.1.1");
        assertEquals(2, bad.status);
        assertEquals("sockscope: --address: '300.1.1.1' is not an IP address or CIDR block\n", bad.err);
    }

    @Test
    void exposedKeepsOnlyWhatIsReachableFromBeyondThisHost() throws Exception {
        Launch l = sockscope("--list", "-l", "--exposed", "--process", NAME);
        assertEquals(0, l.status, l.toString());
        List<String> r = rows(l);
        assertEquals(1, r.size(), l.out); // the dual-stack listener on ::
        assertTrue(r.get(0).contains(":" + held.port("dual.listen")), l.out);
        Launch json = sockscope("--list", "--json", "-l", "--port", Integer.toString(held.port("dual.listen")));
        assertTrue(json.out.contains("\"exposure\":\"all\""), json.out);
    }

    @Test
    void columnsAreChosenOrderedAndSorted() throws Exception {
        Launch l = sockscope(
                "--list",
                "-t",
                "--process",
                NAME,
                "--columns",
                "local,owner,recvq,user",
                "--sort",
                "recvq",
                "--reverse");
        assertEquals(0, l.status, l.toString());
        assertEquals(
                List.of("Local", "Address", "PID/Program", "Recv-Q", "User"),
                List.of(header(l).trim().split("\\s+")));
        List<Long> q = new ArrayList<>();
        for (String row : rows(l)) {
            String[] cells = row.trim().split("\\s+");
            q.add(Long.parseLong(cells[2]));
        }
        for (int i = 1; i < q.size(); i++) {
            assertTrue(q.get(i - 1) >= q.get(i), "sorted by Recv-Q, largest first: " + q);
        }
        Launch e = sockscope("--list", "-e", "-t", "--process", NAME);
        assertTrue(
                header(e)
                        .matches(
                                "Proto +Local Address +Foreign Address +State +User +Inode +Recv-Q +Send-Q +PID/Program +Service"),
                header(e));
    }

    @Test
    void userMatchesTheSocketsOwnerOrAHolderAndAnUnknownUserIsAnError() throws Exception {
        assertEquals(0, sockscope("--list", "--user", "root", "--process", NAME).status);
        Launch typo = sockscope("--list", "--user", "rooot");
        assertEquals(2, typo.status, typo.toString());
        assertEquals("sockscope: --user: no user 'rooot' on this host\n", typo.err);
    }

    @Test
    void anOwnerSelectionHiddenFromANonRootUserSaysWhy() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv is missing");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch to nobody");
        List<String> cmd =
                new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--reset-env"));
        cmd.addAll(Launch.launcher("--list", "--pid", Integer.toString(held.pid())));
        Launch l = Launch.run(cmd, Map.of(), 120);
        assertEquals(1, l.status, l.toString());
        assertTrue(
                l.err.contains("note: nothing matched the owner selection, but ")
                        && l.err.contains("of other users could not be inspected"),
                l.err);
    }

    @Test
    void inAnotherNetworkNamespaceANoteSaysWhatIsSeen() throws Exception {
        assumeTrue(has("unshare"), "unshare is missing");
        assumeTrue("root".equals(System.getProperty("user.name")), "a new network namespace needs root");
        List<String> cmd = new ArrayList<>(List.of("unshare", "--net"));
        cmd.addAll(Launch.launcher("--list"));
        Launch l = Launch.run(cmd, Map.of(), 120);
        assertEquals(1, l.status, l.toString()); // a new namespace has no sockets
        assertTrue(
                l.err.matches("(?s).*sockscope: note: sockscope runs in network namespace net:\\[\\d+\\], not the "
                        + "host's: it sees only that namespace's sockets\n.*"),
                l.err);
        Launch host = sockscope("--list");
        assertFalse(host.err.contains("network namespace"), host.err);
    }

    @Test
    void narrowTerminalsCutCellsInTheMiddleNeverAtThePort() throws Exception {
        assumeTrue(has("tmux"), "tmux is missing");
        for (int width : new int[] {50, 60, 80}) {
            List<String> lines = inTmux(width, "LANG=C.UTF-8", "--list", "-t", "--process", NAME);
            assertFalse(lines.isEmpty());
            for (String line : lines) {
                assertTrue(line.length() <= width, width + ": " + line);
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.trim().split("\\s+");
                // the local endpoint keeps its port whatever was cut
                assertTrue(Pattern.matches(".*:\\d+", cells[1]), width + ": " + line);
            }
            assertTrue(lines.get(0).startsWith("Proto"), lines.get(0));
        }
        List<String> ascii = inTmux(50, "LANG=C", "--list", "-t", "--process", NAME);
        assertTrue(ascii.stream().noneMatch(l -> l.contains("\u2026")), ascii.toString());
        assertTrue(ascii.stream().anyMatch(l -> l.contains("~")), ascii.toString());
        List<String> wide = inTmux(50, "LANG=C.UTF-8", "--list", "-W", "-t", "--process", NAME);
        assertTrue(wide.stream().anyMatch(l -> l.length() > 50), "-W never cuts: " + wide);
        assertTrue(wide.stream().noneMatch(l -> l.contains("\u2026")), wide.toString());
    }

    private static boolean has(String tool) throws Exception {
        return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
    }

    /** Runs the launcher in a tmux window of that width and returns its output's lines, joined where tmux wrapped them. */
    private static List<String> inTmux(int width, String locale, String... args) throws Exception {
        String server = "sockscope-fluency-" + ProcessHandle.current().pid() + "-" + SERVERS.incrementAndGet();
        Path out = Files.createTempFile("sockscope-tmux", ".txt");
        Path done = Path.of(out + ".done");
        StringBuilder cmd =
                new StringBuilder("env " + locale + " " + Launch.launcher().get(0));
        for (String a : args) {
            cmd.append(' ').append(a);
        }
        cmd.append("; touch ").append(done).append("; sleep 30");
        try {
            tmux(server, "new-session", "-d", "-x", Integer.toString(width), "-y", "50", cmd.toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(done)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the launcher did not finish in tmux; the screen:\n"
                            + tmuxOutput(server, "capture-pane", "-p", "-J"));
                }
                Thread.sleep(50);
            }
            String screen = tmuxOutput(server, "capture-pane", "-p", "-J");
            List<String> lines = new ArrayList<>();
            for (String l : screen.split("\n")) {
                if (!l.isBlank() && !l.startsWith("sockscope: note")) {
                    lines.add(l.replaceAll("\\s+$", ""));
                }
            }
            return lines;
        } finally {
            tmux(server, "kill-server");
            Files.deleteIfExists(out);
            Files.deleteIfExists(done);
        }
    }

    private static void tmux(String server, String... args) throws Exception {
        tmuxOutput(server, args);
    }

    private static String tmuxOutput(String server, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", server));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("TERM", "xterm-256color");
        Process p = pb.start();
        byte[] b = p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        return new String(b, StandardCharsets.UTF_8);
    }
}
