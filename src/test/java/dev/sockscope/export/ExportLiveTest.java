package dev.sockscope.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.Sockscope;
import dev.sockscope.command.Environment;
import dev.sockscope.testing.JsonRows;
import dev.sockscope.testing.Run;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
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

    /** The JSON lines written so far. */
    static List<Map<String, Object>> lines(ByteArrayOutputStream out) throws Exception {
        List<Map<String, Object>> l = new ArrayList<>();
        String text = out.toString(StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                l.add(JsonRows.parse("[" + line + "]").get(0));
            }
        }
        return l;
    }

    /** Waits (a busy machine may take seconds a reading) until the stream holds a matching line. */
    static List<Map<String, Object>> await(ByteArrayOutputStream out, Predicate<Map<String, Object>> want, String what)
            throws Exception {
        for (int i = 0; i < 600; i++) {
            List<Map<String, Object>> l = lines(out);
            if (l.stream().anyMatch(want)) {
                return l;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line " + what + " in 60 s: " + out.toString(StandardCharsets.UTF_8));
    }

    static Predicate<Map<String, Object>> line(String event, String state, int port) {
        return l -> event.equals(l.get("event"))
                && state.equals(l.get("state"))
                && (Long.valueOf(port).equals(l.get("localPort"))
                        || Long.valueOf(port).equals(l.get("remotePort")));
    }

    @Test
    void eventsFollowAConnectionOpeningAndClosing() throws Exception {
        int port = freePort();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        AtomicInteger status = new AtomicInteger(-1);
        Thread events = new Thread(() -> status.set(new Sockscope(
                        new Environment(false, false, 0, Map.of()), out, err, Path.of("/etc/passwd"))
                .run(new String[] {"--events", "--interval", "0.1", "--count", "3000", "-t", "--port", "" + port})));
        events.start();
        List<Map<String, Object>> l = await(out, x -> "start".equals(x.get("event")), "start");
        assertEquals(100L, l.get(0).get("intervalMs"));
        try (ServerSocket s = new ServerSocket(port, 5, InetAddress.getLoopbackAddress())) {
            l = await(out, line("opened", "LISTEN", port), "opened LISTEN");
            Map<String, Object> listen = l.stream()
                    .filter(line("opened", "LISTEN", port))
                    .findFirst()
                    .orElseThrow();
            assertEquals("java", listen.get("process"));
            assertEquals(Long.parseLong(PID), listen.get("pid"));
            assertNull(listen.get("previousState"));
            assertNotNull(listen.get("time"));
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
                    Socket accepted = s.accept()) {
                await(out, x -> lines(x, out) >= 2, "opened ESTABLISHED twice"); // both ends, possibly in two readings
            }
            await(
                    out,
                    x -> "state".equals(x.get("event")) && "ESTABLISHED".equals(x.get("previousState")),
                    "a state change from ESTABLISHED");
        }
        await(out, line("closed", "LISTEN", port), "closed LISTEN");
        for (Map<String, Object> x : lines(out)) {
            if (!"start".equals(x.get("event")) && !"gap".equals(x.get("event"))) {
                assertTrue(
                        Long.valueOf(port).equals(x.get("localPort"))
                                || Long.valueOf(port).equals(x.get("remotePort")),
                        "only the selected port: " + x);
            }
        }
        // the stream ends when an interrupt finds it waiting between readings (one that lands
        // inside a reading may be taken by the reading's own worker threads): interrupt until then
        for (int i = 0; i < 300 && events.isAlive(); i++) {
            events.interrupt();
            events.join(100);
        }
        assertEquals(0, status.get(), "a stream stopped between readings ends with status 0");
    }

    /** Opened ESTABLISHED lines of the selected port so far (the predicate's argument is ignored). */
    private static long lines(Map<String, Object> ignored, ByteArrayOutputStream out) {
        try {
            return lines(out).stream()
                    .filter(x -> "opened".equals(x.get("event")) && "ESTABLISHED".equals(x.get("state")))
                    .count();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
