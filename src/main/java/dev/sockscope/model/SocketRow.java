package dev.sockscope.model;

import java.util.List;

/**
 * A socket joined to every process holding it.
 *
 * @param entry   the table row
 * @param holders every holder, sorted by pid; empty when none is known (not visible to this
 *                user, a TIME_WAIT socket, or a platform that does not report owners)
 * @param user    name of the socket's owning uid ({@code entry.uid()}), or null when unknown
 * @param rates   bytes per second since the previous reading, or null when there is none (a
 *                single snapshot, a new socket, a source without byte counters)
 */
public record SocketRow(SocketEntry entry, List<Holder> holders, String user, Rates rates) {
    public SocketRow {
        holders = List.copyOf(holders);
    }

    /** A row without rates. */
    public SocketRow(SocketEntry entry, List<Holder> holders, String user) {
        this(entry, holders, user, null);
    }

    /** The lowest pid holding the socket, or null when none is known. */
    public Holder owner() {
        return holders.isEmpty() ? null : holders.get(0);
    }

    /** This row with rates. */
    public SocketRow withRates(Rates r) {
        return new SocketRow(entry, holders, user, r);
    }

    /**
     * Transfer rates between two readings of the same socket.
     *
     * @param sendPerSecond    bytes sent and acknowledged per second
     * @param receivePerSecond bytes received per second
     */
    public record Rates(double sendPerSecond, double receivePerSecond) {
        public Rates {
            if (!(sendPerSecond >= 0) || !(receivePerSecond >= 0)) {
                throw new IllegalArgumentException("a rate is a non-negative number");
            }
        }
    }
}
