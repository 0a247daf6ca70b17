package dev.sockscope.view.live;

import dev.sockscope.cli.UsageException;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.TableSelection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Everything the live view shows, as plain data: the last snapshot and what changed since the
 * one before, the filters, sort, selection, scroll and mode. Pure and single-threaded: it changes
 * only through {@link #apply(Action, String)}, {@link #accept(Snapshot, TableSelection, Instant)},
 * {@link #failed(String)} and {@link #viewport(int)}; time comes in with the data.
 *
 * <p>Rows are marked {@link Mark#NEW} when their {@link RowKey} was not in the previous
 * snapshot, and rows of the previous snapshot that are missing now are kept one refresh as
 * {@link Mark#GONE}. The first snapshot marks nothing. The selection is a socket (its key), not
 * a row number, and keeps its line on the screen across refreshes while it exists.
 */
final class LiveState {

    enum Mode { TABLE, PROMPT, DETAILS, HELP }

    enum Mark { NONE, NEW, GONE }

    /** One table row with its cells formatted once per refresh. */
    record Line(SocketRow row, RowKey key, Mark mark, String proto, String local, String remote,
                String state, String pidProgram, String service) {
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

    private Snapshot snapshot;
    private TableSelection readSelection;
    private Instant lastRefresh;
    private List<SocketRow> gone = List.of();
    private Set<RowKey> fresh = Set.of();
    private String sourceError;
    private Snapshot pending;
    private TableSelection pendingSelection;
    private Instant pendingAt;

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

    private List<Line> view = List.of();
    private int[] naturalWidths = new int[COLUMNS];
    private int shownTotal;
    private RowKey selected;
    private int selectedIndex = -1;
    private int top;
    private int viewport = 1;

    private RowKey detailsKey;
    private SocketRow detailsRow;
    private boolean detailsClosed;
    private int detailsTop;

    LiveState(LiveOptions o, String host, ZoneId zone) {
        this.host = host;
        this.zone = zone;
        this.interval = o.interval();
        this.baseFilter = o.baseFilter();
        this.baseFilterText = o.baseFilterText();
        this.parser = o.filterParser();
        this.services = o.numeric() ? null : o.services();
        this.numeric = o.numeric();
        this.resolver = o.resolver();
        this.protos = o.tables().protos().isEmpty() ? EnumSet.of(Proto.TCP, Proto.UDP)
                : EnumSet.copyOf(o.tables().protos());
        this.families = o.tables().families().isEmpty() ? EnumSet.of(Family.IPV4, Family.IPV6)
                : EnumSet.copyOf(o.tables().families());
        this.udplite = protos.contains(Proto.UDPLITE);
        this.color = o.color();
        this.listeningOnly = o.listening();
    }

    // ---- data in ----

    /** A snapshot read with the tables of {@code read}, at {@code now}; held back while paused. */
    void accept(Snapshot s, TableSelection read, Instant now) {
        if (paused) {
            pending = s;
            pendingSelection = read;
            pendingAt = now;
            return;
        }
        if (snapshot != null) {
            Set<RowKey> before = new HashSet<>(hashCapacity(snapshot.rows().size()));
            for (SocketRow r : snapshot.rows()) {
                before.add(RowKey.of(r.entry()));
            }
            Set<RowKey> now2 = new HashSet<>(hashCapacity(s.rows().size()));
            Set<RowKey> added = new HashSet<>();
            for (SocketRow r : s.rows()) {
                RowKey k = RowKey.of(r.entry());
                now2.add(k);
                // a table read for the first time (a toggle widened the read) is not news
                if (!before.contains(k) && wasRead(readSelection, r.entry())) {
                    added.add(k);
                }
            }
            List<SocketRow> closed = new ArrayList<>();
            for (SocketRow r : snapshot.rows()) {
                if (!now2.contains(RowKey.of(r.entry())) && wasRead(read, r.entry())) {
                    closed.add(r);
                }
            }
            fresh = added;
            gone = closed;
        }
        snapshot = s;
        readSelection = read;
        lastRefresh = now;
        sourceError = null;
        rebuild();
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

    private static boolean wasRead(TableSelection sel, SocketEntry e) {
        return sel == null || sel.wants(e.proto(), e.family());
    }

    private static int hashCapacity(int n) {
        return Math.max(16, (int) (n / 0.75f) + 1);
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
            case QUIT: quit = true; break;
            case UP: select(selectedIndex - 1); break;
            case DOWN: select(selectedIndex + 1); break;
            case PAGE_UP: select(selectedIndex - viewport); break;
            case PAGE_DOWN: select(selectedIndex + viewport); break;
            case HOME: select(0); break;
            case END: select(view.size() - 1); break;
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
                rebuild();
                break;
            case SORT_REVERSE: reversed = !reversed; rebuild(); break;
            case PAUSE:
                paused = !paused;
                if (!paused && pending != null) {
                    Snapshot p = pending;
                    pending = null;
                    accept(p, pendingSelection, pendingAt);
                }
                break;
            case TOGGLE_LISTENING: listeningOnly = !listeningOnly; rebuild(); break;
            case TOGGLE_TCP: toggleProto(Proto.TCP); break;
            case TOGGLE_UDP: toggleProto(Proto.UDP); break;
            case TOGGLE_IPV4: toggleFamily(Family.IPV4); break;
            case TOGGLE_IPV6: toggleFamily(Family.IPV6); break;
            case ENTER:
                if (selectedIndex >= 0) {
                    Line l = view.get(selectedIndex);
                    detailsKey = l.key();
                    detailsRow = l.row();
                    detailsClosed = l.mark() == Mark.GONE;
                    detailsTop = 0;
                    mode = Mode.DETAILS;
                }
                break;
            case HELP: mode = Mode.HELP; break;
            default:
                break;
        }
    }

    private void applyDetails(Action a) {
        switch (a) {
            case ESCAPE: case ENTER: case QUIT: mode = Mode.TABLE; break;
            case UP: detailsTop = Math.max(0, detailsTop - 1); break;
            case DOWN: detailsTop++; break;
            case PAGE_UP: detailsTop = Math.max(0, detailsTop - viewport); break;
            case PAGE_DOWN: detailsTop += viewport; break;
            case HOME: detailsTop = 0; break;
            default: break;
        }
    }

    private void applyPrompt(Action a, String typed) {
        switch (a) {
            case ESCAPE:
                filterText = savedFilterText;
                filter = savedFilter;
                promptError = null;
                mode = Mode.TABLE;
                rebuild();
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
                    case UP: select(selectedIndex - 1); break;
                    case DOWN: select(selectedIndex + 1); break;
                    case PAGE_UP: select(selectedIndex - viewport); break;
                    case PAGE_DOWN: select(selectedIndex + viewport); break;
                    default: break;
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
        if (text.isEmpty()) {
            filter = null;
            filterText = "";
            promptError = null;
        } else {
            try {
                filter = parser.parse(text);
                filterText = text;
                promptError = null;
            } catch (UsageException | RuntimeException e) {
                // keep the last valid filter in force while the words are being typed
                String m = e.getMessage();
                promptError = m == null || m.isBlank() ? "bad filter: " + text : m;
            }
        }
        rebuild();
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
        rebuild();
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
        rebuild();
    }

    // ---- derived view ----

    private void rebuild() {
        Predicate<SocketRow> base = baseFilter;
        Predicate<SocketRow> live = filter;
        List<Line> lines = new ArrayList<>();
        int total = 0;
        if (snapshot != null) {
            for (SocketRow r : snapshot.rows()) {
                if (shows(r, base, live)) {
                    RowKey k = RowKey.of(r.entry());
                    lines.add(line(r, k, fresh.contains(k) ? Mark.NEW : Mark.NONE));
                    total++;
                }
            }
            for (SocketRow r : gone) {
                if (shows(r, base, live)) {
                    lines.add(line(r, RowKey.of(r.entry()), Mark.GONE));
                }
            }
        }
        Comparator<Line> c = comparator(sort);
        if (reversed) {
            c = c.reversed();
        }
        lines.sort(c.thenComparing(Line::key, KEY_ORDER));
        int[] w = new int[COLUMNS];
        for (Line l : lines) {
            w[0] = Math.max(w[0], Text.columns(l.proto()));
            w[1] = Math.max(w[1], Text.columns(l.local()));
            w[2] = Math.max(w[2], Text.columns(l.remote()));
            w[3] = Math.max(w[3], l.state().length());
            w[4] = Math.max(w[4], Text.columns(l.pidProgram()));
            w[5] = Math.max(w[5], Text.columns(l.service()));
        }
        int oldOffset = selectedIndex - top;
        int oldIndex = selectedIndex;
        view = Collections.unmodifiableList(lines);
        naturalWidths = w;
        shownTotal = total;
        int idx = -1;
        if (selected != null) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).key().equals(selected)) {
                    idx = i;
                    break;
                }
            }
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
        if (detailsKey != null && snapshot != null) {
            boolean found = false;
            for (SocketRow r : snapshot.rows()) {
                if (RowKey.of(r.entry()).equals(detailsKey)) {
                    detailsRow = r;
                    found = true;
                    break;
                }
            }
            detailsClosed = !found;
        }
    }

    private boolean shows(SocketRow r, Predicate<SocketRow> base, Predicate<SocketRow> live) {
        SocketEntry e = r.entry();
        if (!protos.contains(e.proto())) {
            return false;
        }
        if (e.proto() != Proto.UNIX && !families.contains(e.family())) {
            return false;
        }
        if (listeningOnly && !Cells.isListening(e)) {
            return false;
        }
        return (base == null || base.test(r)) && (live == null || live.test(r));
    }

    private Line line(SocketRow r, RowKey k, Mark m) {
        SocketEntry e = r.entry();
        return new Line(r, k, m, Cells.proto(e), Cells.local(e), Cells.remote(e, null),
                Cells.state(e), Cells.pidProgram(r), Cells.service(e, services));
    }

    private void select(int i) {
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
        int n = view.size();
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

    private static final Comparator<RowKey> KEY_ORDER = Comparator
            .comparing(RowKey::proto)
            .thenComparing(RowKey::family)
            .thenComparing(RowKey::localAddress, LiveState::naturalCompare)
            .thenComparingInt(RowKey::localPort)
            .thenComparing(RowKey::remoteAddress, LiveState::naturalCompare)
            .thenComparingInt(RowKey::remotePort)
            .thenComparingLong(RowKey::inode);

    private static Comparator<Line> comparator(SortColumn c) {
        switch (c) {
            case PROTO:
                return Comparator.comparing((Line l) -> l.key().proto()).thenComparing(l -> l.key().family());
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

    String host() { return host; }
    ZoneId zone() { return zone; }
    Duration interval() { return interval; }
    Instant lastRefresh() { return lastRefresh; }
    Snapshot snapshot() { return snapshot; }
    String sourceError() { return sourceError; }
    boolean paused() { return paused; }
    Mode mode() { return mode; }
    boolean quit() { return quit; }
    String message() { return message; }
    String baseFilterText() { return baseFilterText; }
    String filterText() { return filterText; }
    String promptText() { return prompt.toString(); }
    String promptError() { return promptError; }
    SortColumn sort() { return sort; }
    boolean reversed() { return reversed; }
    boolean listeningOnly() { return listeningOnly; }
    Set<Proto> protos() { return Collections.unmodifiableSet(protos); }
    Set<Family> families() { return Collections.unmodifiableSet(families); }
    boolean numeric() { return numeric; }
    boolean color() { return color; }
    ServiceRegistry services() { return services; }
    Function<String, String> resolver() { return resolver; }
    List<Line> view() { return view; }
    int[] naturalWidths() { return naturalWidths.clone(); }
    /** Rows shown, not counting closed ones kept for one refresh. */
    int shownTotal() { return shownTotal; }
    int selectedIndex() { return selectedIndex; }
    int top() { return top; }
    SocketRow detailsRow() { return detailsRow; }
    boolean detailsClosed() { return detailsClosed; }
    int detailsTop() { return detailsTop; }

    /** Caps the details scroll at what the screen could show. */
    void clampDetails(int maxTop) {
        detailsTop = Math.max(0, Math.min(detailsTop, maxTop));
    }

    /** The tables the next read needs for what the toggles show. */
    TableSelection tableSelection() {
        return new TableSelection(protos, families);
    }

    /** Shown rows per state and per protocol label, closed rows not counted. */
    Map<String, Integer> countsByProto() {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        for (Proto p : Proto.values()) {
            m.put(p.label(), 0);
        }
        for (Line l : view) {
            if (l.mark() != Mark.GONE) {
                m.merge(l.key().proto().label(), 1, Integer::sum);
            }
        }
        m.values().removeIf(v -> v == 0);
        return m;
    }

    /** Shown rows per state, in the enum's order, zero counts left out. */
    Map<dev.sockscope.model.State, Integer> countsByState() {
        Map<dev.sockscope.model.State, Integer> m = new java.util.EnumMap<>(dev.sockscope.model.State.class);
        for (Line l : view) {
            if (l.mark() != Mark.GONE) {
                m.merge(l.row().entry().state(), 1, Integer::sum);
            }
        }
        return m;
    }

    /** Rows read in the last snapshot, before any filter. */
    int readTotal() {
        return snapshot == null ? 0 : snapshot.rows().size();
    }

}
