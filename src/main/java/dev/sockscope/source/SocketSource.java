package dev.sockscope.source;

import dev.sockscope.model.Snapshot;

/**
 * Reads the live connection tables and joins each socket to its holders.
 *
 * <p>One instance may be read many times (the live view, {@code --list --count N}); an
 * implementation may keep what it learnt between reads (e.g. inode owners) as long as every
 * snapshot is as exact as a fresh read would be.
 */
public interface SocketSource extends AutoCloseable {

    /**
     * @throws SourceException when no table could be read at all; a missing table (IPv6
     *                         disabled) or bad lines are not errors
     */
    Snapshot read(TableSelection which) throws SourceException;

    /** Short name of the backend, {@code proc} or {@code oshi}. */
    String name();

    @Override
    default void close() {
    }
}
