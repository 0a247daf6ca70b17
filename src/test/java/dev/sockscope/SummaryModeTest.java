package dev.sockscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.JsonObject;
import dev.sockscope.testing.Run;
import dev.sockscope.testing.Situation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -s} end to end in this JVM: on a captured tree (exact figures) and on live situations. */
class SummaryModeTest {

    /** A /proc tree from the captured tables and counters of this machine. */
    static Path capturedTree(Path root) throws IOException {
        Path net = Files.createDirectories(root.resolve("net"));
        for (String t : new String[] {"tcp", "tcp6", "udp", "udp6", "raw", "raw6", "udplite"}) {
            Files.writeString(net.resolve(t), resource("/proc/captured/net/" + t));
        }
        for (String c : new String[] {"snmp", "netstat", "snmp6"}) {
            Files.writeString(net.resolve(c), resource("/health/captured/" + c));
        }
        Path sys = Files.createDirectories(root.resolve("sys/net/ipv4"));
        Files.writeString(sys.resolve("ip_local_port_range"), "32768\t60999\n");
        return root;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = SummaryModeTest.class.getResourceAsStream(name)) {
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return s.substring(s.indexOf('\n') + 1); // the provenance line
        }
    }

    /** Counts the fixture's TCP states independently: the 4th column, hex. */
    static Map<String, Integer> tcpStates(Path root) throws IOException {
        Map<String, Integer> states = new TreeMap<>();
        String[] names = {
            "",
            "ESTABLISHED",
            "SYN_SENT",
            "SYN_RECV",
            "FIN_WAIT1",
            "FIN_WAIT2",
            "TIME_WAIT",
            "CLOSE",
            "CLOSE_WAIT",
            "LAST_ACK",
            "LISTEN",
            "CLOSING",
            "NEW_SYN_RECV"
        };
        for (String t : new String[] {"tcp", "tcp6"}) {
            List<String> lines = Files.readAllLines(root.resolve("net/" + t));
            for (String l : lines.subList(1, lines.size())) {
                String[] f = l.trim().split("\\s+");
                states.merge(names[Integer.parseInt(f[3], 16)], 1, Integer::sum);
            }
        }
        return states;
    }

    @Test
    void capturedTreeGivesItsCountersAndStateCountsExactly(@TempDir Path dir) throws Exception {
        Path root = capturedTree(dir);
        Run r = Run.of("-s", "--json", "--proc-root", root.toString());
        assertEquals(0, r.status, r.toString());
        Map<String, Object> s = object(r.out.strip());
        Map<String, Object> counters = map(s.get("counters"));
        assertEquals(1714L, map(counters.get("TcpActiveOpens")).get("total"));
        assertNull(map(counters.get("TcpActiveOpens")).get("perSecond"), "one reading: no rate");
        assertEquals(3L, map(counters.get("TcpExtListenOverflows")).get("total"));
        assertEquals(1691L, map(counters.get("TcpOutRsts")).get("total"));
        assertEquals(0L, map(counters.get("Udp6RcvbufErrors")).get("total"));
        Map<String, Object> tcp = null;
        for (Object p : (List<?>) map(s.get("sockets")).get("protocols")) {
            if ("tcp".equals(map(p).get("proto"))) {
                tcp = map(p);
            }
        }
        assertNotNull(tcp, r.out);
        Map<String, Integer> expected = tcpStates(root);
        Map<String, Integer> seen = new TreeMap<>();
        map(tcp.get("states")).forEach((k, v) -> seen.put(k, ((Long) v).intValue()));
        assertEquals(expected, seen);
        assertEquals(List.of(), s.get("hints"));
    }

    @Test
    void capturedTreeAsATable(@TempDir Path dir) throws Exception {
        Run r = Run.of("-s", "--proc-root", capturedTree(dir).toString());
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.startsWith("Sockets: "), r.out);
        assertTrue(
                r.out.contains("\n  TcpActiveOpens                     1714   connections opened (connect)\n"), r.out);
        assertTrue(r.out.contains("\n  TcpExtListenOverflows                 3   accept queue overflows\n"), r.out);
        assertTrue(r.out.contains("\nHints: none (thresholds: sockscope --help)\n"), r.out);
        assertFalse(r.out.contains("per second"), "one reading has no rates");
    }

    @Test
    void capturedTreeAsCsv(@TempDir Path dir) throws Exception {
        Run r = Run.of("-s", "--format", "csv", "--proc-root", capturedTree(dir).toString());
        assertEquals(0, r.status, r.toString());
        String[] lines = r.out.split("\n");
        assertEquals("time,section,subject,key,value,perSecond,detail", lines[0]);
        assertTrue(r.out.contains(",counter,kernel,TcpActiveOpens,1714,,connections opened (connect)\n"), r.out);
        assertTrue(r.out.contains(",counter,kernel,TcpExtListenOverflows,3,,accept queue overflows\n"), r.out);
    }

    @Test
    void missingCounterFilesAreANoteNotAFailure(@TempDir Path dir) throws Exception {
        Path root = capturedTree(dir);
        Files.delete(root.resolve("net/snmp6"));
        Run r = Run.of("-s", "--json", "--proc-root", root.toString());
        assertEquals(0, r.status, r.toString());
        assertEquals("sockscope: note: kernel counters not available from net/snmp6\n", r.err);
        assertFalse(map(object(r.out.strip()).get("counters")).containsKey("Udp6InDatagrams"), "absent, never 0");
    }

    @Test
    void usageErrorsNameTheClash() {
        assertUsage("--summary and --pids do not go together", "-s", "--pids");
        assertUsage("--yes goes with --kill", "--yes");
        assertUsage("--yes goes with --kill", "-s", "--yes");
        assertUsage("--pids prints pids and outcomes only", "--pids", "--json");
        assertUsage("--kill acts on this machine's processes", "--kill", "--yes", "--proc-root", "/tmp");
    }

    static void assertUsage(String text, String... args) {
        Run r = Run.of(args);
        assertEquals(2, r.status, r.toString());
        assertEquals(1, r.err.split("\n").length, r.err);
        assertTrue(r.err.contains(text), r.err);
    }

    @Test
    void helpStatesTheThresholds() {
        Run r = Run.of("--help");
        assertTrue(r.out.contains("  -s, --summary "), r.out);
        assertTrue(r.out.contains("close-wait         one process holds >= 10 TCP sockets in CLOSE_WAIT"), r.out);
        assertTrue(
                r.out.contains("time-wait          >= 1000 TIME_WAIT sockets towards one remote address:port"), r.out);
    }

    @Test
    @Tag("live")
    void liveCloseWaitPileInJsonTableAndRatesOnTheSecondReading() throws Exception {
        String hostile = "cw\u001b[31mred";
        try (Situation s = Situation.start("close-wait", "--count", "11", "--name", hostile)) {
            Run r = Run.of("-s", "-t", "--json", "--interval", "0.3", "--count", "2");
            assertEquals(0, r.status, r.toString());
            String[] lines = r.out.split("\n");
            assertEquals(2, lines.length, "JSON Lines, one object per reading");
            Map<String, Object> first = object(lines[0]);
            Map<String, Object> second = object(lines[1]);
            assertNull(map(map(first.get("counters")).get("TcpActiveOpens")).get("perSecond"));
            assertNotNull(map(map(second.get("counters")).get("TcpActiveOpens")).get("perSecond"));
            Map<String, Object> hint = null;
            for (Object h : (List<?>) second.get("hints")) {
                if ("close-wait".equals(map(h).get("kind")) && ("127.0.0.1:" + s.port()).equals(map(h).get("where"))) {
                    hint = map(h);
                }
            }
            assertNotNull(hint, r.out);
            Map<String, Object> holder = map(((List<?>) hint.get("holders")).get(0));
            assertEquals((long) s.pid(), holder.get("pid"));
            assertEquals(hostile, holder.get("process"), "JSON keeps the exact name");
            assertEquals(11L, map(hint.get("figures")).get("closeWait"));

            Run table = Run.of("-s", "-t");
            assertEquals(0, table.status, table.toString());
            assertTrue(
                    table.out.contains(
                            "[close-wait] 127.0.0.1:" + s.port() + "  " + s.pid() + "/cw\\e[31mred (root): 11 TCP"),
                    table.out);
            assertFalse(table.out.contains("\u001b"), "no raw escape reaches the table");
        }
    }

    @Test
    @Tag("live")
    void aSelectionThatMatchesNothingExitsOne() throws Exception {
        try (Situation s = Situation.start("listen")) {
            int free = s.port();
            s.close();
            Run r = Run.of("-s", "--port", Integer.toString(free), "--json");
            assertEquals(1, r.status, r.toString());
            assertEquals(0L, map(object(r.out.strip()).get("sockets")).get("total"));
        }
    }

    static Map<String, Object> object(String json) throws IOException {
        return JsonObject.parse(json);
    }

    static Map<String, Object> map(Object o) {
        return JsonObject.map(o);
    }
}
