package dev.sockscope.export.serve;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;

/**
 * The HTTP endpoint: the Prometheus client's own server (on the JDK's HTTP server) serving
 * {@code /metrics} from a registry that holds only {@link SocketMetrics}. It answers in the
 * format the scraper asks for (OpenMetrics or Prometheus text).
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final HTTPServer server;

    private MetricsEndpoint(HTTPServer server) {
        this.server = server;
    }

    /**
     * Starts listening on {@code address:port} (port 0 picks a free one).
     *
     * @throws IOException when the address cannot be bound
     */
    public static MetricsEndpoint start(InetAddress address, int port, SocketMetrics metrics) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(metrics);
        HTTPServer server = HTTPServer.builder()
                .inetAddress(address)
                .port(port)
                .registry(registry)
                .buildAndStart();
        return new MetricsEndpoint(server);
    }

    /** The port it listens on. */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
