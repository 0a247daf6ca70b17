package dev.sockscope.view.live;

import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.query.Filter;
import dev.sockscope.source.TableSelection;
import dev.sockscope.view.live.LiveState.Line;
import dev.sockscope.view.live.LiveState.Mark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * One complete, immutable answer to "what does the table show": the rows of a snapshot marked
 * against the snapshot shown before it ({@link Mark#NEW}, {@link Mark#GONE}), sorted, filtered,
 * with column widths and counts. Every step that costs O(rows) or more — the diff, the sort, the
 * filter pass — happens in {@link #prepare(Job, BooleanSupplier)}, which is pure and runs on the
 * live view's worker thread; {@link LiveState} only swaps a finished one in.
 *
 * <p>A Prepared never refers to the one it was computed from: once the state swaps in the next
 * one, the previous snapshot, its diff, its key map and its lines are garbage. What it holds is
 * bounded by the rows of one read plus the rows closed since the one before.
 */
final class Prepared {

    /** The formatted rows of one read, as the refresh thread hands them over; {@code seq} grows by one per read. */
    record Incoming(long seq, Snapshot snapshot, List<Line> lines, TableSelection read, Instant at) {}

    /**
     * Everything that decides which rows show and in which order; {@code generation} grows with
     * every change, so a Prepared says which settings it answers. {@code base} and {@code filter}
     * are null for none.
     */
    record Spec(
            long generation,
            SortColumn sort,
            boolean reversed,
            Set<Proto> protos,
            Set<Family> families,
            boolean listening,
            Predicate<SocketRow> base,
            Predicate<SocketRow> filter) {}

    /**
     * One piece of work: mark {@code incoming} against {@code current} (or, when null, keep
     * current's rows), sort and filter by {@code spec}, and find where {@code selected} and
     * {@code details} (either may be null) ended up.
     */
    record Job(Prepared current, Incoming incoming, Spec spec, RowKey selected, RowKey details) {
        /** Only a filter pass: no new rows, and the current rows are in the spec's order already. */
        boolean light() {
            return incoming == null && current.spec.sort() == spec.sort() && current.spec.reversed() == spec.reversed();
        }
    }

    /** Nothing read yet: no snapshot, no rows; {@code seq} 0. */
    static Prepared empty(Spec spec) {
        return new Prepared(
                0,
                null,
                null,
                null,
                List.of(),
                Map.of(),
                false,
                List.of(),
                spec,
                List.of(),
                List.of(),
                new int[LiveState.COLUMNS],
                0,
                new int[Proto.values().length],
                new int[dev.sockscope.model.State.values().length],
                null,
                -1,
                null,
                null);
    }

    // the data: one read, marked against the one shown before it
    private final long seq;
    private final Snapshot snapshot;
    private final TableSelection read;
    private final Instant at;
    private final List<Line> current;
    private final Map<RowKey, Line> byKey;
    private final boolean duplicateKeys;
    private final List<Line> gone;
    // the order: current and gone lines by spec.sort / spec.reversed
    private final Spec spec;
    private final List<Line> sorted;
    // the view: the sorted lines the spec's toggles and filters let through
    private final List<Line> view;
    private final int[] widths;
    private final int shownTotal;
    private final int[] protoCounts;
    private final int[] stateCounts;
    // answers for the state
    private final RowKey selected;
    private final int selectedIndex;
    private final RowKey details;
    private final SocketRow detailsRow;

    private Prepared(
            long seq,
            Snapshot snapshot,
            TableSelection read,
            Instant at,
            List<Line> current,
            Map<RowKey, Line> byKey,
            boolean duplicateKeys,
            List<Line> gone,
            Spec spec,
            List<Line> sorted,
            List<Line> view,
            int[] widths,
            int shownTotal,
            int[] protoCounts,
            int[] stateCounts,
            RowKey selected,
            int selectedIndex,
            RowKey details,
            SocketRow detailsRow) {
        this.seq = seq;
        this.snapshot = snapshot;
        this.read = read;
        this.at = at;
        this.current = current;
        this.byKey = byKey;
        this.duplicateKeys = duplicateKeys;
        this.gone = gone;
        this.spec = spec;
        this.sorted = sorted;
        this.view = view;
        this.widths = widths;
        this.shownTotal = shownTotal;
        this.protoCounts = protoCounts;
        this.stateCounts = stateCounts;
        this.selected = selected;
        this.selectedIndex = selectedIndex;
        this.details = details;
        this.detailsRow = detailsRow;
    }

    /**
     * Does the job. Pure and thread-safe; O(rows) for a new filter, O(rows log rows) for a new
     * sort column, and close to O(rows) for a new read in the order already shown or for the
     * reverse order (the previous order seeds the sort). Before a full sort — the one step
     * that costs more than a pass — it asks {@code superseded} and returns null when that says
     * a job waits that wants another order anyway. It never gives up on work already done: a
     * worker that dropped jobs whenever a newer read arrived would, on a loaded host where a
     * job takes longer than the refresh interval, never finish one.
     *
     * @throws RuntimeException whatever a filter predicate throws (a bug; the view ends on it)
     */
    static Prepared prepare(Job job, BooleanSupplier superseded) {
        Prepared cur = job.current();
        Spec spec = job.spec();
        Incoming in = job.incoming();

        long seq = cur.seq;
        Snapshot snapshot = cur.snapshot;
        TableSelection read = cur.read;
        Instant at = cur.at;
        List<Line> current = cur.current;
        Map<RowKey, Line> byKey = cur.byKey;
        boolean duplicates = cur.duplicateKeys;
        List<Line> gone = cur.gone;
        if (in != null) {
            seq = in.seq();
            snapshot = in.snapshot();
            read = in.read();
            at = in.at();
            byKey = new HashMap<>(hashCapacity(in.lines().size()));
            current = new ArrayList<>(in.lines().size());
            duplicates = false;
            boolean first = cur.snapshot == null;
            for (Line l : in.lines()) {
                // a table read for the first time (a toggle widened the read) is not news
                boolean isNew = !first
                        && !cur.byKey.containsKey(l.key())
                        && wasRead(cur.read, l.row().entry());
                Line m = isNew ? l.marked(Mark.NEW) : l;
                current.add(m);
                if (byKey.put(m.key(), m) != null) {
                    duplicates = true;
                }
            }
            List<Line> closed = new ArrayList<>();
            if (!first) {
                for (Line l : cur.current) {
                    if (!byKey.containsKey(l.key())
                            && wasRead(in.read(), l.row().entry())) {
                        closed.add(l.marked(Mark.GONE));
                    }
                }
            }
            current = Collections.unmodifiableList(current);
            byKey = Collections.unmodifiableMap(byKey);
            gone = Collections.unmodifiableList(closed);
        }

        List<Line> sorted;
        boolean sameColumn = cur.spec.sort() == spec.sort();
        boolean sameOrder = sameColumn && cur.spec.reversed() == spec.reversed();
        if (in == null && sameOrder) {
            sorted = cur.sorted;
        } else if (in == null && sameColumn) {
            // S: the old order backwards is the new one but for the ties, which one merge pass fixes
            List<Line> all = new ArrayList<>(cur.sorted);
            Collections.reverse(all);
            sorted = sortSeeded(all, spec);
        } else {
            boolean seed = sameOrder && !duplicates && !cur.duplicateKeys;
            if (!seed && superseded.getAsBoolean()) {
                return null;
            }
            sorted = sort(cur, seed, current, byKey, gone, spec);
        }

        Predicate<SocketRow> base = spec.base();
        Predicate<SocketRow> live = spec.filter();
        List<Line> lines = new ArrayList<>();
        int total = 0;
        int[] w = new int[LiveState.COLUMNS];
        int[] byProto = new int[Proto.values().length];
        int[] byState = new int[dev.sockscope.model.State.values().length];
        RowKey sel = job.selected();
        int selIndex = -1;
        for (int i = 0; i < sorted.size(); i++) {
            Line l = sorted.get(i);
            if (!shows(l.row(), spec, base, live)) {
                continue;
            }
            if (selIndex < 0
                    && sel != null
                    && l.key().inode() == sel.inode()
                    && l.key().equals(sel)) {
                selIndex = lines.size();
            }
            lines.add(l);
            for (int c = 0; c < LiveState.COLUMNS; c++) {
                w[c] = Math.max(w[c], l.width(c));
            }
            if (l.mark() != Mark.GONE) {
                total++;
                byProto[l.key().proto().ordinal()]++;
                byState[l.row().entry().state().ordinal()]++;
            }
        }
        SocketRow detailsRow = null;
        if (job.details() != null) {
            Line d = byKey.get(job.details());
            detailsRow = d == null ? null : d.row();
        }
        return new Prepared(
                seq,
                snapshot,
                read,
                at,
                current,
                byKey,
                duplicates,
                gone,
                spec,
                sorted,
                Collections.unmodifiableList(lines),
                w,
                total,
                byProto,
                byState,
                sel,
                selIndex,
                job.details(),
                detailsRow);
    }

    /**
     * Current and gone lines in the spec's order. When the order is the one {@code cur} was
     * sorted by, the surviving lines are laid out in cur's order first and the new ones after
     * them: the sort (a merge sort that finds runs) then costs about one comparison per row.
     */
    private static List<Line> sort(
            Prepared cur, boolean seed, List<Line> current, Map<RowKey, Line> byKey, List<Line> gone, Spec spec) {
        List<Line> all = new ArrayList<>(current.size() + gone.size());
        if (seed) {
            for (Line old : cur.sorted) {
                if (old.mark() != Mark.GONE) {
                    Line now = byKey.get(old.key());
                    if (now != null) {
                        all.add(now);
                    }
                }
            }
            for (Line l : current) {
                if (!cur.byKey.containsKey(l.key())) {
                    all.add(l);
                }
            }
            if (all.size() != current.size()) {
                all.clear();
                all.addAll(current);
            }
        } else {
            all.addAll(current);
        }
        all.addAll(gone);
        return sortSeeded(all, spec);
    }

    /** Sorts in place by the spec's order; fast when {@code all} is nearly in that order already. */
    private static List<Line> sortSeeded(List<Line> all, Spec spec) {
        Comparator<Line> c = comparator(spec.sort());
        if (spec.reversed()) {
            c = c.reversed();
        }
        all.sort(c.thenComparing(Line::key, KEY_ORDER));
        return Collections.unmodifiableList(all);
    }

    private static boolean shows(SocketRow r, Spec spec, Predicate<SocketRow> base, Predicate<SocketRow> live) {
        SocketEntry e = r.entry();
        if (!spec.protos().contains(e.proto())) {
            return false;
        }
        if (e.proto() != Proto.UNIX && !spec.families().contains(e.family())) {
            return false;
        }
        if (spec.listening() && !Filter.isListening(e)) {
            return false;
        }
        return (base == null || base.test(r)) && (live == null || live.test(r));
    }

    private static boolean wasRead(TableSelection sel, SocketEntry e) {
        return sel == null || sel.wants(e.proto(), e.family());
    }

    private static int hashCapacity(int n) {
        return Math.max(16, (int) (n / 0.75f) + 1);
    }

    // ---- what the state reads ----

    long seq() {
        return seq;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    Instant at() {
        return at;
    }

    Spec spec() {
        return spec;
    }

    List<Line> view() {
        return view;
    }

    int[] widths() {
        return widths.clone();
    }

    int shownTotal() {
        return shownTotal;
    }

    int protoCount(Proto p) {
        return protoCounts[p.ordinal()];
    }

    int stateCount(dev.sockscope.model.State s) {
        return stateCounts[s.ordinal()];
    }

    RowKey selected() {
        return selected;
    }

    int selectedIndex() {
        return selectedIndex;
    }

    RowKey details() {
        return details;
    }
    /** The details socket's row in this read; null when it is closed (or no details were asked). */
    SocketRow detailsRow() {
        return detailsRow;
    }

    /**
     * Elements held in this Prepared's collections (current, key map, gone, sorted, view): what
     * one refresh retains, for the tests that check nothing grows over time.
     */
    int retained() {
        return current.size() + byKey.size() + gone.size() + sorted.size() + view.size();
    }

    /** Rows of the read, closed rows kept from the read before: the bound on {@link #retained()} is 5 times it. */
    int rows() {
        return current.size() + gone.size();
    }

    int keyMapSize() {
        return byKey.size();
    }

    // ---- sorting ----

    static final Comparator<RowKey> KEY_ORDER = Comparator.comparing(RowKey::proto)
            .thenComparing(RowKey::family)
            .thenComparing(RowKey::localAddress, LiveState::naturalCompare)
            .thenComparingInt(RowKey::localPort)
            .thenComparing(RowKey::remoteAddress, LiveState::naturalCompare)
            .thenComparingInt(RowKey::remotePort)
            .thenComparingLong(RowKey::inode);

    private static Comparator<Line> comparator(SortColumn c) {
        switch (c) {
            case PROTO:
                return Comparator.comparing((Line l) -> l.key().proto())
                        .thenComparing(l -> l.key().family());
            case REMOTE:
                return Comparator.comparing((Line l) -> l.key().remoteAddress(), LiveState::naturalCompare)
                        .thenComparingInt(l -> l.key().remotePort());
            case STATE:
                return Comparator.comparing(Line::state);
            case PID:
                return Comparator.comparingInt((Line l) -> {
                    Holder h = l.row().owner();
                    return h == null ? Integer.MAX_VALUE : h.pid();
                });
            case SERVICE:
                // named services first, alphabetically
                return Comparator.comparing((Line l) -> l.service().isEmpty())
                        .thenComparing(l -> l.service().toLowerCase(Locale.ROOT));
            default:
                return Comparator.comparing((Line l) -> l.key().family())
                        .thenComparing(l -> l.key().localAddress(), LiveState::naturalCompare)
                        .thenComparingInt(l -> l.key().localPort());
        }
    }
}
