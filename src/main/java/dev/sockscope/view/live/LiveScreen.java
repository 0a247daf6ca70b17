package dev.sockscope.view.live;

import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.view.Cells;
import dev.sockscope.view.Column;
import dev.sockscope.view.Cut;
import dev.sockscope.view.Layout;
import dev.sockscope.view.Sanitizer;
import dev.sockscope.view.TableWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Draws a {@link LiveState} as exactly {@code height} lines of at most {@code width} cells:
 * the header (host, time, tabs, counts, filter, health line, notes), the tab's table and a
 * footer with key hints, the filter prompt, a question or a message. Pure: the same state and
 * size give the same lines. The Sockets tab is laid out as {@code --list} lays out its table:
 * the same {@link Column}s, cell texts, widths ({@link Cut#cells}) and cutting ({@link Cut#fit}).
 * Text from the system is sanitized (by {@link Column#text} or here) and only ever appended as
 * plain text, so nothing it holds reaches the terminal as a control sequence.
 */
final class LiveScreen {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int GAP = TableWriter.GAP;

    private LiveScreen() {}

    /** The styles of one rendering: with colours, or bold/dim/strike only ({@code NO_COLOR}). */
    record Palette(
            boolean color,
            AttributedStyle fresh,
            AttributedStyle gone,
            AttributedStyle title,
            AttributedStyle columns,
            AttributedStyle alert,
            AttributedStyle key) {
        static Palette of(boolean color) {
            AttributedStyle d = AttributedStyle.DEFAULT;
            return color
                    ? new Palette(
                            true,
                            d.foreground(AttributedStyle.GREEN).bold(),
                            d.foreground(AttributedStyle.RED).faint(),
                            d.bold(),
                            d.bold().underline(),
                            d.foreground(AttributedStyle.RED).bold(),
                            d.foreground(AttributedStyle.CYAN).bold())
                    : new Palette(
                            false,
                            d.bold(),
                            d.faint().crossedOut(),
                            d.bold(),
                            d.bold().underline(),
                            d.bold(),
                            d.bold());
        }
    }

    /** Rows of the table area at this size (the state's viewport). */
    static int tableRows(LiveState s, int width, int height) {
        return Math.max(1, height - header(s, width, height, Palette.of(false)).size() - 2);
    }

    static List<AttributedString> render(LiveState s, int width, int height) {
        Palette p = Palette.of(s.color());
        List<AttributedString> out;
        switch (s.mode()) {
            case HELP:
                out = help(s, width, height, p);
                break;
            case DETAILS:
                out = details(s, width, height, p);
                break;
            case COLUMNS:
                out = chooser(s, width, height, p);
                break;
            default:
                out = new ArrayList<>(header(s, width, height, p));
                int rows = Math.max(0, height - out.size() - 2);
                switch (s.tab()) {
                    case PROCESSES:
                        processes(s, out, rows, width, p);
                        break;
                    case INTERFACES:
                        interfaces(s, out, rows, width);
                        break;
                    default:
                        sockets(s, out, rows, width, p);
                }
                while (out.size() < height - 1) {
                    out.add(AttributedString.EMPTY);
                }
                out.add(footer(s, width, p));
        }
        List<AttributedString> cut = new ArrayList<>(height);
        for (int i = 0; i < height; i++) {
            AttributedString l = i < out.size() ? out.get(i) : AttributedString.EMPTY;
            cut.add(fits(l, width) || l.columnLength() <= width ? l : l.columnSubSequence(0, width));
        }
        return cut;
    }

    /**
     * Whether a line fits the width by its characters alone: no more than {@code width} of them,
     * each below U+0300 (one cell at most). JLine's {@code columnLength} walks every line with a
     * grapheme break iterator, a quarter of the loop's time at one frame a second.
     */
    static boolean fits(AttributedString l, int width) {
        int n = l.length();
        if (n > width) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (l.charAt(i) >= 0x300) {
                return false;
            }
        }
        return true;
    }

    // ---- the Sockets tab ----

    /**
     * Column widths at this width: natural widths unless {@code -W}, laid out by {@link Layout} as
     * {@code --list} lays them out (a column with no text in any row goes first, State keeps its
     * width, columns at the end are left out rather than cut below their short titles); 0 for a
     * column left out.
     */
    static int[] layout(LiveState s, List<Column> cols, int width) {
        int[] natural = new int[cols.size()];
        int[] cells = new int[cols.size()];
        for (int i = 0; i < natural.length; i++) {
            Column c = cols.get(i);
            natural[i] = s.natural(c);
            cells[i] = s.frame().widths[c.ordinal()];
        }
        return s.wide() ? natural : Layout.widths(cols, natural, s.frame().rows.isEmpty() ? null : cells, width);
    }

    /** With a baseline, the cells a row's mark takes before its first column: {@code "+ "} or blank. */
    static final int GUTTER = 2;

    private static void sockets(LiveState s, List<AttributedString> out, int rows, int width, Palette p) {
        List<Column> cols = s.shownColumns();
        boolean marks = s.frame().baselineAt != null;
        String blank = marks ? " ".repeat(GUTTER) : "";
        int[] w = layout(s, cols, Math.max(1, width - blank.length()));
        Cut cut = s.cut();
        String[] titles = new String[cols.size()];
        for (int i = 0; i < titles.length; i++) {
            Column c = cols.get(i);
            String mark =
                    c.sortKey() == s.settings().sort() ? sortMark(s.settings().reversed(), cut) : "";
            titles[i] = (Cut.cells(c.title() + mark) <= w[i] ? c.title() : c.shortTitle()) + mark;
        }
        out.add(new AttributedString(pad(blank + line(titles, w, cols, cut), width), p.columns()));
        Frame f = s.frame();
        List<SocketRow> view = f.rows;
        if (view.isEmpty() && rows > 0) {
            String why = f.snapshot == null
                    ? (f.error == null ? "reading the connection tables" + cut.ellipsis() : "no data")
                    : "no sockets match";
            out.add(new AttributedString("  (" + why + ")", AttributedStyle.DEFAULT.faint()));
            return;
        }
        Column.Context ctx =
                new Column.Context(s.services(), s.resolver()).peers(f.snapshot == null ? null : f.snapshot.rows());
        int top = Math.max(0, Math.min(s.top(), Math.max(0, view.size() - rows)));
        String[] cells = new String[cols.size()];
        for (int i = top; i < view.size() && i < top + rows; i++) {
            SocketRow r = view.get(i);
            for (int c = 0; c < cells.length; c++) {
                cells[c] = text(cols.get(c), r, ctx);
            }
            Frame.Mark m = f.mark(r);
            AttributedStyle st =
                    m == Frame.Mark.NEW ? p.fresh() : m == Frame.Mark.GONE ? p.gone() : AttributedStyle.DEFAULT;
            if (i == s.selectedIndex()) {
                st = st.inverse();
            }
            String mark = !marks ? "" : f.sinceBaseline(r) ? "+ " : blank;
            out.add(new AttributedString(pad(mark + line(cells, w, cols, cut), width), st));
        }
    }

    private static String text(Column c, SocketRow r, Column.Context ctx) {
        try {
            return c.text(r, ctx);
        } catch (RuntimeException e) {
            // a resolver that fails leaves the cell as it would be without it; the view never stops for DNS
            return c == Column.REMOTE ? Cells.remote(r.entry(), null) : "";
        }
    }

    static String sortMark(boolean reversed, Cut cut) {
        boolean unicode = !cut.ellipsis().equals("~");
        return reversed ? (unicode ? "\u25bc" : "v") : (unicode ? "\u25b2" : "^");
    }

    /** One line of cells: each cut by its column's rule to its width, padded, {@link TableWriter#GAP} apart. */
    static String line(String[] cells, int[] w, List<Column> cols, Cut cut) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (w[c] == 0) {
                continue; // left out by the layout
            }
            Column col = cols.get(c);
            String cell = cells[c];
            if (Cut.cells(cell) > w[c]) {
                cell = col.cut(cell, w[c], cut);
            }
            appendCell(b, cell, w[c], col.align() == Column.Align.RIGHT, c == cells.length - 1);
        }
        return trimEnd(b);
    }

    private static void appendCell(StringBuilder b, String cell, int w, boolean right, boolean last) {
        int pad = w - Cut.cells(cell);
        if (right) {
            for (; pad > 0; pad--) {
                b.append(' ');
            }
        }
        b.append(cell);
        if (!last) {
            for (pad += GAP; pad > 0; pad--) {
                b.append(' ');
            }
        }
    }

    // ---- the Processes tab ----

    private static void processes(LiveState s, List<AttributedString> out, int rows, int width, Palette p) {
        Frame f = s.frame();
        Cut cut = s.cut();
        ProcessColumn[] cols = ProcessColumn.values();
        List<ProcessRow> ps = f.processes;
        int top = Math.max(0, Math.min(s.processTop(), Math.max(0, ps.size() - rows)));
        String[][] cells = new String[Math.min(rows, Math.max(0, ps.size() - top))][];
        int[] natural = new int[cols.length];
        int[] min = new int[cols.length];
        String[] titles = new String[cols.length];
        for (int c = 0; c < cols.length; c++) {
            titles[c] = cols[c].title()
                    + (cols[c] == s.settings().processSort()
                            ? sortMark(s.settings().processReversed(), cut)
                            : "");
            natural[c] = Cut.cells(cols[c].title()) + 1;
            min[c] = Math.min(cols[c].min(), natural[c]);
        }
        for (ProcessRow r : ps) {
            for (int c = 0; c < cols.length; c++) {
                natural[c] = Math.max(natural[c], Cut.cells(processCell(cols[c], r)));
            }
        }
        for (int i = 0; i < cells.length; i++) {
            ProcessRow r = ps.get(top + i);
            cells[i] = new String[cols.length];
            for (int c = 0; c < cols.length; c++) {
                cells[i][c] = processCell(cols[c], r);
            }
        }
        int[] w = Cut.fit(natural, min, GAP, width);
        boolean noRates = f.snapshot != null && !f.tcpInfo;
        if (noRates) {
            out.add(new AttributedString(
                    "no Send/s, Recv/s: they need tcp_info, which only the netlink backend reads",
                    AttributedStyle.DEFAULT.faint()));
        }
        out.add(new AttributedString(pad(processLine(titles, w, cols, cut), width), p.columns()));
        if (ps.isEmpty()) {
            out.add(new AttributedString(
                    f.snapshot == null
                            ? "  (reading the connection tables" + cut.ellipsis() + ")"
                            : "  (no process holds a socket shown)",
                    AttributedStyle.DEFAULT.faint()));
            return;
        }
        for (int i = 0; i < cells.length && (!noRates || i < rows - 1); i++) {
            AttributedStyle st =
                    top + i == s.processIndex() ? AttributedStyle.DEFAULT.inverse() : AttributedStyle.DEFAULT;
            out.add(new AttributedString(pad(processLine(cells[i], w, cols, cut), width), st));
        }
    }

    static String processCell(ProcessColumn c, ProcessRow r) {
        switch (c) {
            case PID:
                return Integer.toString(r.pid());
            case PROGRAM:
                return Sanitizer.clean(r.program());
            case USER:
                return r.user() == null ? Cells.NO_OWNER : Sanitizer.clean(r.user());
            case SOCKETS:
                return Integer.toString(r.sockets());
            case LISTEN:
                return Integer.toString(r.listen());
            case ESTABLISHED:
                return Integer.toString(r.established());
            case OTHER:
                return Integer.toString(r.other());
            case TX:
                return Double.isNaN(r.tx()) ? "" : Cells.rate(r.tx());
            default:
                return Double.isNaN(r.rx()) ? "" : Cells.rate(r.rx());
        }
    }

    private static String processLine(String[] cells, int[] w, ProcessColumn[] cols, Cut cut) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c];
            if (Cut.cells(cell) > w[c]) {
                cell = cols[c] == ProcessColumn.PROGRAM ? cut.middle(cell, w[c]) : cut.end(cell, w[c]);
            }
            appendCell(b, cell, w[c], cols[c].align() == Column.Align.RIGHT, c == cells.length - 1);
        }
        return trimEnd(b);
    }

    // ---- the Interfaces tab ----

    private static void interfaces(LiveState s, List<AttributedString> out, int rows, int width) {
        List<String> lines = s.interfaces();
        if (lines == null) {
            out.add(new AttributedString(
                    "  (no interface source in this build: addresses, MAC and rates per interface show here once one is)",
                    AttributedStyle.DEFAULT.faint()));
            return;
        }
        for (int i = 0; i < lines.size() && i < rows + 1; i++) {
            out.add(new AttributedString(Sanitizer.clean(lines.get(i))));
        }
    }

    // ---- header ----

    static List<AttributedString> header(LiveState s, int width, int height, Palette p) {
        List<AttributedString> out = new ArrayList<>(6);
        Frame f = s.frame();
        Cut cut = s.cut();
        AttributedStringBuilder t = new AttributedStringBuilder();
        t.styled(p.title(), "sockscope");
        t.append("  ").append(Sanitizer.clean(s.host()));
        if (f.at != null) {
            t.append("  ").append(CLOCK.format(LocalTime.ofInstant(f.at, s.zone())));
        }
        t.append("  every ").append(seconds(s.interval()));
        if (s.paused()) {
            t.append("  ");
            t.styled(AttributedStyle.DEFAULT.inverse().bold(), " PAUSED ");
        }
        if (s.catchingUp()) {
            t.append("  ");
            t.styled(AttributedStyle.DEFAULT.faint(), "updating" + cut.ellipsis());
        }
        out.add(t.toAttributedString());

        AttributedStringBuilder tabs = new AttributedStringBuilder();
        for (LiveState.Tab tab : LiveState.Tab.values()) {
            if (tabs.length() > 0) {
                tabs.append(" ");
            }
            String label = " " + tab.title + " ";
            if (tab == s.tab()) {
                tabs.styled(AttributedStyle.DEFAULT.inverse().bold(), label);
            } else {
                tabs.append(label);
            }
        }
        tabs.append("   Sockets: ").append(Integer.toString(f.total));
        if (f.snapshot != null && f.total != f.readTotal()) {
            tabs.append(" of ").append(Integer.toString(f.readTotal()));
        }
        for (Proto pr : Proto.values()) {
            if (f.byProto[pr.ordinal()] > 0) {
                tabs.append("  ").append(pr.label()).append(' ').append(Integer.toString(f.byProto[pr.ordinal()]));
            }
        }
        out.add(tabs.toAttributedString());

        StringBuilder st = new StringBuilder("States:");
        for (State x : State.values()) {
            if (f.byState[x.ordinal()] > 0) {
                st.append(st.length() == "States:".length() ? " " : "  ")
                        .append(x.name())
                        .append(' ')
                        .append(f.byState[x.ordinal()]);
            }
        }
        if (st.length() == "States:".length()) {
            st.append(" none");
        }

        StringBuilder fl = new StringBuilder("Filter: ");
        String words = (s.baseFilterText() + " " + s.settings().filterText()).trim();
        fl.append(words.isEmpty() ? "none" : Sanitizer.clean(words));
        fl.append("   Show:");
        for (Proto pr : Proto.values()) {
            if (s.settings().protos().contains(pr) && pr != Proto.UDPLITE) {
                fl.append(' ').append(pr.label());
            }
        }
        fl.append(s.settings().families().contains(Family.IPV4) ? " ipv4" : "");
        fl.append(s.settings().families().contains(Family.IPV6) ? " ipv6" : "");
        if (s.settings().listening()) {
            fl.append(" listening-only");
        }

        AttributedStringBuilder health = new AttributedStringBuilder();
        if (f.error != null) {
            health.styled(p.alert(), "refresh failed: " + Sanitizer.clean(f.error));
            health.append(" \u00b7 ");
        }
        health.append("exposed listeners: ").append(Integer.toString(f.exposedListeners));
        for (String h : f.hints) {
            health.append(" \u00b7 ").append(Sanitizer.clean(h));
        }
        AttributedString notes = null;
        if (!f.notes.isEmpty()) {
            notes = new AttributedString(String.join(" \u00b7 ", f.notes), AttributedStyle.DEFAULT.faint());
        }
        // on a short terminal the states line and then the notes give way to rows
        if (height >= 16) {
            out.add(new AttributedString(st.toString()));
        }
        out.add(new AttributedString(fl.toString()));
        if (height >= 12) {
            out.add(health.toAttributedString());
        }
        if (notes != null && height >= 14) {
            out.add(notes);
        }
        if (f.baselineAt != null) {
            out.add(baseline(s, f, cut));
        }
        return out;
    }

    /**
     * {@code Baseline 10:31:02: +3 −1  closed: tcp 127.0.0.1:8080 python3, ...}: when the
     * baseline was read, the rows shown opened since (marked {@code +}) and the baseline's rows
     * the filter shows that are gone, listed as far as the line goes.
     */
    private static AttributedString baseline(LiveState s, Frame f, Cut cut) {
        boolean unicode = !cut.ellipsis().equals("~");
        AttributedStringBuilder b = new AttributedStringBuilder();
        b.styled(
                AttributedStyle.DEFAULT.bold(),
                "Baseline " + CLOCK.format(LocalTime.ofInstant(f.baselineAt, s.zone())));
        b.append(": +").append(Integer.toString(f.sinceBaseline.size()));
        b.append(unicode ? " \u2212" : " -").append(Integer.toString(f.closedSinceBaseline.size()));
        if (!f.closedSinceBaseline.isEmpty()) {
            b.append("  closed:");
            int n = 0;
            for (SocketRow r : f.closedSinceBaseline) {
                if (n++ == 12) {
                    b.append(" ").append(cut.ellipsis());
                    break;
                }
                SocketEntry e = r.entry();
                b.append(n == 1 ? " " : ", ").append(Cells.proto(e)).append(' ').append(Cells.local(e));
                if (!e.hasWildcardPeer() && e.proto() != Proto.UNIX) {
                    b.append(" \u2192 ").append(Cells.remote(e, null));
                }
                if (r.owner() != null) {
                    b.append(' ').append(Sanitizer.clean(r.owner().process()));
                }
            }
        }
        return b.toAttributedString();
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        String frac = Long.toString(1000 + ms % 1000).substring(1);
        int end = frac.length();
        while (end > 1 && frac.charAt(end - 1) == '0') {
            end--;
        }
        return ms / 1000 + "." + frac.substring(0, end) + "s";
    }

    // ---- footer ----

    private static final String[][] HINTS = {
        {"q", "quit"},
        {"Tab", "tabs"},
        {"/", "filter"},
        {"s", "sort"},
        {"S", "reverse"},
        {"c", "columns"},
        {"space", "pause"},
        {"l t u w x 4 6", "show"},
        {"e", "export"},
        {"k", "kill"},
        {"Enter", "details"},
        {"h", "help"},
    };

    private static AttributedString footer(LiveState s, int width, Palette p) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        Cut cut = s.cut();
        if (s.mode() == LiveState.Mode.PROMPT) {
            String text = s.promptText();
            String err = s.promptError();
            int room = width - 2 - (err == null ? 0 : Math.min(width / 2, Cut.cells(err) + 2));
            b.append('/');
            b.append(Cut.cells(text) > room ? tail(text, room, cut) : text);
            b.styled(AttributedStyle.DEFAULT.inverse(), " ");
            if (err != null) {
                b.append(' ');
                b.styled(p.alert(), cut.end(Sanitizer.clean(err), Math.max(0, width - b.columnLength())));
            }
            return b.toAttributedString();
        }
        if (s.mode() == LiveState.Mode.ASK) {
            Ask a = s.ask();
            String q = cut.end(a.question(), Math.max(1, a.yesNo() ? width : width / 2)) + " ";
            b.styled(p.key(), q);
            if (!a.yesNo()) {
                String in = s.askInput();
                int room = Math.max(1, width - Cut.cells(q) - 1);
                b.append(Cut.cells(in) > room ? tail(in, room, cut) : in);
                b.styled(AttributedStyle.DEFAULT.inverse(), " ");
            }
            return b.toAttributedString();
        }
        if (s.message() != null) {
            b.styled(p.alert(), cut.end(s.message(), width));
            return b.toAttributedString();
        }
        for (String[] h : HINTS) {
            int need = (b.length() > 0 ? 2 : 0) + h[0].length() + 1 + h[1].length();
            if (b.length() + need > width) {
                break;
            }
            if (b.length() > 0) {
                b.append("  ");
            }
            b.styled(p.key(), h[0]).append(' ').append(h[1]);
        }
        return b.toAttributedString();
    }

    /** The end of a text that does not fit: an ellipsis and the last cells. */
    private static String tail(String text, int room, Cut cut) {
        int keep = Math.max(0, room - Cut.cells(cut.ellipsis()));
        int i = text.length();
        int cells = 0;
        while (i > 0) {
            int cp = text.codePointBefore(i);
            int c = Cut.cells(cp);
            if (cells + c > keep) {
                break;
            }
            cells += c;
            i -= Character.charCount(cp);
        }
        return cut.ellipsis() + text.substring(i);
    }

    // ---- help ----

    private static List<AttributedString> help(LiveState s, int width, int height, Palette p) {
        List<AttributedString> out = new ArrayList<>();
        out.add(new AttributedString(pad(" sockscope \u2014 keys", width), AttributedStyle.DEFAULT.inverse()));
        out.add(AttributedString.EMPTY);
        int keyWidth = 4;
        for (String[] h : s.keys()) {
            keyWidth = Math.max(keyWidth, Cut.cells(h[0]));
        }
        keyWidth = Math.min(keyWidth, 30);
        for (String[] h : s.keys()) {
            AttributedStringBuilder b = new AttributedStringBuilder();
            b.append("  ");
            b.styled(p.key(), pad(h[0], keyWidth));
            b.append("  ").append(h[1]);
            out.add(b.toAttributedString());
        }
        out.add(AttributedString.EMPTY);
        out.add(new AttributedString(
                p.color() ? "  New sockets are green for one refresh;" : "  New sockets are bold for one refresh;"));
        out.add(new AttributedString(
                p.color()
                        ? "  closed ones stay one refresh, in red."
                        : "  closed ones stay one refresh, dim and struck out."));
        while (out.size() < height - 1) {
            out.add(AttributedString.EMPTY);
        }
        if (out.size() >= height) {
            out = new ArrayList<>(out.subList(0, height - 1));
        }
        out.add(new AttributedString("Esc, q, h: close help"));
        return out;
    }

    // ---- the column chooser ----

    private static List<AttributedString> chooser(LiveState s, int width, int height, Palette p) {
        List<AttributedString> out = new ArrayList<>();
        out.add(new AttributedString(
                pad(" Columns \u2014 space: show/hide, Enter: apply, Esc: cancel", width),
                AttributedStyle.DEFAULT.inverse()));
        Column[] all = Column.values();
        int room = Math.max(1, height - 3);
        int top = Math.max(0, Math.min(s.chooserIndex() - room / 2, all.length - room));
        for (int i = top; i < all.length && out.size() < height - 2; i++) {
            int at = s.chosen().indexOf(all[i]);
            String mark = at < 0 ? "[ ]" : String.format("[%d]", at + 1);
            String text = String.format("  %-5s %-10s %s", mark, all[i].key(), all[i].title());
            AttributedStyle st = i == s.chooserIndex() ? AttributedStyle.DEFAULT.inverse() : AttributedStyle.DEFAULT;
            out.add(new AttributedString(pad(text, width), st));
        }
        while (out.size() < height - 1) {
            out.add(AttributedString.EMPTY);
        }
        out.add(
                s.message() == null
                        ? new AttributedString("the numbers are the order; a column shown again goes last")
                        : new AttributedString(s.message(), p.alert()));
        return out;
    }

    // ---- details ----

    /** The details page of a row as plain lines (wrapped to {@code width}), before scrolling. */
    static List<AttributedString> detailLines(LiveState s, SocketRow r, int width, Palette p) {
        List<AttributedString> out = new ArrayList<>();
        SocketEntry e = r.entry();
        ServiceRegistry reg = s.services();
        field(out, "Protocol", e.proto().label() + " (" + e.family().label() + ")", width);
        field(out, "Local", Cells.local(e), width);
        String remote = Cells.remote(e, null);
        if (s.resolver() != null && e.proto() != Proto.UNIX && !e.hasWildcardPeer()) {
            String named = text(Column.REMOTE, r, new Column.Context(reg, s.resolver()));
            if (!named.equals(remote)) {
                remote = remote + "  (" + named + ")";
            }
        }
        field(out, "Remote", remote, width);
        String state = e.state().name();
        if (s.detailsClosed()) {
            state = state + "  (closed since the last refresh)";
        }
        field(out, "State", state, width);
        if (reg != null && e.proto() != Proto.UNIX) {
            field(out, "Local service", service(reg, e.proto(), e.localPort(), true), width);
            if (!e.hasWildcardPeer()) {
                field(out, "Remote service", service(reg, e.proto(), e.remotePort(), false), width);
            }
        }
        field(out, "Recv-Q / Send-Q", Cells.counter(e.recvQ()) + " / " + Cells.counter(e.sendQ()), width);
        field(out, "Inode", e.inode() == SocketEntry.UNKNOWN ? "unknown" : Long.toString(e.inode()), width);
        String uid = e.uid() == SocketEntry.UNKNOWN ? "unknown" : Integer.toString(e.uid());
        field(out, "User", r.user() == null ? "uid " + uid : Sanitizer.clean(r.user()) + " (uid " + uid + ")", width);
        Column.Context ctx = new Column.Context(reg, null)
                .peers(s.frame().snapshot == null ? null : s.frame().snapshot.rows());
        for (Column c : new Column[] {
            Column.EXPOSURE,
            Column.TIMER,
            Column.IFACE,
            Column.RTT,
            Column.RETRANS,
            Column.TX,
            Column.RX,
            Column.UNIT,
            Column.CONTAINER,
            Column.NETNS,
            Column.UNIXTYPE,
            Column.PEERINODE,
            Column.PEER
        }) {
            String v = text(c, r, ctx);
            if (!v.isEmpty() && !v.equals(Cells.NO_OWNER)) {
                field(out, c.title(), v, width);
            }
        }
        if (r.holders().isEmpty()) {
            field(out, "Holders", "none known (another user's process, TIME_WAIT, or not reported here)", width);
        } else {
            field(out, "Holders", Integer.toString(r.holders().size()), width);
            for (Holder h : r.holders()) {
                String who = h.user() != null ? Sanitizer.clean(h.user()) : null;
                String uidText = h.uid() == SocketEntry.UNKNOWN ? "unknown" : Integer.toString(h.uid());
                AttributedStringBuilder b = new AttributedStringBuilder();
                b.append("  ");
                b.styled(p.title(), "pid " + h.pid());
                b.append("  " + Sanitizer.clean(h.process()) + "  user "
                        + (who == null ? "uid " + uidText : who + " (uid " + uidText + ")"));
                out.add(b.toAttributedString());
                String cmd = h.command().isEmpty() ? "(no command line)" : Sanitizer.clean(h.command());
                for (String part : wrap(cmd, Math.max(8, width - 4))) {
                    out.add(new AttributedString("    " + part));
                }
            }
        }
        return out;
    }

    private static String service(ServiceRegistry reg, Proto proto, int port, boolean withClass) {
        String name = reg.name(proto, port);
        String iana = reg.ianaName(proto, port);
        StringBuilder b = new StringBuilder().append(port).append(' ');
        b.append(name == null ? "(unnamed)" : name);
        if (iana != null && !iana.equals(name)) {
            b.append(" (IANA: ").append(iana).append(')');
        }
        if (withClass) {
            b.append(", ").append(reg.classify(port).label()).append(" port");
        }
        return b.toString();
    }

    private static void field(List<AttributedString> out, String label, String value, int width) {
        String lead = "  " + pad(label, 16) + " ";
        List<String> parts = wrap(value, Math.max(8, width - lead.length()));
        for (int i = 0; i < parts.size(); i++) {
            out.add(new AttributedString((i == 0 ? lead : " ".repeat(lead.length())) + parts.get(i)));
        }
    }

    /** Cuts a long string into pieces of at most {@code cells} cells (no word breaking: command lines). */
    static List<String> wrap(String s, int cells) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int c = Cut.cells(cp);
            if (used + c > cells && i > start) {
                parts.add(s.substring(start, i));
                start = i;
                used = 0;
            }
            used += c;
            i += Character.charCount(cp);
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static List<AttributedString> details(LiveState s, int width, int height, Palette p) {
        List<AttributedString> out = new ArrayList<>(height);
        SocketRow r = s.detailsRow();
        String what = r == null
                ? ""
                : "  " + Cells.proto(r.entry()) + " " + Cells.local(r.entry()) + " \u2192 "
                        + Cells.remote(r.entry(), null);
        out.add(new AttributedString(pad(" Socket details" + what, width), AttributedStyle.DEFAULT.inverse()));
        List<AttributedString> body = r == null ? List.of() : detailLines(s, r, width, p);
        int room = Math.max(0, height - 2);
        int maxTop = Math.max(0, body.size() - room);
        int top = Math.max(0, Math.min(s.detailsTop(), maxTop));
        for (int i = top; i < body.size() && out.size() < height - 1; i++) {
            out.add(body.get(i));
        }
        while (out.size() < height - 1) {
            out.add(AttributedString.EMPTY);
        }
        String more = maxTop > 0
                ? "  \u2191\u2193 scroll (" + (top + 1) + "-" + Math.min(body.size(), top + room) + " of " + body.size()
                        + ")"
                : "";
        out.add(new AttributedString("Esc, Enter, q: back to the table" + more));
        return out;
    }

    /** Largest useful details scroll at this size, so the state can clamp it. */
    static int detailsMaxTop(LiveState s, int width, int height) {
        SocketRow r = s.detailsRow();
        if (r == null) {
            return 0;
        }
        return Math.max(0, detailLines(s, r, width, Palette.of(false)).size() - Math.max(0, height - 2));
    }

    // ---- text ----

    static String pad(String s, int cells) {
        int w = Cut.cells(s);
        return w >= cells ? s : s + " ".repeat(cells - w);
    }

    private static String trimEnd(StringBuilder b) {
        int n = b.length();
        while (n > 0 && b.charAt(n - 1) == ' ') {
            n--;
        }
        return b.substring(0, n);
    }
}
