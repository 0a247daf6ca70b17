package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.Launch;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --serve} and {@code --events} as a user runs them: the endpoint's output checked by
 * {@code promtool}, a listener's series appearing and going, the Prometheus client loaded only
 * by {@code --serve}, and a change stream that ends in whole lines however it is stopped.
 */
class ServeIT {
    static final String PID = Long.toString(ProcessHandle.current().pid());

    static List<String> series(String text, String name, String contains) {
        List<String> l = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(contains)) {
                l.add(line);
            }
        }
        return l;
    }

    @Test
    void aListenersSeriesAppearsAndGoesAndPromtoolAcceptsTheOutput(@TempDir Path dir) throws Exception {
        try (Served s = Served.start("--interval", "0.2")) {
            int port;
            String with;
            try (ServerSocket l = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
                port = l.getLocalPort();
                Thread.sleep(300);
                with = s.metrics();
                List<String> info = series(with, "sockscope_listener_info", "port=\"" + port + "\"");
                assertEquals(1, info.size(), with);
                assertTrue(info.get(0).contains("program=\"java\""), info.get(0));
                assertTrue(info.get(0).contains("exposure=\"loopback\""), info.get(0));
                assertTrue(info.get(0).contains("address=\"::ffff:127.0.0.1\""), info.get(0));
                assertFalse(
                        series(with, "sockscope_program_sockets", "program=\"java\",state=\"LISTEN\"")
                                .isEmpty(),
                        with);
            }
            Thread.sleep(300);
            String without = s.metrics();
            assertEquals(List.of(), series(without, "sockscope_listener_info", "port=\"" + port + "\""));

            Path file = dir.resolve("metrics.txt");
            Files.writeString(file, with);
            Launch check =
                    Launch.run(List.of("bash", "-c", "promtool check metrics < \"$0\"", file.toString()), Map.of(), 60);
            assertEquals(0, check.status, check.toString());
            assertEquals("", check.out + check.err, "no lint finding");
            assertTrue(with.contains("# TYPE sockscope_tcp_active_opens_total counter"), with);
        }
    }

    @Test
    void aNonLoopbackAddressIsServedOnlyWithANote() throws Exception {
        Path err = Files.createTempFile("sockscope-serve", ".err");
        Process p = new ProcessBuilder(Path.of("bin/sockscope").toAbsolutePath().toString(), "--serve", "0.0.0.0:0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
        try {
            String text = "";
            for (int i = 0; i < 600 && !text.contains("serving"); i++) {
                Thread.sleep(100);
                text = Files.readString(err, StandardCharsets.UTF_8);
            }
            assertTrue(
                    text.matches("(?s)sockscope: note: --serve 0\\.0\\.0\\.0:\\d+ is reachable from other hosts.*\n"
                            + "sockscope: serving http://0\\.0\\.0\\.0:\\d+/metrics\n"),
                    text);
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void aPortInUseIsOneLineAndExitTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Launch l = Launch.run(Launch.launcher("--serve", Integer.toString(taken.getLocalPort())), Map.of(), 60);
            assertEquals(2, l.status, l.toString());
            assertTrue(
                    l.err.startsWith("sockscope: --serve: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "),
                    l.err);
            assertEquals(1, l.err.split("\n").length, l.err);
        }
    }

    /** Classes the JVM loaded for one run of the jar. */
    static String loaded(Path log, long seconds, String... args) throws Exception {
        // runs to its end within the limit
        List<String> cmd = new ArrayList<>(
                List.of("java", "-Xlog:class+load=info:file=" + log, "-jar", System.getProperty("sockscope.jar")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        return Files.readString(log);
    }

    @Test
    void onlyServeLoadsThePrometheusClient(@TempDir Path dir) throws Exception {
        String list = loaded(dir.resolve("list.log"), 60, "--list", "-t");
        assertTrue(list.contains("dev.sockscope.Sockscope "), "the log works");
        assertFalse(list.contains("io.prometheus"), "--list loads no Prometheus class");
        assertFalse(loaded(dir.resolve("events.log"), 60, "--events", "--count", "1", "--interval", "0.1")
                .contains("io.prometheus"));
        Path log = dir.resolve("serve.log");
        Process p = new ProcessBuilder(
                        "java",
                        "-Xlog:class+load=info:file=" + log,
                        "-jar",
                        System.getProperty("sockscope.jar"),
                        "--serve",
                        "127.0.0.1:0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String serve = "";
        try {
            for (int i = 0; i < 600 && !serve.contains("httpserver.HTTPServer "); i++) {
                Thread.sleep(100);
                serve = Files.exists(log) ? Files.readString(log) : "";
            }
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        assertTrue(serve.contains("io.prometheus.metrics.exporter.httpserver.HTTPServer"), "and --serve does");
    }

    /** Opens and closes loopback connections for at most {@code millis}, or until interrupted. */
    static Thread churn(long millis) {
        Thread t = new Thread(() -> {
            long end = System.nanoTime() + millis * 1_000_000L;
            try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                    try (Socket c = new Socket(InetAddress.getLoopbackAddress(), s.getLocalPort());
                            Socket a = s.accept()) {
                        OutputStream o = c.getOutputStream();
                        o.write(1);
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                // stopped
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        return t;
    }

    @Test
    void eventsIntoAPipeThatClosesEndQuietly() throws Exception {
        Thread t = churn(8_000);
        Launch l = Launch.run(
                List.of(
                        "bash",
                        "-c",
                        "set -o pipefail; \"$0\" --events --interval 0.05 --count 150 | head -2",
                        Path.of("bin/sockscope").toAbsolutePath().toString()),
                Map.of(),
                60);
        t.join();
        assertEquals(0, l.status, l.toString());
        assertEquals("", l.err);
        assertEquals(2, l.out.split("\n").length, l.out);
    }

    @Test
    void eventsStoppedBySigtermLeaveOnlyWholeLines(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("events.jsonl");
        Thread t = churn(120_000);
        Process p = new ProcessBuilder(
                        Path.of("bin/sockscope").toAbsolutePath().toString(), "--events", "--interval", "0.02")
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            for (int i = 0;
                    i < 1200 && Files.readString(out, StandardCharsets.UTF_8).split("\n").length < 50;
                    i++) {
                Thread.sleep(50);
            }
            p.destroy(); // SIGTERM, mid-stream
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        } finally {
            t.interrupt();
            t.join();
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), "the last line is whole");
        String[] lines = text.split("\n");
        assertTrue(lines.length > 5, "the churn made events: " + lines.length);
        for (String line : lines) {
            Object o = Served.json(line);
            assertTrue(o instanceof Map && ((Map<?, ?>) o).containsKey("event"), line);
        }
    }
}
