package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package; .ci/run installs it) of this test's own, on loopback with
 * its own config and storage, scraping {@code bin/sockscope --serve} every second and loading
 * the shipped alerting rules. A listener opened here must appear as a series in Prometheus's
 * HTTP API, and leave it once closed. Both processes are stopped by their pids.
 */
class PrometheusIT {
    @Test
    void prometheusSeesAListenerComeAndGo(@TempDir Path dir) throws Exception {
        assertTrue(
                DistFiles.onPath("prometheus"),
                "prometheus is not installed: apt-get install prometheus (.ci/run does)");
        try (Served sockscope = Served.start("--interval", "0.5")) {
            int webPort;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                webPort = free.getLocalPort();
            }
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(
                    config,
                    "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                            + "rule_files:\n  - "
                            + Path.of("dist/prometheus/sockscope-rules.yml").toAbsolutePath() + "\n"
                            + "scrape_configs:\n  - job_name: sockscope\n    static_configs:\n"
                            + "      - targets: ['127.0.0.1:" + sockscope.port + "']\n");
            Path log = dir.resolve("prometheus.log");
            Process prometheus = new ProcessBuilder(
                            "prometheus",
                            "--config.file=" + config,
                            "--storage.tsdb.path=" + dir.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + webPort)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                String api = "http://127.0.0.1:" + webPort + "/api/v1/";
                // the first scrape of a cold JVM may pass the 1 s timeout: wait for one that does not
                await(api, "up{job=\"sockscope\"} == 1", r -> !r.isEmpty(), 60, log);

                int port;
                String query;
                try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
                    port = listener.getLocalPort();
                    query = "sockscope_listener_info{port=\"" + port + "\"}";
                    List<?> found = await(api, query, r -> !r.isEmpty(), 60, log);
                    Map<?, ?> metric = (Map<?, ?>) ((Map<?, ?>) found.get(0)).get("metric");
                    assertEquals("java", metric.get("program"), metric.toString());
                    assertEquals("loopback", metric.get("exposure"), metric.toString());
                    assertEquals("tcp", metric.get("proto"), metric.toString());
                    assertEquals("sockscope", metric.get("job"), metric.toString());
                }
                await(api, query, List::isEmpty, 60, log);

                String rules = Served.get(api + "rules");
                assertTrue(rules.contains("SockscopeListenerGone"), "the shipped rules are loaded: " + rules);
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                    prometheus.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Queries until the result vector passes {@code done}; fails with Prometheus's log after the limit. */
    static List<?> await(String api, String query, Predicate<List<?>> done, int seconds, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<?> result = null;
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = Served.get(api + "query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
                Map<?, ?> data = (Map<?, ?>) ((Map<?, ?>) Served.json(last)).get("data");
                result = (List<?>) data.get("result");
                if (done.test(result)) {
                    return result;
                }
            } catch (java.io.IOException e) {
                last = e.toString(); // Prometheus still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "no answer to " + query + " in " + seconds + " s; last: " + last + "\n" + Files.readString(log));
    }
}
