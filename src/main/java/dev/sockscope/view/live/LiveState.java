package dev.sockscope.view.live;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.query.QueryException;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.TableSelection;
import dev.sockscope.view.Cells;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Everything the live view shows, as plain data: the last snapshot and what changed since the
 * one before, the filters, sort, selection, scroll and mode. Pure and single-threaded: it changes
 * only through {@link #apply(Action, String)}, {@link #accept(Snapshot, TableSelection, Instant)},
 * {@link #install(Prepared)}, {@link #failed(String)} and {@link #viewport(int)}; time comes in
 * with the data.
 *
 * <p>Nothing here costs O(rows): a new read, a new sort or a new filter becomes a
 * {@link Prepared.Job} handed to the {@code worker} given at construction, and the finished
 * {@link Prepared} comes back through {@link #install(Prepared)}, which swaps it in. Until then
 * the table keeps showing the previous one while the prompt, the header and the selection answer
 * at once. Jobs come in two weights ({@link Prepared.Job#light()}): a new read or a new sort
 * order is heavy; a new filter or toggle over rows already in order is one pass, light, and the
 * live view runs the two kinds on two threads so a filter never waits for a refresh. Results
 * may therefore come back in any order; {@link #install} shows one only if it is no older than
 * the shown table in both its data and its settings, so a refresh never brings back a filter
 * the user has already changed. The default worker runs each job at once, so the pure tests see
 * every change immediately.
 *
 * <p>Rows are marked {@link Mark#NEW} when their {@link RowKey} was not in the previous
 * snapshot, and rows of the previous snapshot that are missing now are kept one refresh as
 * {@link Mark#GONE}. The first snapshot marks nothing. The selection is a socket (its key), not
 * a row number, and keeps its line on the screen across refreshes while it exists.
 */
final class LiveState {

    enum Mode {
        TABLE,
        PROMPT,
        DETAILS,
        HELP
    }

    enum Mark {
        NONE,
        NEW,
        GONE
    }

    /**
     * One table row: its pid/program and service cells formatted once per refresh, the others
     * (constants, or text of the entry's own fields) made again when the screen draws the row,
     * and the widths of all six in columns, packed {@value #WIDTH_BITS} bits each. A live view
     * holds two reads of rows, so each row's size counts: with 80,000 sockets, a field of two
     * endpoint strings and an int[] of widths weighed 14 MB per read.
     */
    record Line(SocketRow row, RowKey key, Mark mark, String pidProgram, String service, long widths) {
        Line marked(Mark m) {
            return new Line(row, key, m, pidProgram, service, widths);
        }

        String proto() {
            return Cells.proto(row.entry());
        }

        String local() {
            return Cells.local(row.entry());
        }

        String remote() {
            return Cells.remote(row.entry(), null);
        }

        String state() {
            return Cells.state(row.entry());
        }

        /** The width of column {@code c} (in {@link SortColumn} order), at most {@value #MAX_WIDTH}. */
        int width(int c) {
            return (int) (widths >>> (c * WIDTH_BITS)) & MAX_WIDTH;
        }
    }

    static final int WIDTH_BITS = 10;
    /** The widest a cell counts for the layout: no terminal shows more of one. */
    static final int MAX_WIDTH = (1 << WIDTH_BITS) - 1;

    /** Column widths packed for {@link Line#widths()}, each capped at {@link #MAX_WIDTH}. */
    static long packWidths(int... w) {
        long packed = 0;
        for (int c = w.length - 1; c >= 0; c--) {
            packed = packed << WIDTH_BITS | Math.min(w[c], MAX_WIDTH);
        }
        return packed;
    }

    /**
     * Formats every row of a snapshot, unmarked, in snapshot order. Pure and thread-safe: the
     * refresh thread calls it so that a busy host's tables (tens of thousands of rows) are not
     * formatted on the thread that answers keys.
     *
     * @param services null for no Service names ({@code -n})
     */
    static List<Line> format(Snapshot s, ServiceRegistry services) {
        List<Line> out = new ArrayList<>(s.rows().size());
        Cells.PidPrograms pidPrograms = new Cells.PidPrograms();
        for (SocketRow r : s.rows()) {
            SocketEntry e = r.entry();
            String pidProgram = pidPrograms.of(r);
            String service = Cells.service(e, services);
            long w = packWidths(
                    Cells.proto(e).length(),
                    Text.columns(Cells.local(e)),
                    Text.columns(Cells.remote(e, null)),
                    Cells.state(e).length(),
                    Text.columns(pidProgram),
                    Text.columns(service));
            out.add(new Line(r, RowKey.of(e), Mark.NONE, pidProgram, service, w));
        }
        return out;
    }

    /** The registry {@link #format} should use for this state (null with {@code -n}). */
    ServiceRegistry formatServices() {
        return services;
    }

    /** Column count of {@link #naturalWidths()}, in {@link SortColumn} order. */
    static final int COLUMNS = SortColumn.values().length;

    private final String host;
    private final ZoneId zone;
    private final Duration interval;
    private final Predicate<SocketRow> baseFilter;
    private final String baseFilterText;
    private final FilterParser parser;
    private final ServiceRegistry services;
    private final boolean numeric;
    private final Function<String, String> resolver;
    private final boolean udplite;
    private final boolean color;

    private final Consumer<Prepared.Job> worker;
    /** What the table shows: swapped whole by {@link #install}. */
    private Prepared shown;
    /** A newer read than shown's, prepared with settings older than shown's: waits for a light job. */
    private Prepared staged;
    /** The settings the user asked for; {@code shown.spec()} catches up when its job is done. */
    private Prepared.Spec spec;

    private long generation;
    private long reads;
    /** The newest read handed to the worker and not shown yet; null when none. */
    private Prepared.Incoming unshown;
    /** The newest read held back while paused; null when none. */
    private Prepared.Incoming pending;

    private String sourceError;

    private final EnumSet<Proto> protos;
    private final EnumSet<Family> families;
    private boolean listeningOnly;
    private String filterText = "";
    private Predicate<SocketRow> filter;
    private SortColumn sort = SortColumn.LOCAL;
    private boolean reversed;
    private boolean paused;
    private Mode mode = Mode.TABLE;
    private boolean quit;
    private String message;

    private final StringBuilder prompt = new StringBuilder();
    private String promptError;
    private String savedFilterText;
    private Predicate<SocketRow> savedFilter;

    private RowKey selected;
    private int selectedIndex = -1;
    private int top;
    private int viewport = 1;

    private RowKey detailsKey;
    private SocketRow detailsRow;
    private boolean detailsClosed;
    private int detailsTop;

    /** A state that prepares every change at once, on the calling thread (for tests and tools). */
    LiveState(LiveOptions o, String host, ZoneId zone) {
        this(o, host, zone, null);
    }

    /**
     * @param worker runs a job somewhere and hands the result to {@link #install(Prepared)} on
     *               this state's thread; it may drop a job when a newer one arrives before it
     *               started (the newer one covers everything the older one did). Null runs each
     *               job at once.
     */
    LiveState(LiveOptions o, String host, ZoneId zone, Consumer<Prepared.Job> worker) {
        this.worker = worker != null ? worker : job -> install(Prepared.prepare(job, () -> false));
        this.host = host;
        this.zone = zone;
        this.interval = o.interval();
        this.baseFilter = o.baseFilter();
        this.baseFilterText = o.baseFilterText();
        this.parser = o.filterParser();
        this.services = o.numeric() ? null : o.services();
        this.numeric = o.numeric();
        this.resolver = o.resolver();
        this.protos = o.tables().protos().isEmpty()
                ? EnumSet.of(Proto.TCP, Proto.UDP)
                : EnumSet.copyOf(o.tables().protos());
        this.families = o.tables().families().isEmpty()
                ? EnumSet.of(Family.IPV4, Family.IPV6)
                : EnumSet.copyOf(o.tables().families());
        this.udplite = protos.contains(Proto.UDPLITE);
        this.color = o.color();
        this.listeningOnly = o.listening();
        this.spec = newSpec();
        this.shown = Prepared.empty(spec);
    }

    // ---- data in ----

    /** A snapshot read with the tables of {@code read}, at {@code now}; held back while paused. */
    void accept(Snapshot s, TableSelection read, Instant now) {
        accept(s, format(s, services), read, now);
    }

    /**
     * As {@link #accept(Snapshot, TableSelection, Instant)}, with the rows already
     * {@link #format formatted}. O(1): the rows are marked, sorted and filtered by the worker.
     */
    void accept(Snapshot s, List<Line> lines, TableSelection read, Instant now) {
        Prepared.Incoming in = new Prepared.Incoming(++reads, s, lines, read, now);
        if (paused) {
            pending = in;
            return;
        }
        sourceError = null;
        unshown = in;
        submitData();
    }

    /**
     * Swaps in what the worker prepared, if it is no older than the shown table in both data and
     * settings. O(1) unless the selection moved while the worker ran (then one scan of the new
     * view finds the selected socket again).
     */
    void install(Prepared p) {
        if (p == null) {
            return;
        }
        long gen = p.spec().generation();
        long shownGen = shown.spec().generation();
        if (p.seq() > shown.seq() && paused) {
            // a read taken before the pause, prepared after it: it waits in pending with the rest
            if (shownGen != spec.generation()) {
                submitView();
            }
            return;
        }
        if (p.seq() < shown.seq()) {
            // settings applied to older rows than those shown: apply them to the shown ones
            if (gen > shownGen) {
                submitView();
            }
            return;
        }
        if (p.seq() == shown.seq() && gen < shownGen) {
            return;
        }
        if (p.seq() > shown.seq() && gen < shownGen) {
            // newer rows, but filtered as before the last key: showing them would undo the key
            if (staged == null || p.seq() >= staged.seq()) {
                staged = p;
            }
            submitView();
            return;
        }
        show(p);
        if (staged != null && staged.seq() <= p.seq()) {
            staged = null;
        }
        if (unshown != null && p.seq() >= unshown.seq()) {
            unshown = null;
        }
        if (gen < spec.generation()) {
            // the job for the newest settings may have started on older rows than these
            submitView();
        }
    }

    private void show(Prepared p) {
        shown = p;
        List<Line> lines = p.view();
        int oldOffset = selectedIndex - top;
        int oldIndex = selectedIndex;
        int idx = -1;
        if (selected != null) {
            idx = selected.equals(p.selected()) ? p.selectedIndex() : indexOf(lines, selected);
        }
        if (idx < 0 && !lines.isEmpty()) {
            // the selected socket is gone for good: stay on the same line of the list
            idx = oldIndex < 0 ? 0 : Math.min(oldIndex, lines.size() - 1);
        }
        selectedIndex = idx;
        selected = idx < 0 ? null : lines.get(idx).key();
        if (idx >= 0 && oldIndex >= 0) {
            top = idx - Math.max(0, oldOffset);
        }
        clampScroll();
        if (mode == Mode.DETAILS && detailsKey != null && detailsKey.equals(p.details())) {
            detailsClosed = p.detailsRow() == null;
            if (!detailsClosed) {
                detailsRow = p.detailsRow();
            }
        }
    }

    private static int indexOf(List<Line> lines, RowKey k) {
        for (int i = 0; i < lines.size(); i++) {
            RowKey o = lines.get(i).key();
            if (o.inode() == k.inode() && o.equals(k)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A heavy job: the newest read marked against the shown table, or (no read waiting) the
     * newest rows in a new order; sorted and filtered by the newest settings.
     */
    private void submitData() {
        Prepared base = unshown != null || staged == null ? shown : staged;
        worker.accept(new Prepared.Job(base, unshown, spec, selected, mode == Mode.DETAILS ? detailsKey : null));
    }

    /** The newest rows with the newest settings: light when their order stays, else heavy. */
    private void submitView() {
        Prepared base = staged != null ? staged : shown;
        if (base.spec().sort() != spec.sort() || base.spec().reversed() != spec.reversed()) {
            submitData();
            return;
        }
        worker.accept(new Prepared.Job(base, null, spec, selected, mode == Mode.DETAILS ? detailsKey : null));
    }

    private void specChanged() {
        spec = newSpec();
        submitView();
    }

    private Prepared.Spec newSpec() {
        return new Prepared.Spec(
                ++generation,
                sort,
                reversed,
                Collections.unmodifiableSet(EnumSet.copyOf(protos)),
                Collections.unmodifiableSet(EnumSet.copyOf(families)),
                listeningOnly,
                baseFilter,
                filter);
    }

    /** A refresh failed; the message (one line) shows until the next good one. */
    void failed(String error) {
        sourceError = error;
    }

    /** Rows the table area has room for; keeps the selection visible. */
    void viewport(int rows) {
        viewport = Math.max(1, rows);
        clampScroll();
    }

    // ---- keys ----

    /** Applies one key; {@code typed} is the text of the key ({@link Action#CHAR} and letters in the prompt). */
    void apply(Action a, String typed) {
        if (a == Action.INTERRUPT) {
            quit = true;
            return;
        }
        if (mode != Mode.PROMPT) {
            message = null;
        }
        switch (mode) {
            case HELP:
                if (a == Action.ESCAPE || a == Action.QUIT || a == Action.HELP || a == Action.ENTER) {
                    mode = Mode.TABLE;
                }
                break;
            case DETAILS:
                applyDetails(a);
                break;
            case PROMPT:
                applyPrompt(a, typed);
                break;
            default:
                applyTable(a);
        }
    }

    private void applyTable(Action a) {
        switch (a) {
            case QUIT:
                quit = true;
                break;
            case UP:
                select(selectedIndex - 1);
                break;
            case DOWN:
                select(selectedIndex + 1);
                break;
            case PAGE_UP:
                select(selectedIndex - viewport);
                break;
            case PAGE_DOWN:
                select(selectedIndex + viewport);
                break;
            case HOME:
                select(0);
                break;
            case END:
                select(shown.view().size() - 1);
                break;
            case FILTER:
                if (parser == null) {
                    message = "filtering is not available";
                    break;
                }
                mode = Mode.PROMPT;
                savedFilterText = filterText;
                savedFilter = filter;
                prompt.setLength(0);
                prompt.append(filterText);
                promptError = null;
                break;
            case SORT_NEXT:
                sort = sort.next();
                if (numeric && sort == SortColumn.SERVICE) {
                    sort = sort.next();
                }
                specChanged();
                break;
            case SORT_REVERSE:
                reversed = !reversed;
                specChanged();
                break;
            case PAUSE:
                paused = !paused;
                if (paused) {
                    // handed to the worker but not shown yet: hold it back with whatever comes next
                    if (unshown != null) {
                        pending = unshown;
                        unshown = null;
                    }
                    staged = null;
                } else if (pending != null) {
                    Prepared.Incoming p = pending;
                    pending = null;
                    sourceError = null;
                    unshown = p;
                    submitData();
                }
                break;
            case TOGGLE_LISTENING:
                listeningOnly = !listeningOnly;
                specChanged();
                break;
            case TOGGLE_TCP:
                toggleProto(Proto.TCP);
                break;
            case TOGGLE_UDP:
                toggleProto(Proto.UDP);
                break;
            case TOGGLE_IPV4:
                toggleFamily(Family.IPV4);
                break;
            case TOGGLE_IPV6:
                toggleFamily(Family.IPV6);
                break;
            case ENTER:
                if (selectedIndex >= 0) {
                    Line l = shown.view().get(selectedIndex);
                    detailsKey = l.key();
                    detailsRow = l.row();
                    detailsClosed = l.mark() == Mark.GONE;
                    detailsTop = 0;
                    mode = Mode.DETAILS;
                }
                break;
            case HELP:
                mode = Mode.HELP;
                break;
            default:
                break;
        }
    }

    private void applyDetails(Action a) {
        switch (a) {
            case ESCAPE:
            case ENTER:
            case QUIT:
                mode = Mode.TABLE;
                break;
            case UP:
                detailsTop = Math.max(0, detailsTop - 1);
                break;
            case DOWN:
                detailsTop++;
                break;
            case PAGE_UP:
                detailsTop = Math.max(0, detailsTop - viewport);
                break;
            case PAGE_DOWN:
                detailsTop += viewport;
                break;
            case HOME:
                detailsTop = 0;
                break;
            default:
                break;
        }
    }

    private void applyPrompt(Action a, String typed) {
        switch (a) {
            case ESCAPE:
                filterText = savedFilterText;
                filter = savedFilter;
                promptError = null;
                mode = Mode.TABLE;
                specChanged();
                return;
            case ENTER:
                if (promptError == null) {
                    mode = Mode.TABLE;
                }
                return;
            case BACKSPACE:
                if (prompt.length() > 0) {
                    int cp = prompt.codePointBefore(prompt.length());
                    prompt.setLength(prompt.length() - Character.charCount(cp));
                }
                break;
            case CLEAR_LINE:
                prompt.setLength(0);
                break;
            default:
                if (typed != null && !typed.isEmpty() && printable(typed)) {
                    if (prompt.length() < 200) {
                        prompt.append(typed);
                    }
                    break;
                }
                // keys that are not text still move the selection while the filter is typed
                switch (a) {
                    case UP:
                        select(selectedIndex - 1);
                        break;
                    case DOWN:
                        select(selectedIndex + 1);
                        break;
                    case PAGE_UP:
                        select(selectedIndex - viewport);
                        break;
                    case PAGE_DOWN:
                        select(selectedIndex + viewport);
                        break;
                    default:
                        break;
                }
                return;
        }
        reparse();
    }

    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
                return false;
            }
        }
        return true;
    }

    private void reparse() {
        String text = prompt.toString().trim();
        if (text.equals(filterText) && (filter != null || text.isEmpty())) {
            // the same words (a trailing space, a backspace over it): nothing to filter again
            promptError = null;
            return;
        }
        if (text.isEmpty()) {
            filter = null;
            filterText = "";
            promptError = null;
        } else {
            try {
                filter = parser.parse(text);
                filterText = text;
                promptError = null;
            } catch (QueryException | RuntimeException e) {
                // keep the last valid filter in force while the words are being typed
                String m = e.getMessage();
                promptError = m == null || m.isBlank() ? "bad filter: " + text : m;
                return;
            }
        }
        specChanged();
    }

    private void toggleProto(Proto p) {
        EnumSet<Proto> next = EnumSet.copyOf(protos);
        if (next.contains(p)) {
            next.remove(p);
            if (p == Proto.UDP) {
                next.remove(Proto.UDPLITE);
            }
        } else {
            next.add(p);
            if (p == Proto.UDP && udplite) {
                next.add(Proto.UDPLITE);
            }
        }
        if (next.isEmpty()) {
            message = "at least one protocol stays shown";
            return;
        }
        protos.clear();
        protos.addAll(next);
        specChanged();
    }

    private void toggleFamily(Family f) {
        if (families.contains(f)) {
            if (families.size() == 1) {
                message = "at least one address family stays shown";
                return;
            }
            families.remove(f);
        } else {
            families.add(f);
        }
        specChanged();
    }

    // ---- derived view ----

    private void select(int i) {
        List<Line> view = shown.view();
        if (view.isEmpty()) {
            selectedIndex = -1;
            selected = null;
            return;
        }
        selectedIndex = Math.max(0, Math.min(view.size() - 1, i));
        selected = view.get(selectedIndex).key();
        clampScroll();
    }

    private void clampScroll() {
        int n = shown.view().size();
        if (selectedIndex >= 0) {
            if (selectedIndex < top) {
                top = selectedIndex;
            } else if (selectedIndex >= top + viewport) {
                top = selectedIndex - viewport + 1;
            }
        }
        top = Math.max(0, Math.min(top, Math.max(0, n - viewport)));
        if (selectedIndex >= 0 && selectedIndex < top) {
            top = selectedIndex;
        }
    }

    // ---- sorting ----

    /** Compares runs of decimal digits by value, so {@code 10.0.0.9 < 10.0.0.10}. */
    static int naturalCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (isDigit(x) && isDigit(y)) {
                int si = i;
                int sj = j;
                while (si < a.length() && a.charAt(si) == '0') {
                    si++;
                }
                while (sj < b.length() && b.charAt(sj) == '0') {
                    sj++;
                }
                int ei = si;
                int ej = sj;
                while (ei < a.length() && isDigit(a.charAt(ei))) {
                    ei++;
                }
                while (ej < b.length() && isDigit(b.charAt(ej))) {
                    ej++;
                }
                if (ei - si != ej - sj) {
                    return (ei - si) - (ej - sj);
                }
                for (int k = 0; k < ei - si; k++) {
                    int d = a.charAt(si + k) - b.charAt(sj + k);
                    if (d != 0) {
                        return d;
                    }
                }
                i = ei;
                j = ej;
            } else {
                if (x != y) {
                    return x - y;
                }
                i++;
                j++;
            }
        }
        return (a.length() - i) - (b.length() - j);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // ---- read by the screen and the loop ----

    String host() {
        return host;
    }

    ZoneId zone() {
        return zone;
    }

    Duration interval() {
        return interval;
    }

    Instant lastRefresh() {
        return shown.at();
    }

    Snapshot snapshot() {
        return shown.snapshot();
    }
    /** Whether any read arrived, shown or not yet. */
    boolean hasData() {
        return shown.snapshot() != null || unshown != null || pending != null;
    }
    /** Whether the table is still in an order other than the one asked for (a sort is running). */
    boolean sorting() {
        return shown.spec().sort() != sort || shown.spec().reversed() != reversed;
    }

    String sourceError() {
        return sourceError;
    }

    boolean paused() {
        return paused;
    }

    Mode mode() {
        return mode;
    }

    boolean quit() {
        return quit;
    }

    String message() {
        return message;
    }

    String baseFilterText() {
        return baseFilterText;
    }

    String filterText() {
        return filterText;
    }

    String promptText() {
        return prompt.toString();
    }

    String promptError() {
        return promptError;
    }

    SortColumn sort() {
        return sort;
    }

    boolean reversed() {
        return reversed;
    }

    boolean listeningOnly() {
        return listeningOnly;
    }

    Set<Proto> protos() {
        return Collections.unmodifiableSet(protos);
    }

    Set<Family> families() {
        return Collections.unmodifiableSet(families);
    }

    boolean numeric() {
        return numeric;
    }

    boolean color() {
        return color;
    }

    ServiceRegistry services() {
        return services;
    }

    Function<String, String> resolver() {
        return resolver;
    }

    List<Line> view() {
        return shown.view();
    }

    int[] naturalWidths() {
        return shown.widths();
    }
    /** Rows shown, not counting closed ones kept for one refresh. */
    int shownTotal() {
        return shown.shownTotal();
    }
    /** The prepared table now shown (for tests of what is retained). */
    Prepared shown() {
        return shown;
    }
    /** Reads waiting to be shown: at the worker, prepared but staged, held while paused (0 to 3). */
    int waitingReads() {
        return (unshown == null ? 0 : 1) + (staged == null ? 0 : 1) + (pending == null ? 0 : 1);
    }

    int selectedIndex() {
        return selectedIndex;
    }

    int top() {
        return top;
    }

    SocketRow detailsRow() {
        return detailsRow;
    }

    boolean detailsClosed() {
        return detailsClosed;
    }

    int detailsTop() {
        return detailsTop;
    }

    /** Caps the details scroll at what the screen could show. */
    void clampDetails(int maxTop) {
        detailsTop = Math.max(0, Math.min(detailsTop, maxTop));
    }

    /** The tables the next read needs for what the toggles show. */
    TableSelection tableSelection() {
        return new TableSelection(protos, families);
    }

    /** Shown rows per protocol label ({@code tcp}, {@code udp}...), closed rows not counted, zeros left out. */
    Map<String, Integer> countsByProto() {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        for (Proto p : Proto.values()) {
            if (shown.protoCount(p) > 0) {
                m.put(p.label(), shown.protoCount(p));
            }
        }
        return m;
    }

    /** Shown rows per state, in the enum's order, closed rows not counted, zeros left out. */
    Map<dev.sockscope.model.State, Integer> countsByState() {
        Map<dev.sockscope.model.State, Integer> m = new java.util.EnumMap<>(dev.sockscope.model.State.class);
        for (dev.sockscope.model.State st : dev.sockscope.model.State.values()) {
            if (shown.stateCount(st) > 0) {
                m.put(st, shown.stateCount(st));
            }
        }
        return m;
    }

    /** Rows read in the last snapshot, before any filter. */
    int readTotal() {
        return shown.snapshot() == null ? 0 : shown.snapshot().rows().size();
    }
}
