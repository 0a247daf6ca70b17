package dev.sockscope.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.JsonRows;
import dev.sockscope.testing.Run;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --diff} and {@code --events} on real loopback sockets this JVM opens. */
@Tag("live")
class ExportLiveTest {
    static final String PID = Long.toString(ProcessHandle.current().pid());

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aNewListenerIsADifferenceWithItsProgramAndGoesAwayWhenClosed(@TempDir Path dir) throws Exception {
        int port = freePort();
        Run save = Run.of("--list", "--json", "-t", "--port", Integer.toString(port));
        Path base = dir.resolve("base.json");
        Files.writeString(base, save.out);
        try (ServerSocket s = new ServerSocket(port, 5, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
                Socket accepted = s.accept()) {
            Run diff = Run.of("--diff", base.toString(), "--json", "-t", "--port", Integer.toString(port));
            assertEquals(1, diff.status, diff.toString());
            List<Map<String, Object>> rows = JsonRows.parse(diff.out);
            Map<String, Object> added = JsonRows.find(rows, "change", "added");
            assertEquals((long) port, added.get("localPort"));
            assertEquals("LISTEN", added.get("state"));
            assertEquals("java", added.get("process"));
            assertEquals(Long.parseLong(PID), added.get("pid"));
            long opened =
                    rows.stream().filter(r -> "opened".equals(r.get("change"))).count();
            assertEquals(2, opened, "both ends of the loopback connection: " + diff.out);

            Run listeners =
                    Run.of("--diff", base.toString(), "--diff-listeners", "-t", "--port", Integer.toString(port));
            assertEquals(1, listeners.status, listeners.toString());
            assertTrue(
                    listeners.out.endsWith(
                            "1 listener added, 0 removed; 0 connections opened, 0 closed since " + base + "\n"),
                    listeners.out);
        }
        Run after = Run.of("--diff", base.toString(), "-t", "--port", Integer.toString(port));
        assertEquals(0, after.status, after.toString());
    }

    @Test
    void eventsFollowAConnectionOpeningAndClosing() throws Exception {
        int port = freePort();
        CompletableFuture<Run> events = CompletableFuture.supplyAsync(
                () -> Run.of("--events", "--interval", "0.2", "--count", "20", "-t", "--port", Integer.toString(port)));
        Thread.sleep(800);
        try (ServerSocket s = new ServerSocket(port, 5, InetAddress.getLoopbackAddress())) {
            Thread.sleep(600);
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
                    Socket accepted = s.accept()) {
                Thread.sleep(600);
            }
            Thread.sleep(600);
        }
        Run run = events.get(30, TimeUnit.SECONDS);
        assertEquals(0, run.status, run.toString());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : run.out.split("\n")) {
            lines.add(JsonRows.parse("[" + line + "]").get(0));
        }
        assertEquals("start", lines.get(0).get("event"));
        assertEquals(200L, lines.get(0).get("intervalMs"));
        Map<String, Object> listen = JsonRows.find(lines, "event", "opened", "state", "LISTEN");
        assertEquals("java", listen.get("process"));
        assertEquals((long) port, listen.get("localPort"));
        assertNotNull(listen.get("time"));
        assertEquals(null, listen.get("previousState"));
        long established = lines.stream()
                .filter(l -> "opened".equals(l.get("event")) && "ESTABLISHED".equals(l.get("state")))
                .count();
        assertEquals(2, established, run.out);
        assertTrue(
                lines.stream()
                        .anyMatch(l -> "state".equals(l.get("event")) && "ESTABLISHED".equals(l.get("previousState"))),
                "a side of the closing connection changed state: " + run.out);
        Map<String, Object> closed = JsonRows.find(lines, "event", "closed", "state", "LISTEN");
        assertEquals((long) port, closed.get("localPort"));
        for (Map<String, Object> l : lines) {
            if (!"start".equals(l.get("event")) && !"gap".equals(l.get("event"))) {
                assertTrue((long) l.get("localPort") == port || (long) l.get("remotePort") == port, l.toString());
            }
        }
    }
}
