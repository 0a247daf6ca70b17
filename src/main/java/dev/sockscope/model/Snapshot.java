package dev.sockscope.model;

import java.util.List;

/**
 * Everything one read of the connection tables produced.
 *
 * @param rows           sockets with their holders
 * @param unparsedLines  table lines that could not be parsed and were skipped
 * @param hiddenOwners   processes whose open files could not be inspected (other users'
 *                       processes when not root); 0 when every process was visible
 * @param platformNote   one sentence on what this platform does not provide, or null
 * @param hidden         which processes those were, in pid order, where the source can name
 *                       them (may be shorter than {@code hiddenOwners}, never longer)
 * @param readNanos      when the source read the byte counters of {@code tcp_info}, on the
 *                       {@link System#nanoTime()} clock (the middle of the TCP dumps), or
 *                       {@link #UNTIMED} when it has none; rates are worked out against this
 *                       moment, not against the end of the read (which the owner lookup makes
 *                       late by a varying amount)
 */
public record Snapshot(
        List<SocketRow> rows,
        int unparsedLines,
        int hiddenOwners,
        String platformNote,
        List<HiddenProcess> hidden,
        long readNanos) {
    /** {@link #readNanos()} of a snapshot whose source did not time its read. */
    public static final long UNTIMED = Long.MIN_VALUE;

    public Snapshot {
        rows = List.copyOf(rows);
        hidden = List.copyOf(hidden);
        if (hidden.size() > hiddenOwners) {
            throw new IllegalArgumentException("more hidden processes named than counted");
        }
    }

    /** A snapshot whose source did not time its read. */
    public Snapshot(
            List<SocketRow> rows,
            int unparsedLines,
            int hiddenOwners,
            String platformNote,
            List<HiddenProcess> hidden) {
        this(rows, unparsedLines, hiddenOwners, platformNote, hidden, UNTIMED);
    }

    /** A snapshot whose source cannot name its hidden processes. */
    public Snapshot(List<SocketRow> rows, int unparsedLines, int hiddenOwners, String platformNote) {
        this(rows, unparsedLines, hiddenOwners, platformNote, List.of());
    }

    /** {@link #readNanos()} when the source timed its read, else {@code otherwise}. */
    public long readNanosOr(long otherwise) {
        return readNanos == UNTIMED ? otherwise : readNanos;
    }
}
