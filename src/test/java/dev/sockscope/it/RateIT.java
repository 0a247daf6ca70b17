package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.JsonObject;
import dev.sockscope.testing.Launch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rates against a transfer of known rate: a sender process paced by a token bucket at 2 MiB/s
 * for 10 s to a receiver process that reads everything, on 127.0.0.1
 * ({@code src/test/resources/holder/throttled.py}). {@code --list --format json --count 5
 * --interval 1 --backend netlink --port P} must give the sender's connection a {@code sendRate},
 * and the receiver's a {@code recvRate}, within 10% of 2 MiB/s in every reading taken while the
 * transfer ran, each row held by the right process. Run on the JDK running the tests (JNA on 17–21)
 * and on the newest JDK 22+ under {@code /usr/lib/jvm} (FFM where the jar has that binding). The
 * proc backend has no {@code tcp_info}: no rates, no byte counters.
 */
@Tag("live")
class RateIT {
    static final long RATE = 2L << 20;
    static final int SECONDS = 10;
    static final long TOTAL = RATE * SECONDS;

    /** A started sender and receiver; both end by themselves, and {@link #close} ends them by pid. */
    private static final class Transfer implements AutoCloseable {
        final Process receiver;
        final Process sender;
        final int port;

        Transfer(Path dir) throws IOException {
            Path script = dir.resolve("throttled.py");
            try (InputStream in = RateIT.class.getResourceAsStream("/holder/throttled.py")) {
                Files.write(script, in.readAllBytes());
            }
            receiver = new ProcessBuilder("python3", script.toString(), "recv", Integer.toString(SECONDS + 30))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String first = new BufferedReader(
                            new InputStreamReader(receiver.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (first == null || !first.startsWith("port ")) {
                receiver.destroyForcibly();
                throw new IOException("the receiver did not start: " + first);
            }
            port = Integer.parseInt(first.substring(5).trim());
            sender = new ProcessBuilder(
                            "python3",
                            script.toString(),
                            "send",
                            Integer.toString(port),
                            Long.toString(RATE),
                            Integer.toString(SECONDS))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        }

        /** The sender's "sent N in T s" line, after it ended. */
        String senderReport() throws IOException, InterruptedException {
            assertTrue(sender.waitFor(SECONDS + 20, TimeUnit.SECONDS), "the sender did not end");
            return new String(sender.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        }

        @Override
        public void close() {
            sender.destroyForcibly();
            receiver.destroyForcibly();
        }
    }

    /** The JDKs to run the jar on: this one, and the newest 22+ under /usr/lib/jvm if any. */
    static Stream<String> javas() throws IOException {
        List<String> javas = new ArrayList<>();
        javas.add(ProcessHandle.current().info().command().orElseThrow());
        if (Runtime.version().feature() < 22) {
            Path newest = null;
            int best = 21;
            try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
                for (Path h : (Iterable<Path>) homes::iterator) {
                    int v = feature(h);
                    if (v > best && Files.isExecutable(h.resolve("bin/java"))) {
                        best = v;
                        newest = h;
                    }
                }
            } catch (IOException e) {
                // no JDK directory: only this JDK
            }
            if (newest != null) {
                javas.add(newest.resolve("bin/java").toString());
            }
        }
        return javas.stream();
    }

    private static int feature(Path home) {
        try {
            for (String l : Files.readAllLines(home.resolve("release"))) {
                if (l.startsWith("JAVA_VERSION=\"")) {
                    String v = l.substring(14);
                    int end = 0;
                    while (end < v.length() && Character.isDigit(v.charAt(end))) {
                        end++;
                    }
                    return Integer.parseInt(v.substring(0, end));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static Launch sockscope(String java, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("sockscope.jar", "target/sockscope.jar"))
                .toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return Launch.run(cmd, Map.of(), 120);
    }

    /** One reading of one row: when, the counters and the rates (null when none). */
    record Reading(int index, String state, Long pid, Long sent, Long received, Double sendRate, Double recvRate) {}

    /** The readings of the connection from {@code localPort} to {@code remotePort}, one per snapshot that had it. */
    static List<Reading> readings(String jsonLines, int localPort, int remotePort) throws IOException {
        List<Reading> out = new ArrayList<>();
        int i = 0;
        for (String line : jsonLines.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> snap = JsonObject.parse(line);
            @SuppressWarnings("unchecked")
            List<Object> sockets = (List<Object>) snap.get("sockets");
            for (Object o : sockets) {
                Map<String, Object> r = JsonObject.map(o);
                if (Long.valueOf(localPort).equals(r.get("localPort"))
                        && Long.valueOf(remotePort).equals(r.get("remotePort"))
                        && "ESTABLISHED".equals(r.get("state"))) {
                    out.add(new Reading(
                            i,
                            (String) r.get("state"),
                            (Long) r.get("pid"),
                            (Long) r.get("bytesSent"),
                            (Long) r.get("bytesReceived"),
                            number(r.get("sendRate")),
                            number(r.get("recvRate"))));
                }
            }
            i++;
        }
        return out;
    }

    private static Double number(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    @ParameterizedTest
    @MethodSource("javas")
    void perConnectionRatesAreWithinTenPercentOfAThrottledTransfer(String java, @TempDir Path dir) throws Exception {
        try (Transfer t = new Transfer(dir)) {
            Launch l = sockscope(
                    java,
                    "--list",
                    "--format",
                    "json",
                    "--count",
                    "5",
                    "--interval",
                    "1",
                    "--backend",
                    "netlink",
                    "--port",
                    Integer.toString(t.port));
            String sent = t.senderReport();
            assertEquals(0, l.status, l.toString());
            assertTrue(sent.startsWith("sent " + TOTAL + " in "), sent);
            double took = Double.parseDouble(sent.split(" ")[3]);
            assertTrue(
                    took < SECONDS * 1.03,
                    "the sender could not keep its pace (" + sent + "): the true rate is unknown, not 2 MiB/s");

            // the sender's end: local port ephemeral, remote the receiver's port
            List<Reading> senderSide = new ArrayList<>();
            List<Reading> receiverSide = new ArrayList<>();
            for (String line : l.out.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                List<Object> sockets = (List<Object>) JsonObject.parse(line).get("sockets");
                for (Object o : sockets) {
                    Map<String, Object> r = JsonObject.map(o);
                    if ("ESTABLISHED".equals(r.get("state"))
                            && Long.valueOf(t.port).equals(r.get("remotePort"))) {
                        senderSide.addAll(readings(l.out, ((Long) r.get("localPort")).intValue(), t.port));
                        receiverSide.addAll(readings(l.out, t.port, ((Long) r.get("localPort")).intValue()));
                        break;
                    }
                }
                if (!senderSide.isEmpty()) {
                    break;
                }
            }
            assertTrue(!senderSide.isEmpty() && !receiverSide.isEmpty(), "the connection was not seen:\n" + l);
            int checked = 0;
            for (int i = 1; i < senderSide.size(); i++) {
                Reading before = senderSide.get(i - 1);
                Reading now = senderSide.get(i);
                assertEquals(t.sender.pid(), now.pid(), "the sender's end is held by the sender: " + now);
                if (before.index() == now.index() - 1 && running(before.sent()) && running(now.sent())) {
                    assertTrue(now.sendRate() != null, "a rate between two readings: " + now);
                    assertWithinTenPercent(now.sendRate(), "sendRate of the sender's end", l);
                    System.out.printf("%s reading %d: sender sendRate %.0f B/s%n", java, now.index(), now.sendRate());
                    assertEquals(0.0, now.recvRate(), "the sender receives nothing: " + now);
                    checked++;
                }
            }
            for (int i = 1; i < receiverSide.size(); i++) {
                Reading before = receiverSide.get(i - 1);
                Reading now = receiverSide.get(i);
                assertEquals(t.receiver.pid(), now.pid(), "the receiver's end is held by the receiver: " + now);
                if (before.index() == now.index() - 1 && running(before.received()) && running(now.received())) {
                    assertTrue(now.recvRate() != null, "a rate between two readings: " + now);
                    assertWithinTenPercent(now.recvRate(), "recvRate of the receiver's end", l);
                    System.out.printf("%s reading %d: receiver recvRate %.0f B/s%n", java, now.index(), now.recvRate());
                    checked++;
                }
            }
            assertTrue(checked >= 4, "at least two readings a side inside the transfer, got " + checked + ":\n" + l);
        }
    }

    /** A counter between the SYN and the end of the transfer: the reading fell inside it. */
    private static boolean running(Long bytes) {
        return bytes != null && bytes > 1 && bytes < TOTAL;
    }

    private static void assertWithinTenPercent(double rate, String what, Launch l) {
        assertTrue(
                Math.abs(rate - RATE) <= RATE * 0.10,
                what + " " + Math.round(rate) + " B/s is not within 10% of " + RATE + " B/s\n" + l);
    }

    @Test
    void theProcBackendHasNoRatesAndNoCounters(@TempDir Path dir) throws Exception {
        try (Transfer t = new Transfer(dir)) {
            Launch l = sockscope(
                    ProcessHandle.current().info().command().orElseThrow(),
                    "--list",
                    "--format",
                    "json",
                    "--count",
                    "3",
                    "--interval",
                    "0.5",
                    "--backend",
                    "proc",
                    "--port",
                    Integer.toString(t.port));
            assertEquals(0, l.status, l.toString());
            int rows = 0;
            for (String line : l.out.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                List<Object> sockets = (List<Object>) JsonObject.parse(line).get("sockets");
                for (Object o : sockets) {
                    Map<String, Object> r = JsonObject.map(o);
                    assertNull(r.get("sendRate"), r.toString());
                    assertNull(r.get("recvRate"), r.toString());
                    assertNull(r.get("bytesSent"), r.toString());
                    rows++;
                }
            }
            assertTrue(rows >= 3, l.toString());
        }
    }
}
