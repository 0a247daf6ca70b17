package dev.sockscope.model;

import java.util.List;

/**
 * A socket joined to every process holding it.
 *
 * @param entry   the table row
 * @param holders every holder, sorted by pid; empty when none is known (not visible to this
 *                user, a TIME_WAIT socket, or a platform that does not report owners)
 * @param user    name of the socket's owning uid ({@code entry.uid()}), or null when unknown
 */
public record SocketRow(SocketEntry entry, List<Holder> holders, String user) {
    public SocketRow {
        holders = List.copyOf(holders);
    }

    /** The lowest pid holding the socket, or null when none is known. */
    public Holder owner() {
        return holders.isEmpty() ? null : holders.get(0);
    }
}
