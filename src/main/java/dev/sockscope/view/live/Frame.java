package dev.sockscope.view.live;

import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the worker hands the loop: one complete, immutable answer to "what do the tabs show"
 * for one read and one {@link Settings}. Rows are the entries' own {@link SocketRow}s in
 * order; which of them are new since the read before, or closed since (kept one refresh), is
 * said by two identity sets rather than a wrapper per row. Built by {@link Preparer} only.
 */
final class Frame {
    /** Read number; grows by one per read, 0 before the first. */
    final long seq;
    /** The settings this frame answers. */
    final Settings settings;
    /** The read, or null before the first good one. */
    final Snapshot snapshot;
    /** When it was read (the header's clock). */
    final Instant at;
    /** The Sockets tab's rows: filtered, sorted, closed ones included. */
    final List<SocketRow> rows;
    /** Rows (by identity) that were not in the read before. */
    final Set<SocketRow> fresh;
    /** Rows (by identity) of the read before that are gone now. */
    final Set<SocketRow> gone;
    /** Widest cell of each column, indexed by {@link dev.sockscope.view.Column#ordinal()}; -1 when not measured. */
    final int[] widths;
    /** Rows shown, closed ones not counted. */
    final int total;
    /** Of {@link #total}, per {@link Proto} and per {@link State}, by ordinal. */
    final int[] byProto;

    final int[] byState;
    /** The Processes tab's rows, in order. */
    final List<ProcessRow> processes;
    /** Listening sockets of the read bound beyond loopback. */
    final int exposedListeners;
    /** Whether any row of the read carries tcp_info (so rates can be computed). */
    final boolean tcpInfo;
    /** The notes of {@link dev.sockscope.view.Notes} and the health hints, one line each. */
    final List<String> notes;

    final List<String> hints;
    /** Why the last read failed (one line), or null. */
    final String error;
    /** When the baseline ({@code b}) was read; null when there is none. */
    final Instant baselineAt;
    /** Rows shown (by identity) opened since the baseline: new listeners and connections. */
    final Set<SocketRow> sinceBaseline;
    /** Rows of the baseline, as the filter shows them, that are no longer open. */
    final List<SocketRow> closedSinceBaseline;

    Frame(Builder b) {
        this.seq = b.seq;
        this.settings = b.settings;
        this.snapshot = b.snapshot;
        this.at = b.at;
        this.rows = b.rows;
        this.fresh = b.fresh;
        this.gone = b.gone;
        this.widths = b.widths;
        this.total = b.total;
        this.byProto = b.byProto;
        this.byState = b.byState;
        this.processes = b.processes;
        this.exposedListeners = b.exposedListeners;
        this.tcpInfo = b.tcpInfo;
        this.notes = b.notes;
        this.hints = b.hints;
        this.error = b.error;
        this.baselineAt = b.baselineAt;
        this.sinceBaseline = b.sinceBaseline;
        this.closedSinceBaseline = b.closedSinceBaseline;
    }

    /** Nothing read yet. */
    static Frame empty(Settings s) {
        Builder b = new Builder();
        b.settings = s;
        return new Frame(b);
    }

    /** The row's mark: new, closed, or neither. */
    Mark mark(SocketRow r) {
        if (!gone.isEmpty() && gone.contains(r)) {
            return Mark.GONE;
        }
        return !fresh.isEmpty() && fresh.contains(r) ? Mark.NEW : Mark.NONE;
    }

    /** Whether the row opened since the baseline (false when there is none). */
    boolean sinceBaseline(SocketRow r) {
        return !sinceBaseline.isEmpty() && sinceBaseline.contains(r);
    }

    /** Rows read, before any filter (0 before the first read). */
    int readTotal() {
        return snapshot == null ? 0 : snapshot.rows().size();
    }

    enum Mark {
        NONE,
        NEW,
        GONE
    }

    /** Fields by name, for {@link Preparer}. */
    static final class Builder {
        long seq;
        Settings settings;
        Snapshot snapshot;
        Instant at;
        List<SocketRow> rows = List.of();
        Set<SocketRow> fresh = Set.of();
        Set<SocketRow> gone = Set.of();
        int[] widths = new int[dev.sockscope.view.Column.values().length];
        int total;
        int[] byProto = new int[Proto.values().length];
        int[] byState = new int[State.values().length];
        List<ProcessRow> processes = List.of();
        int exposedListeners;
        boolean tcpInfo;
        List<String> notes = List.of();
        List<String> hints = List.of();
        String error;
        Instant baselineAt;
        Set<SocketRow> sinceBaseline = Set.of();
        List<SocketRow> closedSinceBaseline = List.of();

        Builder() {
            java.util.Arrays.fill(widths, -1);
        }
    }
}
