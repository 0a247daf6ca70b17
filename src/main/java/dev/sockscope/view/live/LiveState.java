package dev.sockscope.view.live;

import dev.sockscope.action.CloseResult;
import dev.sockscope.action.ConnectionCloser;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.query.QueryException;
import dev.sockscope.query.SortKey;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.view.Cells;
import dev.sockscope.view.Column;
import dev.sockscope.view.Cut;
import dev.sockscope.view.Sanitizer;
import dev.sockscope.view.TableWriter;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything the live view shows, as plain data, and the state machine of its keys. Pure and
 * single-threaded: it changes only through {@link #apply(Action, String)} (a key),
 * {@link #install(Frame)} (what the worker prepared) and {@link #viewport(int, int)} (the
 * screen's size). It never reads the tables or does work that grows with the sockets but one
 * pass to find the selected socket in a new frame; the {@link Settings} it asks for are read by
 * the loop and handed to the worker.
 *
 * <p>The selection is a socket, not a row number: it keeps its line on the screen across
 * refreshes while it exists, and stays on the same line of the list when it closes.
 */
final class LiveState {
    enum Mode {
        TABLE,
        PROMPT,
        DETAILS,
        HELP,
        COLUMNS,
        ASK
    }

    enum Tab {
        SOCKETS("Sockets"),
        PROCESSES("Processes"),
        INTERFACES("Interfaces");

        final String title;

        Tab(String title) {
            this.title = title;
        }
    }

    /** Columns a wide terminal adds when no columns were chosen, as {@code netstat -e} shows them. */
    static final List<Column> EXTRAS = Column.EXTENDED;

    private final String host;
    private final ZoneId zone;
    private final Duration interval;
    private final boolean color;
    private final Cut cut;
    private final boolean wide;
    private final boolean autoColumns;
    private final ServiceRegistry services;
    private final ServiceRegistry portClasses;
    private final Function<String, String> resolver;
    private final FilterParser parser;
    private final String baseFilterText;
    private final LiveActions actions;
    private final Supplier<List<String>> interfaces;
    private final boolean udplite;
    private final List<String[]> keys;

    private Settings settings;
    private boolean paused;
    private Frame frame;

    private Tab tab = Tab.SOCKETS;
    private Mode mode = Mode.TABLE;
    private boolean quit;
    private String message;

    private SocketEntry selected;
    private int selectedIndex = -1;
    private int top;
    private int viewport = 1;
    private int width = 80;

    private int selectedPid = -1;
    private int processIndex = -1;
    private int processTop;

    private final StringBuilder prompt = new StringBuilder();
    private String promptError;
    private Settings beforePrompt;

    private SocketRow detailsRow;
    private boolean detailsClosed;
    private int detailsTop;

    private List<Column> chosen;
    private int chooserIndex;

    private Ask ask;
    private final StringBuilder askInput = new StringBuilder();

    LiveState(LiveOptions o, String host, ZoneId zone, LiveActions actions) {
        this.host = host;
        this.zone = zone;
        this.interval = o.interval;
        this.color = o.color;
        this.cut = o.cut;
        this.wide = o.wide;
        this.autoColumns = o.autoColumns;
        this.services = o.services;
        this.portClasses = o.portClasses;
        this.resolver = o.resolver;
        this.parser = o.filterParser;
        this.baseFilterText = o.baseFilterText;
        this.actions = actions;
        this.interfaces = o.interfaces;
        this.keys = o.keys;
        this.settings = Settings.initial(o);
        this.udplite = settings.protos().contains(Proto.UDPLITE);
        this.frame = Frame.empty(settings);
    }

    // ---- data in ----

    /** Shows what the worker prepared; one pass to find the selected socket (and the details') again. */
    void install(Frame f) {
        frame = f;
        List<SocketRow> rows = f.rows;
        int oldOffset = selectedIndex - top;
        int idx = selected == null ? -1 : indexOf(rows, selected);
        if (idx < 0 && !rows.isEmpty()) {
            // the selected socket is gone for good: stay on the same line of the list
            idx = selectedIndex < 0 ? 0 : Math.min(selectedIndex, rows.size() - 1);
        }
        boolean had = selectedIndex >= 0;
        selectedIndex = idx;
        selected = idx < 0 ? null : rows.get(idx).entry();
        if (idx >= 0 && had) {
            top = idx - Math.max(0, oldOffset);
        }
        clampScroll();
        List<ProcessRow> ps = f.processes;
        int p = -1;
        for (int i = 0; i < ps.size() && selectedPid >= 0; i++) {
            if (ps.get(i).pid() == selectedPid) {
                p = i;
                break;
            }
        }
        if (p < 0 && !ps.isEmpty()) {
            p = processIndex < 0 ? 0 : Math.min(processIndex, ps.size() - 1);
        }
        processIndex = p;
        selectedPid = p < 0 ? -1 : ps.get(p).pid();
        clampProcessScroll();
        if (detailsRow != null) {
            int d = indexOf(rows, detailsRow.entry());
            detailsClosed = d < 0 || f.mark(rows.get(d)) == Frame.Mark.GONE;
            if (d >= 0) {
                detailsRow = rows.get(d);
            }
        }
    }

    private static int indexOf(List<SocketRow> rows, SocketEntry k) {
        for (int i = 0; i < rows.size(); i++) {
            SocketEntry e = rows.get(i).entry();
            if (e.inode() == k.inode() && RowKey.same(e, k)) {
                return i;
            }
        }
        return -1;
    }

    /** The table area's rows and the terminal's width; keeps the selection visible. */
    void viewport(int rows, int cells) {
        viewport = Math.max(1, rows);
        width = Math.max(1, cells);
        clampScroll();
        clampProcessScroll();
    }

    // ---- keys ----

    /**
     * Applies one key; {@code typed} is its text (a letter, or the sequence), so that letters
     * bound to commands are plain text in the filter prompt and in a question.
     */
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
            case COLUMNS:
                applyChooser(a, typed);
                break;
            case ASK:
                applyAsk(a, typed);
                break;
            default:
                applyTable(a, typed);
        }
    }

    private void applyTable(Action a, String typed) {
        switch (a) {
            case QUIT:
                quit = true;
                break;
            case UP:
                move(-1);
                break;
            case DOWN:
                move(1);
                break;
            case PAGE_UP:
                move(-viewport);
                break;
            case PAGE_DOWN:
                move(viewport);
                break;
            case HOME:
                move(Integer.MIN_VALUE / 2);
                break;
            case END:
                move(Integer.MAX_VALUE / 2);
                break;
            case TAB:
                tab = Tab.values()[(tab.ordinal() + 1) % Tab.values().length];
                settings = settings.onProcessesTab(tab == Tab.PROCESSES);
                break;
            case BACK_TAB:
                tab = Tab.values()[(tab.ordinal() + Tab.values().length - 1) % Tab.values().length];
                settings = settings.onProcessesTab(tab == Tab.PROCESSES);
                break;
            case FILTER:
                if (parser == null) {
                    message = "filtering is not available";
                    break;
                }
                mode = Mode.PROMPT;
                beforePrompt = settings;
                prompt.setLength(0);
                prompt.append(settings.filterText());
                promptError = null;
                break;
            case SORT_NEXT:
                sortNext();
                break;
            case SORT_REVERSE:
                if (tab == Tab.PROCESSES) {
                    settings = settings.withProcessSort(settings.processSort(), !settings.processReversed());
                } else {
                    settings = settings.withSort(settings.sort(), !settings.reversed());
                }
                break;
            case PAUSE:
                paused = !paused;
                break;
            case TOGGLE_LISTENING:
                settings = settings.withShown(settings.protos(), settings.families(), !settings.listening());
                message = settings.listening() ? "listening sockets only" : "every state shown";
                break;
            case TOGGLE_TCP:
                toggle(Proto.TCP, "TCP");
                break;
            case TOGGLE_UDP:
                toggle(Proto.UDP, "UDP");
                break;
            case TOGGLE_RAW:
                toggle(Proto.RAW, "raw");
                break;
            case TOGGLE_UNIX:
                toggle(Proto.UNIX, "unix");
                break;
            case TOGGLE_IPV4:
                toggle(Family.IPV4, "IPv4");
                break;
            case TOGGLE_IPV6:
                toggle(Family.IPV6, "IPv6");
                break;
            case COLUMNS:
                mode = Mode.COLUMNS;
                chosen = new ArrayList<>(settings.columns());
                chooserIndex = 0;
                break;
            case ENTER:
                enter();
                break;
            case HELP:
                mode = Mode.HELP;
                break;
            case EXPORT:
                export();
                break;
            case KILL:
                kill();
                break;
            case DESTROY:
                destroy();
                break;
            case BASELINE:
                if (portClasses == null) {
                    message = "a baseline needs the port registry, which this view was not given";
                    break;
                }
                settings = settings.withNewBaseline();
                message = "baseline marked: sockets opened from now on are marked +, closed ones counted (B clears)";
                break;
            case BASELINE_CLEAR:
                if (settings.baseline() == 0) {
                    message = "no baseline to clear (b marks one)";
                    break;
                }
                settings = settings.withoutBaseline();
                message = "baseline cleared";
                break;
            case REDRAW:
                break;
            default:
                message = "unknown key" + keyName(typed) + ": h or ? lists the keys";
        }
    }

    private static String keyName(String typed) {
        if (typed == null || typed.isEmpty() || typed.codePointCount(0, typed.length()) != 1 || !printable(typed)) {
            return "";
        }
        return " '" + typed + "'";
    }

    private void move(int by) {
        if (tab == Tab.PROCESSES) {
            List<ProcessRow> ps = frame.processes;
            if (ps.isEmpty()) {
                return;
            }
            processIndex = clamp((long) Math.max(processIndex, 0) + by, ps.size());
            selectedPid = ps.get(processIndex).pid();
            clampProcessScroll();
        } else if (tab == Tab.SOCKETS) {
            List<SocketRow> rows = frame.rows;
            if (rows.isEmpty()) {
                return;
            }
            selectedIndex = clamp((long) Math.max(selectedIndex, 0) + by, rows.size());
            selected = rows.get(selectedIndex).entry();
            clampScroll();
        }
    }

    private static int clamp(long i, int n) {
        return (int) Math.max(0, Math.min(n - 1, i));
    }

    private void sortNext() {
        if (tab == Tab.PROCESSES) {
            settings = settings.withProcessSort(settings.processSort().next(), settings.processReversed());
            return;
        }
        List<SortKey> keys = new ArrayList<>();
        for (Column c : shownColumns()) {
            if (!keys.contains(c.sortKey())) {
                keys.add(c.sortKey());
            }
        }
        int i = keys.indexOf(settings.sort());
        SortKey next = keys.get((i + 1) % keys.size());
        settings = settings.withSort(next, settings.reversed());
    }

    private void toggle(Proto p, String name) {
        Set<Proto> next = EnumSet.noneOf(Proto.class);
        next.addAll(settings.protos());
        boolean on = !next.contains(p);
        if (on) {
            next.add(p);
            if (p == Proto.UDP && udplite) {
                next.add(Proto.UDPLITE);
            }
        } else {
            next.remove(p);
            if (p == Proto.UDP) {
                next.remove(Proto.UDPLITE);
            }
        }
        shown(next, settings.families(), name + (on ? " shown" : " hidden"), name);
    }

    private void toggle(Family f, String name) {
        Set<Family> next = EnumSet.noneOf(Family.class);
        next.addAll(settings.families());
        boolean on = !next.remove(f);
        if (on) {
            next.add(f);
        }
        shown(settings.protos(), next, name + (on ? " shown" : " hidden"), name);
    }

    private void shown(Set<Proto> protos, Set<Family> families, String said, String name) {
        boolean inet = false;
        for (Proto p : protos) {
            inet |= p != Proto.UNIX;
        }
        boolean any = protos.contains(Proto.UNIX) || (inet && !families.isEmpty());
        if (!any) {
            message = "hiding " + name + " would hide every socket: nothing changed";
            return;
        }
        settings = settings.withShown(protos, families, settings.listening());
        message = said;
    }

    private void enter() {
        if (tab == Tab.SOCKETS && selectedIndex >= 0) {
            SocketRow r = frame.rows.get(selectedIndex);
            detailsRow = r;
            detailsClosed = frame.mark(r) == Frame.Mark.GONE;
            detailsTop = 0;
            mode = Mode.DETAILS;
        } else if (tab == Tab.PROCESSES && processIndex >= 0 && parser != null) {
            // a process's sockets: the Sockets tab filtered by its pid
            String words = "pid:" + frame.processes.get(processIndex).pid();
            try {
                settings = settings.withFilter(parser.parse(words), words).onProcessesTab(false);
                tab = Tab.SOCKETS;
            } catch (QueryException | RuntimeException e) {
                message = oneLine(e);
            }
        }
    }

    private void export() {
        if (frame.snapshot == null) {
            message = "nothing to export yet";
            return;
        }
        List<SocketRow> rows = new ArrayList<>(frame.total);
        for (SocketRow r : frame.rows) {
            if (frame.mark(r) != Frame.Mark.GONE) {
                rows.add(r);
            }
        }
        var snap = frame.snapshot;
        ask(Ask.text(
                "export " + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + " to (.json or .csv):",
                "sockscope-export.json",
                name -> {
                    try {
                        return Ask.Reply.say(actions.export(rows, snap, Path.of(name.trim())));
                    } catch (IOException | InvalidPathException e) {
                        return Ask.Reply.say("export failed: " + oneLine(e));
                    } catch (IllegalArgumentException e) {
                        return Ask.Reply.say("export: " + oneLine(e));
                    }
                }));
    }

    private void kill() {
        Holder h = null;
        if (tab == Tab.SOCKETS && selectedIndex >= 0) {
            h = frame.rows.get(selectedIndex).owner();
        } else if (tab == Tab.PROCESSES && processIndex >= 0) {
            ProcessRow p = frame.processes.get(processIndex);
            h = new Holder(p.pid(), p.program(), "", SocketEntry.UNKNOWN, p.user());
        }
        if (h == null) {
            message = "no known process holds this socket";
            return;
        }
        int pid = h.pid();
        String who = "pid " + pid + " (" + Sanitizer.clean(h.process())
                + (h.command().isEmpty() ? "" : ": " + Sanitizer.clean(h.command())) + ")";
        ask(Ask.yesNo("send SIGTERM to " + who + "? y/n", () -> {
            if (!actions.signal(pid, false)) {
                return Ask.Reply.say("could not signal pid " + pid + " (gone, or not allowed)");
            }
            if (!actions.alive(pid)) {
                return Ask.Reply.say("SIGTERM sent: pid " + pid + " ended");
            }
            return Ask.Reply.then(Ask.yesNo(
                    "SIGTERM sent to pid " + pid + ", still running. Send SIGKILL? y/n",
                    () -> actions.signal(pid, true)
                            ? Ask.Reply.say("SIGKILL sent to pid " + pid)
                            : Ask.Reply.say("could not signal pid " + pid + " (gone, or not allowed)")));
        }));
    }

    /**
     * {@code K}: asks to close the selected TCP connection, naming both ends and its holder;
     * on y the closer runs and its result (the kernel's refusal too) is the footer's message.
     */
    private void destroy() {
        if (tab != Tab.SOCKETS || selectedIndex < 0) {
            message = "K closes the selected connection of the Sockets tab";
            return;
        }
        SocketRow r = frame.rows.get(selectedIndex);
        if (frame.mark(r) == Frame.Mark.GONE) {
            message = "this connection has closed already";
            return;
        }
        SocketEntry e = r.entry();
        String unsuitable = ConnectionCloser.unsuitable(e);
        if (unsuitable != null) {
            message = "K: " + unsuitable;
            return;
        }
        String ends = Cells.local(e) + " <-> " + Cells.remote(e, null);
        Holder h = r.owner();
        String who = h == null ? "holder unknown" : "pid " + h.pid() + " (" + Sanitizer.clean(h.process()) + ")";
        ask(Ask.yesNo("close tcp " + ends + " of " + who + " with SOCK_DESTROY? both ends see a reset. y/n", () -> {
            CloseResult res = actions.close(e);
            return Ask.Reply.say(
                    res.closed()
                            ? "closed " + ends + " (SOCK_DESTROY)"
                            : "not closed: " + Sanitizer.clean(String.valueOf(res.reason())));
        }));
    }

    /** Opens a question; every key goes to it until it is answered or cancelled. */
    void ask(Ask q) {
        ask = q;
        askInput.setLength(0);
        askInput.append(q.yesNo() ? "" : q.initial());
        mode = Mode.ASK;
    }

    private void applyAsk(Action a, String typed) {
        if (a == Action.ESCAPE) {
            cancelAsk();
            return;
        }
        if (ask.yesNo()) {
            if ("y".equalsIgnoreCase(typed)) {
                answer("y");
            } else if ("n".equalsIgnoreCase(typed) || a == Action.QUIT) {
                cancelAsk();
            }
            return;
        }
        switch (a) {
            case ENTER:
                answer(askInput.toString());
                return;
            case BACKSPACE:
                backspace(askInput);
                return;
            case CLEAR_LINE:
                askInput.setLength(0);
                return;
            default:
                if (typed != null && !typed.isEmpty() && printable(typed) && askInput.length() < 400) {
                    askInput.append(typed);
                }
        }
    }

    private void answer(String text) {
        Ask.Reply r;
        try {
            r = ask.answer().apply(text);
        } catch (RuntimeException e) {
            r = Ask.Reply.say(oneLine(e));
        }
        message = r.message();
        if (r.next() != null) {
            ask(r.next());
        } else {
            ask = null;
            mode = Mode.TABLE;
        }
    }

    private void cancelAsk() {
        ask = null;
        mode = Mode.TABLE;
        message = "cancelled";
    }

    private void applyChooser(Action a, String typed) {
        Column[] all = Column.values();
        switch (a) {
            case UP:
                chooserIndex = Math.max(0, chooserIndex - 1);
                break;
            case DOWN:
                chooserIndex = Math.min(all.length - 1, chooserIndex + 1);
                break;
            case HOME:
                chooserIndex = 0;
                break;
            case END:
                chooserIndex = all.length - 1;
                break;
            case ESCAPE:
            case QUIT:
                mode = Mode.TABLE;
                break;
            case ENTER:
                if (chosen.isEmpty()) {
                    message = "choose at least one column";
                    break;
                }
                settings = settings.withColumns(chosen);
                mode = Mode.TABLE;
                break;
            default:
                if (a == Action.PAUSE || " ".equals(typed)) {
                    Column c = all[chooserIndex];
                    if (!chosen.remove(c)) {
                        chosen.add(c);
                    }
                }
        }
    }

    private void applyDetails(Action a) {
        switch (a) {
            case ESCAPE:
            case ENTER:
            case QUIT:
                mode = Mode.TABLE;
                detailsRow = null;
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
                settings = settings.withFilterOf(beforePrompt);
                promptError = null;
                mode = Mode.TABLE;
                return;
            case ENTER:
                if (promptError == null) {
                    mode = Mode.TABLE;
                }
                return;
            case BACKSPACE:
                backspace(prompt);
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
                if (a == Action.UP || a == Action.DOWN || a == Action.PAGE_UP || a == Action.PAGE_DOWN) {
                    move(a == Action.UP ? -1 : a == Action.DOWN ? 1 : a == Action.PAGE_UP ? -viewport : viewport);
                }
                return;
        }
        reparse(prompt.toString().trim());
    }

    private void reparse(String text) {
        if (text.equals(settings.filterText())) {
            // the same words (a trailing space, a backspace over it): nothing to filter again
            promptError = null;
            return;
        }
        if (text.isEmpty()) {
            settings = settings.withFilter(null, "");
            promptError = null;
            return;
        }
        try {
            settings = settings.withFilter(parser.parse(text), text);
            promptError = null;
        } catch (QueryException | RuntimeException e) {
            // the last valid filter stays in force while the words are being typed
            String m = e.getMessage();
            promptError = m == null || m.isBlank() ? "bad filter: " + text : m;
        }
    }

    private static void backspace(StringBuilder b) {
        if (b.length() > 0) {
            int cp = b.codePointBefore(b.length());
            b.setLength(b.length() - Character.charCount(cp));
        }
    }

    static boolean printable(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
                return false;
            }
        }
        return true;
    }

    static String oneLine(Throwable e) {
        return LiveView.oneLine(e);
    }

    private void clampScroll() {
        int n = frame.rows.size();
        if (selectedIndex >= n) {
            selectedIndex = n - 1;
        }
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

    private void clampProcessScroll() {
        int n = frame.processes.size();
        if (processIndex >= 0) {
            if (processIndex < processTop) {
                processTop = processIndex;
            } else if (processIndex >= processTop + viewport) {
                processTop = processIndex - viewport + 1;
            }
        }
        processTop = Math.max(0, Math.min(processTop, Math.max(0, n - viewport)));
    }

    // ---- derived ----

    /**
     * The columns drawn at the current width: the chosen ones, and, when none were chosen on
     * the command line, {@link #EXTRAS} too (after the state) while every column fits at its
     * natural width.
     */
    List<Column> shownColumns() {
        List<Column> cols = settings.columns();
        if (!autoColumns || wide) {
            return cols;
        }
        List<Column> out = new ArrayList<>(cols);
        for (Column c : EXTRAS) {
            if (out.contains(c)) {
                continue;
            }
            List<Column> more = new ArrayList<>(out);
            int at = more.indexOf(Column.STATE);
            int after = at < 0 ? more.size() : at + 1;
            while (after < more.size() && EXTRAS.contains(more.get(after))) {
                after++;
            }
            more.add(after, c);
            if (naturalWidth(more) > width) {
                break;
            }
            out = more;
        }
        return out;
    }

    /** A column's natural width: its widest cell in the frame and its title (with the sort mark). */
    int natural(Column c) {
        int w = frame.widths[c.ordinal()];
        return Math.max(Math.max(w, 0), Cut.cells(c.title()) + 1);
    }

    private int naturalWidth(List<Column> cols) {
        int sum = TableWriter.GAP * (cols.size() - 1);
        for (Column c : cols) {
            sum += natural(c);
        }
        return sum;
    }

    /** The help page's lines: key, meaning. */
    List<String[]> keys() {
        return keys;
    }

    /** The settings the worker should prepare. */
    Settings settings() {
        return settings;
    }

    Frame frame() {
        return frame;
    }

    boolean paused() {
        return paused;
    }

    boolean quit() {
        return quit;
    }

    Mode mode() {
        return mode;
    }

    Tab tab() {
        return tab;
    }

    String message() {
        return message;
    }

    String host() {
        return host;
    }

    ZoneId zone() {
        return zone;
    }

    Duration interval() {
        return interval;
    }

    boolean color() {
        return color;
    }

    Cut cut() {
        return cut;
    }

    boolean wide() {
        return wide;
    }

    ServiceRegistry services() {
        return services;
    }

    Function<String, String> resolver() {
        return resolver;
    }

    String baseFilterText() {
        return baseFilterText;
    }

    String promptText() {
        return prompt.toString();
    }

    String promptError() {
        return promptError;
    }

    int selectedIndex() {
        return selectedIndex;
    }

    int top() {
        return top;
    }

    int processIndex() {
        return processIndex;
    }

    int processTop() {
        return processTop;
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

    List<Column> chosen() {
        return chosen;
    }

    int chooserIndex() {
        return chooserIndex;
    }

    Ask ask() {
        return ask;
    }

    String askInput() {
        return askInput.toString();
    }

    /** The Interfaces tab's lines, or null when this build has no interface source. */
    List<String> interfaces() {
        return interfaces == null ? null : interfaces.get();
    }

    /** Whether the frame shown is older than the settings asked for (the worker is on it). */
    boolean catchingUp() {
        return frame.settings.generation() != settings.generation() && !frame.settings.sameRows(settings);
    }
}
