package dev.sockscope.source;

import dev.sockscope.model.Snapshot;

/**
 * Reads the live connection tables and joins each socket to its holders.
 *
 * <p>One instance may be read many times (the live view, {@code --list --count N}); an
 * implementation may keep what it learnt between reads (e.g. inode owners). The proc source
 * re-reads every process that is new, exited, or changed its fd count, so a snapshot misses
 * nothing a fresh read would show except one case: a process that gains or drops a socket
 * another process still holds while its fd count stays the same (fd passing with a close in
 * the same interval) shows the old holders until that process's periodic re-read, at most
 * {@code ProcOwnerResolver.DEFAULT_FULL_RESCAN_EVERY} reads later.
 */
public interface SocketSource extends AutoCloseable {

    /**
     * @throws SourceException when no table could be read at all; a missing table (IPv6
     *                         disabled) or bad lines are not errors
     */
    Snapshot read(TableSelection which) throws SourceException;

    /**
     * The tables only: like {@link #read}, but a source that finds owners separately may skip
     * them (every row without holders). For callers that look at ports and states alone, such
     * as waiting for a port, where owners would cost most of the read.
     */
    default Snapshot readTables(TableSelection which) throws SourceException {
        return read(which);
    }

    /** Short name of the backend, {@code proc} or {@code oshi}. */
    String name();

    @Override
    default void close() {}
}
