package dev.sockscope.health;

import java.util.List;

/**
 * When a situation becomes a hint. The defaults are what {@code --help} and
 * {@code docs/health.md} state; tests may pass others.
 *
 * @param closeWait          CLOSE_WAIT sockets one process holds
 * @param synRecv            SYN_RECV sockets on one listening address and port
 * @param timeWait           TIME_WAIT sockets towards one remote address and port
 * @param ephemeralPercent   share of the ephemeral range one (local address, remote address and
 *                           port) uses, in percent
 * @param queueReadings      consecutive readings over which a queue must grow (at least 3)
 * @param queueMinBytes      the size the growing queue must have reached at the last reading
 */
public record Thresholds(
        int closeWait, int synRecv, int timeWait, int ephemeralPercent, int queueReadings, long queueMinBytes) {

    public static final Thresholds DEFAULT = new Thresholds(10, 32, 1000, 50, 3, 4096);

    public Thresholds {
        if (closeWait < 1 || synRecv < 1 || timeWait < 1 || queueMinBytes < 1) {
            throw new IllegalArgumentException("thresholds must be at least 1");
        }
        if (ephemeralPercent < 1 || ephemeralPercent > 100) {
            throw new IllegalArgumentException("ephemeralPercent must be 1..100");
        }
        if (queueReadings < 3) {
            throw new IllegalArgumentException("a queue needs at least 3 readings to be seen growing");
        }
    }

    /** One line per hint, for {@code --help}. */
    public List<String> describe() {
        return List.of(
                "close-wait         one process holds >= " + closeWait + " TCP sockets in CLOSE_WAIT",
                "accept-queue-full  a listener's Recv-Q >= its backlog (Send-Q) and TcpExtListenOverflows rose",
                "syn-recv           >= " + synRecv + " SYN_RECV sockets on one listening address:port",
                "time-wait          >= " + timeWait + " TIME_WAIT sockets towards one remote address:port",
                "ephemeral-ports    one local address uses >= " + ephemeralPercent
                        + "% of ip_local_port_range towards one remote address:port",
                "queue-growing      a socket's Recv-Q or Send-Q rose at each of " + queueReadings
                        + " readings (--interval) to >= " + queueMinBytes + " bytes");
    }
}
