package dev.sockscope.view.live;

import dev.sockscope.export.Baseline;
import dev.sockscope.export.Changes;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.query.Exposure;
import dev.sockscope.query.Filter;
import dev.sockscope.query.Pipeline;
import dev.sockscope.query.SortKey;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.TableSelection;
import dev.sockscope.view.Column;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The worker's half of the live view: takes each read ({@link #read}) and turns it, with the
 * newest {@link Settings}, into a {@link Frame} ({@link #prepare}). Everything here that grows
 * with the number of sockets — the diff against the read before, the rates, the sort, the
 * filter, the widths, the per-process sums — runs on the worker's thread, never on the loop's.
 * Rows are filtered and sorted by {@link Pipeline#select}, the same query {@code --list} runs,
 * so both order the same sockets the same way.
 *
 * <p>Not thread-safe: one worker owns it. Between reads it holds the read's rows (with rates),
 * the rows closed since the read before, one key per row (a view of the entry, not a copy)
 * and the last sorted order, so a new filter or toggle costs one pass, not a sort.
 */
final class Preparer {
    private final ServiceRegistry services;
    private final BiFunction<Snapshot, List<SocketRow>, List<String>> notes;
    private final Function<List<SocketRow>, List<String>> hints;
    private final List<Column> extras;
    private final Pipeline pipeline = new Pipeline();
    private final ServiceRegistry portClasses;

    private long seq;
    private Snapshot snapshot;
    private Instant at;
    private TableSelection read;
    private List<SocketRow> rows = List.of();
    private List<SocketRow> closed = List.of();
    private Set<SocketRow> fresh = Set.of();
    private Set<SocketRow> gone = Set.of();
    private Map<RowKey, SocketRow> keys = Map.of();
    private int exposed;
    private boolean tcpInfo;
    private List<String> hinted = List.of();
    private List<ProcessRow> processes;

    /** The baseline ({@code b}): which request it answers, its rows, when and which tables were read. */
    private long baselineId;

    private Baseline baseline;
    private Instant baselineAt;
    private TableSelection baselineTables;
    /** The baseline compared with the read of {@link #comparedSeq}. */
    private Changes changes;

    private long comparedSeq = -1;

    /** Changes with each read whose rows are not the last read's list. */
    private long content;
    /** The last frame's rows and what was measured of them, for the settings and rows in its key. */
    private Shown lastShown;

    private record Shown(
            Settings settings,
            long content,
            List<SocketRow> rows,
            int total,
            int[] byProto,
            int[] byState,
            int[] widths) {}

    private List<SocketRow> sorted;
    /** Where each row of {@link #sorted} stands in {@link #rows}, for the next read's same order; or null. */
    private int[] sortedAt;

    private SortKey sortedBy;
    private boolean sortedReversed;

    /** The cells' widths of the last read's rows, kept from read to read. */
    private final Widths widths = new Widths();

    /** Sort keys whose order depends only on what makes a row the same socket (its {@link RowKey}). */
    private static final Set<SortKey> IDENTITY_ORDER = java.util.EnumSet.of(
            SortKey.PROTO, SortKey.LOCAL, SortKey.REMOTE, SortKey.FAMILY, SortKey.INODE, SortKey.SERVICE);

    /**
     * @param services port names for the Service column and its order; null with {@code -n}
     * @param notes    the notes of a read given the rows shown ({@link dev.sockscope.view.Notes})
     * @param hints    the health hints of a read's rows, asked once per read; null for none
     * @param extras   columns a wide terminal may add: their widths are measured too
     */
    Preparer(
            ServiceRegistry services,
            BiFunction<Snapshot, List<SocketRow>, List<String>> notes,
            Function<List<SocketRow>, List<String>> hints,
            List<Column> extras) {
        this(services, notes, hints, extras, services);
    }

    /**
     * @param portClasses classifies local ports for the baseline's keys ({@link Baseline}), even
     *                    with {@code -n}; null: no baseline can be marked
     */
    Preparer(
            ServiceRegistry services,
            BiFunction<Snapshot, List<SocketRow>, List<String>> notes,
            Function<List<SocketRow>, List<String>> hints,
            List<Column> extras,
            ServiceRegistry portClasses) {
        this.portClasses = portClasses;
        this.services = services;
        this.notes = notes;
        this.hints = hints;
        this.extras = List.copyOf(extras);
    }

    /** Whether the last read covered these tables. */
    boolean covers(TableSelection want) {
        return read != null
                && read.protos().containsAll(want.protos())
                && read.families().containsAll(want.families())
                && (read.tcpInfo() || !want.tcpInfo());
    }

    boolean hasRead() {
        return snapshot != null;
    }

    /**
     * Takes a read: rates against the read before (by inode, from {@code tcp_info}), rows new
     * since then, and rows of the read before that are gone (of the tables read both times; a
     * table read for the first time is not news, and the first read marks nothing).
     *
     * @param nanos a monotonic clock reading, for the rates
     */
    void read(Snapshot s, TableSelection tables, Instant when, long nanos) {
        List<SocketRow> now = pipeline.withRates(s, nanos);
        if (now == rows && snapshot != null && tables.equals(read) && closed.isEmpty()) {
            // a quiet host: the source handed on the last read's list (RowReuse.finish), so
            // nothing opened, closed or moved, and the order, keys and counts stand
            seq++;
            snapshot = s;
            at = when;
            fresh = Set.of();
            hinted = hints == null ? List.of() : List.copyOf(hints.apply(now));
            return;
        }
        content++;
        boolean first = snapshot == null;
        // the common case on a quiet host: the same sockets in the same order as the read before
        // (the kernel walks its tables in the same order): one pass side by side, no hash table
        boolean aligned = !first && read != null && read.equals(tables) && inSameOrder(rows, now);
        Set<SocketRow> news = Collections.newSetFromMap(new IdentityHashMap<>());
        List<SocketRow> closedNow = new ArrayList<>();
        Set<SocketRow> goneNow = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<RowKey, SocketRow> nowKeys = null;
        if (!first && !aligned) {
            Map<RowKey, SocketRow> before = keys != null ? keys : keyed(rows);
            nowKeys = new HashMap<>(capacity(now.size()));
            int kept = 0;
            for (SocketRow r : now) {
                SocketEntry e = r.entry();
                RowKey k = RowKey.of(e);
                boolean again = nowKeys.put(k, r) != null;
                if (before.containsKey(k)) {
                    kept += again ? 0 : 1;
                } else if (read == null || read.wants(e.proto(), e.family())) {
                    news.add(r);
                }
            }
            // every row of the read before found again: none closed, no second pass
            if (kept < rows.size()) {
                for (SocketRow r : rows) {
                    SocketEntry e = r.entry();
                    if (tables.wants(e.proto(), e.family()) && !nowKeys.containsKey(RowKey.of(e))) {
                        closedNow.add(r);
                        goneNow.add(r);
                    }
                }
            }
        }
        int exposedNow = 0;
        boolean info = false;
        for (SocketRow r : now) {
            SocketEntry e = r.entry();
            if (e.proto() != Proto.UNIX && Filter.isListening(e)) {
                Exposure x = Exposure.of(e);
                if (x != null && x != Exposure.LOOPBACK) {
                    exposedNow++;
                }
            }
            info |= e.details().tcp() != null;
        }
        seq++;
        snapshot = s;
        at = when;
        read = tables;
        rows = now;
        closed = closedNow;
        fresh = news;
        gone = goneNow;
        keys = nowKeys; // null after an aligned read: made from the rows when a read needs it
        // once per read: a hints source may compare each read with the ones before
        hinted = hints == null ? List.of() : List.copyOf(hints.apply(now));
        exposed = exposedNow;
        tcpInfo = info;
        if (aligned && sorted != null && sortedAt != null && IDENTITY_ORDER.contains(sortedBy)) {
            // the same sockets at the same places: the order is the one before, of this read's rows
            SocketRow[] again = new SocketRow[sortedAt.length];
            for (int i = 0; i < again.length; i++) {
                again[i] = now.get(sortedAt[i]);
            }
            sorted = Collections.unmodifiableList(Arrays.asList(again));
        } else {
            sorted = null;
            sortedAt = null;
        }
    }

    /** Whether {@code now} holds the same sockets as {@code before}, each at the same index. */
    private static boolean inSameOrder(List<SocketRow> before, List<SocketRow> now) {
        if (before.size() != now.size()) {
            return false;
        }
        for (int i = 0; i < now.size(); i++) {
            if (!RowKey.same(before.get(i).entry(), now.get(i).entry())) {
                return false;
            }
        }
        return true;
    }

    private static Map<RowKey, SocketRow> keyed(List<SocketRow> rows) {
        Map<RowKey, SocketRow> m = new HashMap<>(capacity(rows.size()));
        for (SocketRow r : rows) {
            m.put(RowKey.of(r.entry()), r);
        }
        return m;
    }

    /**
     * Where each row of {@code order} stands in {@code rows}, when {@code order} is an order of
     * exactly those rows; null otherwise.
     */
    private static int[] positions(List<SocketRow> order, List<SocketRow> rows) {
        if (order.size() != rows.size()) {
            return null;
        }
        Map<SocketRow, Integer> at = new IdentityHashMap<>(capacity(rows.size()));
        for (int i = 0; i < rows.size(); i++) {
            at.put(rows.get(i), i);
        }
        int[] out = new int[order.size()];
        for (int i = 0; i < out.length; i++) {
            Integer p = at.get(order.get(i));
            if (p == null) {
                return null;
            }
            out[i] = p;
        }
        return out;
    }

    /**
     * The frame these settings show of the last read.
     *
     * @param error why the latest read failed (the frame keeps the read before), or null
     */
    Frame prepare(Settings s, String error) {
        Frame.Builder b = new Frame.Builder();
        b.seq = seq;
        b.settings = s;
        b.snapshot = snapshot;
        b.at = at;
        b.error = error;
        b.exposedListeners = exposed;
        b.tcpInfo = tcpInfo;
        b.fresh = fresh;
        b.gone = gone;
        if (snapshot == null) {
            return new Frame(b);
        }
        if (sorted == null || sortedBy != s.sort() || sortedReversed != s.reversed()) {
            List<SocketRow> all = new ArrayList<>(rows.size() + closed.size());
            all.addAll(rows);
            all.addAll(closed);
            sorted = Collections.unmodifiableList(Pipeline.select(all, r -> true, s.sort(), s.reversed(), services));
            sortedAt = closed.isEmpty() && IDENTITY_ORDER.contains(s.sort()) ? positions(sorted, rows) : null;
            sortedBy = s.sort();
            sortedReversed = s.reversed();
        }
        Shown last = lastShown;
        if (last != null && last.settings() == s && last.content() == content && gone.isEmpty()) {
            // the same rows shown the same way as in the last frame: its lists, counts and widths
            b.rows = last.rows();
            b.total = last.total();
            System.arraycopy(last.byProto(), 0, b.byProto, 0, b.byProto.length);
            System.arraycopy(last.byState(), 0, b.byState, 0, b.byState.length);
            System.arraycopy(last.widths(), 0, b.widths, 0, b.widths.length);
            return finish(b, s, b.rows);
        }
        // one pass: the rows shown (a list of their own only from the first row not shown), and
        // the open ones among them (the same list when nothing closed since the read before)
        List<SocketRow> shown = null;
        boolean noneGone = gone.isEmpty();
        boolean every = s.showsEvery(read);
        List<SocketRow> openShown = noneGone ? null : new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            SocketRow r = sorted.get(i);
            if (!every && !s.shows(r)) {
                if (shown == null) {
                    shown = new ArrayList<>(sorted.subList(0, i));
                }
                continue;
            }
            if (shown != null) {
                shown.add(r);
            }
            if (noneGone || !gone.contains(r)) {
                if (openShown != null) {
                    openShown.add(r);
                }
                b.byProto[r.entry().proto().ordinal()]++;
                b.byState[r.entry().state().ordinal()]++;
            }
        }
        b.rows = shown == null ? sorted : Collections.unmodifiableList(shown);
        List<SocketRow> open = noneGone ? b.rows : openShown;
        b.total = open.size();
        measure(b, s);
        if (noneGone) {
            lastShown = new Shown(s, content, b.rows, b.total, b.byProto.clone(), b.byState.clone(), b.widths.clone());
        }
        // the per-process sums only for the tab that shows them; the last ones stay for the
        // selection to remember its process meanwhile
        if (s.processesTab() || processes == null) {
            processes = processes(open, s);
        }
        return finish(b, s, open);
    }

    /** What a frame takes from the read as it is: processes, notes, hints and the baseline's marks. */
    private Frame finish(Frame.Builder b, Settings s, List<SocketRow> open) {
        b.processes = processes;
        b.notes = notes == null ? List.of() : List.copyOf(notes.apply(snapshot, open));
        b.hints = hinted;
        baseline(b, s);
        return new Frame(b);
    }

    /**
     * The baseline's marks: the rows of this read opened since it ({@link Changes#added} and
     * {@link Changes#opened}) and the baseline's rows no longer open ({@link Changes#removed} and
     * {@link Changes#closed}), both as the settings show them. A new baseline is the last read's
     * rows. Only tables read both times take part: a table toggled on after {@code b} is not
     * news, and one toggled off has not closed. Compared once per read.
     */
    private void baseline(Frame.Builder b, Settings s) {
        if (s.baseline() != baselineId) {
            baselineId = s.baseline();
            baseline = null;
            changes = null;
            if (baselineId != 0 && portClasses != null) {
                baseline = Baseline.of(rows, portClasses);
                baselineAt = at;
                baselineTables = read;
            }
        }
        if (baseline == null) {
            return;
        }
        if (changes == null || comparedSeq != seq) {
            List<SocketRow> current = new ArrayList<>(rows.size());
            for (SocketRow r : rows) {
                if (baselineTables.wants(r.entry().proto(), r.entry().family())) {
                    current.add(r);
                }
            }
            changes = baseline.compare(current, false);
            comparedSeq = seq;
        }
        Set<SocketRow> opened = Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<SocketRow> l : List.of(changes.added(), changes.opened())) {
            for (SocketRow r : l) {
                if (s.shows(r)) {
                    opened.add(r);
                }
            }
        }
        List<SocketRow> left = new ArrayList<>();
        for (List<SocketRow> l : List.of(changes.removed(), changes.closed())) {
            for (SocketRow r : l) {
                if (read.wants(r.entry().proto(), r.entry().family()) && s.shows(r)) {
                    left.add(r);
                }
            }
        }
        b.baselineAt = baselineAt;
        b.sinceBaseline = opened;
        b.closedSinceBaseline = Collections.unmodifiableList(left);
    }

    /**
     * The widest cell of each column shown (and of the extras a wide terminal may add), over
     * the rows the frame shows. The cells of the columns that depend on their row alone come
     * from {@link Widths}, which measures only the rows new or changed since the read before;
     * when every row is shown no row is visited at all.
     */
    private void measure(Frame.Builder b, Settings s) {
        List<Column> cols = new ArrayList<>(s.columns());
        for (Column c : extras) {
            if (!cols.contains(c)) {
                cols.add(c);
            }
        }
        Column.Context ctx = new Column.Context(services, null).peers(snapshot.rows());
        widths.update(rows, closed, cols, ctx);
        boolean all = b.rows.size() == rows.size() + closed.size();
        int[] w = new int[cols.size()];
        boolean others = false;
        for (int i = 0; i < w.length; i++) {
            Column c = cols.get(i);
            if (!Widths.kept(c)) {
                others = true;
            } else if (all) {
                w[i] = widths.widest(c);
            }
        }
        if (!all) {
            widths.widestShown(cols, s, w);
        }
        if (others) {
            for (SocketRow r : b.rows) {
                for (int i = 0; i < w.length; i++) {
                    Column c = cols.get(i);
                    if (!Widths.kept(c)) {
                        w[i] = Math.max(w[i], Widths.width(c, r, ctx));
                    }
                }
            }
        }
        for (int i = 0; i < w.length; i++) {
            b.widths[cols.get(i).ordinal()] = w[i];
        }
    }

    private static final class Sum {
        final Holder h;
        final String user;
        int sockets;
        int listen;
        int established;
        double tx = Double.NaN;
        double rx = Double.NaN;

        Sum(Holder h) {
            this.h = h;
            this.user = h.user();
        }
    }

    /** One row per process (a row's first holder), in the settings' process order. */
    static List<ProcessRow> processes(List<SocketRow> open, Settings s) {
        Map<Integer, Sum> by = new HashMap<>();
        for (SocketRow r : open) {
            Holder h = r.owner();
            if (h == null) {
                continue;
            }
            Sum sum = by.computeIfAbsent(h.pid(), p -> new Sum(h));
            sum.sockets++;
            State st = r.entry().state();
            if (Filter.isListening(r.entry())) {
                sum.listen++;
            } else if (st == State.ESTABLISHED) {
                sum.established++;
            }
            if (r.rates() != null) {
                sum.tx = (Double.isNaN(sum.tx) ? 0 : sum.tx) + r.rates().sendPerSecond();
                sum.rx = (Double.isNaN(sum.rx) ? 0 : sum.rx) + r.rates().receivePerSecond();
            }
        }
        List<ProcessRow> out = new ArrayList<>(by.size());
        for (Sum x : by.values()) {
            out.add(new ProcessRow(x.h.pid(), x.h.process(), x.user, x.sockets, x.listen, x.established, x.tx, x.rx));
        }
        ProcessColumn key = s.processSort();
        int sign = s.processReversed() ? -1 : 1;
        out.sort((a, c) -> {
            int d = sign * compare(key, a, c);
            return d != 0 ? d : Integer.compare(a.pid(), c.pid());
        });
        return Collections.unmodifiableList(out);
    }

    private static int compare(ProcessColumn k, ProcessRow a, ProcessRow b) {
        switch (k) {
            case PROGRAM:
                return a.program().compareTo(b.program());
            case USER:
                return String.valueOf(a.user()).compareTo(String.valueOf(b.user()));
            case SOCKETS:
                return Integer.compare(a.sockets(), b.sockets());
            case LISTEN:
                return Integer.compare(a.listen(), b.listen());
            case ESTABLISHED:
                return Integer.compare(a.established(), b.established());
            case OTHER:
                return Integer.compare(a.other(), b.other());
            case TX:
                return rate(a.tx(), b.tx());
            case RX:
                return rate(a.rx(), b.rx());
            default:
                return Integer.compare(a.pid(), b.pid());
        }
    }

    /** No rate sorts below any rate. */
    private static int rate(double a, double b) {
        return Double.compare(Double.isNaN(a) ? -1 : a, Double.isNaN(b) ? -1 : b);
    }

    private static int capacity(int n) {
        return Math.max(16, (int) (n / 0.75f) + 1);
    }
}
