package dev.sockscope.health;

/**
 * This host's ephemeral port range ({@code net.ipv4.ip_local_port_range}), inclusive.
 *
 * @param low  first port, 0..65535
 * @param high last port, at least {@code low}
 */
public record PortRange(int low, int high) {
    public PortRange {
        if (low < 0 || high > 65535 || low > high) {
            throw new IllegalArgumentException("bad port range " + low + "-" + high);
        }
    }

    /** How many ports the range holds. */
    public int size() {
        return high - low + 1;
    }

    public boolean contains(int port) {
        return port >= low && port <= high;
    }
}
