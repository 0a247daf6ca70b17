package dev.sockscope.view.live;

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
import dev.sockscope.view.Cut;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
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

    private long seq;
    private Snapshot snapshot;
    private Instant at;
    private TableSelection read;
    private List<SocketRow> rows = List.of();
    private List<SocketRow> closed = List.of();
    private Set<SocketRow> fresh = Set.of();
    private Set<SocketRow> gone = Set.of();
    private Set<RowKey> keys = Set.of();
    private int exposed;
    private boolean tcpInfo;

    private List<SocketRow> sorted;
    private SortKey sortedBy;
    private boolean sortedReversed;

    /**
     * @param services port names for the Service column and its order; null with {@code -n}
     * @param notes    the notes of a read given the rows shown ({@link dev.sockscope.view.Notes})
     * @param hints    the health hints of a read's rows; null for none
     * @param extras   columns a wide terminal may add: their widths are measured too
     */
    Preparer(
            ServiceRegistry services,
            BiFunction<Snapshot, List<SocketRow>, List<String>> notes,
            Function<List<SocketRow>, List<String>> hints,
            List<Column> extras) {
        this.services = services;
        this.notes = notes;
        this.hints = hints;
        this.extras = List.copyOf(extras);
    }

    /** Whether the last read covered these tables. */
    boolean covers(TableSelection want) {
        return read != null
                && read.protos().containsAll(want.protos())
                && read.families().containsAll(want.families());
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
        List<SocketRow> now = pipeline.withRates(s.rows(), nanos);
        Set<RowKey> nowKeys = new HashSet<>(capacity(now.size()));
        boolean first = snapshot == null;
        Set<SocketRow> news = Collections.newSetFromMap(new IdentityHashMap<>());
        int exposedNow = 0;
        boolean info = false;
        for (SocketRow r : now) {
            SocketEntry e = r.entry();
            RowKey k = RowKey.of(e);
            nowKeys.add(k);
            if (!first && !keys.contains(k) && (read == null || read.wants(e.proto(), e.family()))) {
                news.add(r);
            }
            if (e.proto() != Proto.UNIX && Filter.isListening(e)) {
                Exposure x = Exposure.of(e);
                if (x != null && x != Exposure.LOOPBACK) {
                    exposedNow++;
                }
            }
            info |= e.details().tcp() != null;
        }
        List<SocketRow> closedNow = new ArrayList<>();
        Set<SocketRow> goneNow = Collections.newSetFromMap(new IdentityHashMap<>());
        if (!first) {
            for (SocketRow r : rows) {
                SocketEntry e = r.entry();
                if (tables.wants(e.proto(), e.family()) && !nowKeys.contains(RowKey.of(e))) {
                    closedNow.add(r);
                    goneNow.add(r);
                }
            }
        }
        seq++;
        snapshot = s;
        at = when;
        read = tables;
        rows = now;
        closed = closedNow;
        fresh = news;
        gone = goneNow;
        keys = nowKeys;
        exposed = exposedNow;
        tcpInfo = info;
        sorted = null;
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
            sortedBy = s.sort();
            sortedReversed = s.reversed();
        }
        List<SocketRow> shown = new ArrayList<>();
        for (SocketRow r : sorted) {
            if (s.shows(r)) {
                shown.add(r);
            }
        }
        b.rows = shown.size() == sorted.size() ? sorted : Collections.unmodifiableList(shown);
        List<SocketRow> open = new ArrayList<>(b.rows.size());
        for (SocketRow r : b.rows) {
            if (gone.isEmpty() || !gone.contains(r)) {
                open.add(r);
                b.byProto[r.entry().proto().ordinal()]++;
                b.byState[r.entry().state().ordinal()]++;
            }
        }
        b.total = open.size();
        measure(b, s);
        b.processes = processes(open, s);
        b.notes = notes == null ? List.of() : List.copyOf(notes.apply(snapshot, open));
        b.hints = hints == null ? List.of() : List.copyOf(hints.apply(rows));
        return new Frame(b);
    }

    /** The widest cell of each column shown (and of the extras a wide terminal may add). */
    private void measure(Frame.Builder b, Settings s) {
        List<Column> cols = new ArrayList<>(s.columns());
        for (Column c : extras) {
            if (!cols.contains(c)) {
                cols.add(c);
            }
        }
        Column.Context ctx = new Column.Context(services, null);
        int[] w = new int[cols.size()];
        for (SocketRow r : b.rows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], Cut.cells(cols.get(i).text(r, ctx)));
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
