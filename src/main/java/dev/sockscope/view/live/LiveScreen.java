package dev.sockscope.view.live;

import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.view.Cells;
import dev.sockscope.view.Sanitizer;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Draws a {@link LiveState} as exactly {@code height} lines of at most {@code width} columns:
 * header (host, time, interval, counts, filter, notes), column titles, the rows, and a footer
 * with key hints, the filter prompt or a message. Pure: the same state and size give the same
 * lines. Text from the system is already sanitized by {@link Cells} or here, and is only ever
 * appended as plain text, so nothing it contains can reach the terminal as a control sequence.
 */
final class LiveScreen {
    static final int MIN_WIDTH = 40;
    static final int MIN_HEIGHT = 10;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int[] MIN_COLS = {4, 10, 8, 5, 8, 5};
    private static final String[] TITLES = {
        "Proto", "Local Address", "Foreign Address", "State", "PID/Program", "Service"
    };

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
                out = help(width, height, p);
                break;
            case DETAILS:
                out = details(s, width, height, p);
                break;
            default:
                out = table(s, width, height, p);
        }
        List<AttributedString> cut = new ArrayList<>(height);
        for (int i = 0; i < height; i++) {
            AttributedString l = i < out.size() ? out.get(i) : AttributedString.EMPTY;
            cut.add(l.columnLength() > width ? l.columnSubSequence(0, width) : l);
        }
        return cut;
    }

    // ---- table ----

    private static List<AttributedString> table(LiveState s, int width, int height, Palette p) {
        List<AttributedString> out = new ArrayList<>(height);
        out.addAll(header(s, width, height, p));
        int rows = Math.max(0, height - out.size() - 2);
        boolean service = !s.numeric() && s.services() != null;
        int[] w = layout(s, width, service);
        String gap = gap(w, width);
        out.add(titles(s, w, gap, width, p));
        List<LiveState.Line> view = s.view();
        int top = Math.max(0, Math.min(s.top(), Math.max(0, view.size() - rows)));
        if (view.isEmpty() && rows > 0) {
            String why = s.snapshot() == null
                    ? (s.sourceError() == null ? "reading the connection tables\u2026" : "no data")
                    : "no sockets match";
            out.add(new AttributedString(Text.fit("  (" + why + ")", width), AttributedStyle.DEFAULT.faint()));
        }
        Function<String, String> resolver = s.resolver();
        for (int i = top; i < view.size() && i < top + rows; i++) {
            LiveState.Line l = view.get(i);
            String remote = l.remote();
            if (resolver != null) {
                remote = resolved(l.row().entry(), resolver, remote);
            }
            StringBuilder b = new StringBuilder(width);
            appendCell(b, l.proto(), w[0], false, gap);
            appendCell(b, l.local(), w[1], true, gap);
            appendCell(b, remote, w[2], true, gap);
            appendCell(b, l.state(), w[3], false, gap);
            appendCell(b, l.pidProgram(), w[4], false, gap);
            appendCell(b, l.service(), w[5], false, gap);
            String text = Text.pad(trimEnd(b), width);
            AttributedStyle st = l.mark() == LiveState.Mark.NEW
                    ? p.fresh()
                    : l.mark() == LiveState.Mark.GONE ? p.gone() : AttributedStyle.DEFAULT;
            if (i == s.selectedIndex()) {
                st = st.inverse();
            }
            out.add(new AttributedString(text, st));
        }
        while (out.size() < height - 1) {
            out.add(AttributedString.EMPTY);
        }
        out.add(footer(s, width, p));
        return out;
    }

    private static String resolved(SocketEntry e, Function<String, String> resolver, String numeric) {
        if (e.proto() == Proto.UNIX || e.hasWildcardPeer()) {
            return numeric;
        }
        String name;
        try {
            name = resolver.apply(e.remoteAddress());
        } catch (RuntimeException ex) {
            // a resolver that fails leaves the address numeric; the view never stops for DNS
            return numeric;
        }
        return name == null ? numeric : Cells.remote(e, name);
    }

    private static String trimEnd(StringBuilder b) {
        int n = b.length();
        while (n > 0 && b.charAt(n - 1) == ' ') {
            n--;
        }
        return b.substring(0, n);
    }

    private static void appendCell(StringBuilder b, String text, int cols, boolean keepTail, String gap) {
        if (cols <= 0) {
            return;
        }
        if (b.length() > 0) {
            b.append(gap);
        }
        String f = keepTail ? Text.fitKeepTail(text, cols) : Text.fit(text, cols);
        b.append(f);
        for (int i = Text.columns(f); i < cols; i++) {
            b.append(' ');
        }
    }

    private static String gap(int[] w, int width) {
        return fits(w, width, 2) ? "  " : " ";
    }

    /**
     * Column widths for this width: each column as wide as its widest cell and title; when that
     * does not fit, the widest columns give up columns first down to a minimum, then Service
     * disappears. A width of 0 hides a column.
     */
    static int[] layout(LiveState s, int width, boolean service) {
        int[] nat = s.naturalWidths();
        int[] w = new int[LiveState.COLUMNS];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.max(nat[i], TITLES[i].length() + (s.sort().ordinal() == i ? 1 : 0));
        }
        if (!service) {
            w[5] = 0;
        }
        if (fits(w, width, 2)) {
            return w;
        }
        while (!fits(w, width, 1)) {
            int best = -1;
            int excess = 0;
            for (int i = 1; i < w.length; i++) {
                if (w[i] > 0 && w[i] - MIN_COLS[i] > excess) {
                    excess = w[i] - MIN_COLS[i];
                    best = i;
                }
            }
            if (best < 0) {
                if (w[5] > 0) {
                    w[5] = 0;
                    continue;
                }
                break;
            }
            w[best]--;
        }
        return w;
    }

    private static boolean fits(int[] w, int width, int gap) {
        int sum = 0;
        int n = 0;
        for (int x : w) {
            if (x > 0) {
                sum += x;
                n++;
            }
        }
        return sum + gap * (n - 1) <= width;
    }

    private static AttributedString titles(LiveState s, int[] w, String gap, int width, Palette p) {
        StringBuilder b = new StringBuilder(width);
        for (int i = 0; i < w.length; i++) {
            String t = TITLES[i];
            if (s.sort().ordinal() == i) {
                t = t + (s.reversed() ? "\u25bc" : "\u25b2");
            }
            appendCell(b, t, w[i], false, gap);
        }
        return new AttributedString(Text.pad(trimEnd(b), width), p.columns());
    }

    // ---- header ----

    static List<AttributedString> header(LiveState s, int width, int height, Palette p) {
        List<AttributedString> out = new ArrayList<>(5);
        AttributedStringBuilder t = new AttributedStringBuilder();
        t.styled(p.title(), "sockscope");
        t.append("  ").append(Sanitizer.clean(s.host()));
        if (s.lastRefresh() != null) {
            t.append("  ").append(CLOCK.format(LocalTime.ofInstant(s.lastRefresh(), s.zone())));
        }
        t.append("  every ").append(seconds(s.interval()));
        if (s.paused()) {
            t.append("  ");
            t.styled(AttributedStyle.DEFAULT.inverse().bold(), " PAUSED ");
        }
        if (s.sorting()) {
            // the rows keep their old order until the worker has the new one
            t.append("  ");
            t.styled(AttributedStyle.DEFAULT.faint(), "sorting\u2026");
        }
        out.add(t.toAttributedString());

        StringBuilder c = new StringBuilder("Sockets: ").append(s.shownTotal());
        if (s.snapshot() != null && s.shownTotal() != s.readTotal()) {
            c.append(" of ").append(s.readTotal());
        }
        for (Map.Entry<String, Integer> e : s.countsByProto().entrySet()) {
            c.append("  ").append(e.getKey()).append(' ').append(e.getValue());
        }
        out.add(new AttributedString(c.toString()));

        StringBuilder st = new StringBuilder("States:");
        Map<State, Integer> byState = s.countsByState();
        if (byState.isEmpty()) {
            st.append(" none");
        }
        for (Map.Entry<State, Integer> e : byState.entrySet()) {
            st.append(st.length() == "States:".length() ? " " : "  ")
                    .append(e.getKey().name())
                    .append(' ')
                    .append(e.getValue());
        }
        AttributedString states = new AttributedString(st.toString());

        StringBuilder f = new StringBuilder("Filter: ");
        String words = (s.baseFilterText() + " " + s.filterText()).trim();
        f.append(words.isEmpty() ? "none" : Sanitizer.clean(words));
        f.append("   Show:");
        for (Proto pr : Proto.values()) {
            if (s.protos().contains(pr) && pr != Proto.UDPLITE) {
                f.append(' ').append(pr.label());
            }
        }
        f.append(s.families().contains(dev.sockscope.model.Family.IPV4) ? " ipv4" : "");
        f.append(s.families().contains(dev.sockscope.model.Family.IPV6) ? " ipv6" : "");
        if (s.listeningOnly()) {
            f.append(" listening-only");
        }
        AttributedString filter = new AttributedString(f.toString());

        AttributedString notes = notes(s, p);
        // on a short terminal the states line and then the notes give way to rows
        if (height >= 16) {
            out.add(states);
        }
        out.add(filter);
        if (notes != null && height >= 12) {
            out.add(notes);
        }
        return out;
    }

    private static AttributedString notes(LiveState s, Palette p) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        if (s.sourceError() != null) {
            b.styled(p.alert(), "refresh failed: " + Sanitizer.clean(s.sourceError()));
        }
        Snapshot snap = s.snapshot();
        if (snap != null) {
            if (snap.unparsedLines() > 0) {
                sep(b).append(snap.unparsedLines() + " unparsed table line" + (snap.unparsedLines() == 1 ? "" : "s"));
            }
            if (snap.hiddenOwners() > 0) {
                sep(b).append(snap.hiddenOwners() + " process" + (snap.hiddenOwners() == 1 ? "" : "es")
                        + " not inspectable (access denied): some owners unknown");
            }
            if (snap.platformNote() != null && !snap.platformNote().isBlank()) {
                sep(b).append(Sanitizer.clean(snap.platformNote()));
            }
        }
        return b.length() == 0 ? null : b.toAttributedString();
    }

    private static AttributedStringBuilder sep(AttributedStringBuilder b) {
        if (b.length() > 0) {
            b.append(" \u00b7 ");
        }
        return b;
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
        {"q", "quit"}, {"/", "filter"}, {"s", "sort"}, {"S", "reverse"}, {"space", "pause"},
        {"l", "listen"}, {"t", "tcp"}, {"u", "udp"}, {"4", "ipv4"}, {"6", "ipv6"},
        {"Enter", "details"}, {"h", "help"},
    };

    private static AttributedString footer(LiveState s, int width, Palette p) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        if (s.mode() == LiveState.Mode.PROMPT) {
            String text = s.promptText();
            String err = s.promptError();
            int room = width - 2 - (err == null ? 0 : Math.min(width / 2, Text.columns(err) + 2));
            b.append('/');
            b.append(Text.columns(text) > room ? Text.ELLIPSIS + Text.suffix(text, room - 1) : text);
            b.styled(AttributedStyle.DEFAULT.inverse(), " ");
            if (err != null) {
                b.append(' ');
                b.styled(p.alert(), Text.fit(Sanitizer.clean(err), Math.max(0, width - b.length())));
            }
            return b.toAttributedString();
        }
        if (s.message() != null) {
            b.styled(p.alert(), s.message());
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

    // ---- help ----

    private static final String[][] HELP = {
        {"q, Ctrl-C", "quit"},
        {"\u2191 \u2193 PgUp PgDn", "move the selection"},
        {"Home End", "first / last row"},
        {"/", "filter, e.g. port:8080 pid:12 state:listen user:alice"},
        {"", "proc:java; a bare word matches the process name"},
        {"", "applied as you type; Enter keeps it, Esc cancels"},
        {"s / S", "next sort column / reverse the order"},
        {"space", "pause / resume refreshing"},
        {"l", "listening sockets only, on/off"},
        {"t u", "show TCP / UDP, on/off"},
        {"4 6", "show IPv4 / IPv6, on/off"},
        {"Enter", "details of the selected socket"},
        {"h ?", "this help; Esc closes it"},
    };

    private static List<AttributedString> help(int width, int height, Palette p) {
        List<AttributedString> out = new ArrayList<>();
        out.add(new AttributedString(Text.pad(" sockscope \u2014 keys", width), AttributedStyle.DEFAULT.inverse()));
        out.add(AttributedString.EMPTY);
        for (String[] h : HELP) {
            AttributedStringBuilder b = new AttributedStringBuilder();
            b.append("  ");
            b.styled(p.key(), Text.pad(h[0], 18));
            b.append(h[1]);
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

    // ---- details ----

    /** The details page of a row as plain lines (wrapped to {@code width}), before scrolling. */
    static List<AttributedString> detailLines(LiveState s, SocketRow r, int width, Palette p) {
        List<AttributedString> out = new ArrayList<>();
        SocketEntry e = r.entry();
        ServiceRegistry reg = s.services();
        field(out, "Protocol", e.proto().label() + " (" + e.family().label() + ")", width);
        String local = Cells.local(e);
        field(out, "Local", local, width);
        String remote = Cells.remote(e, null);
        if (s.resolver() != null) {
            String named = resolved(e, s.resolver(), remote);
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
        String lead = "  " + Text.pad(label, 16) + " ";
        List<String> parts = wrap(value, Math.max(8, width - lead.length()));
        for (int i = 0; i < parts.size(); i++) {
            out.add(new AttributedString((i == 0 ? lead : " ".repeat(lead.length())) + parts.get(i)));
        }
    }

    /** Cuts a long string into pieces of at most {@code cols} columns (no word breaking: command lines). */
    static List<String> wrap(String s, int cols) {
        List<String> parts = new ArrayList<>();
        String rest = s;
        while (Text.columns(rest) > cols) {
            String head = Text.prefix(rest, cols);
            if (head.isEmpty()) {
                head = rest.substring(0, Character.charCount(rest.codePointAt(0)));
            }
            parts.add(head);
            rest = rest.substring(head.length());
        }
        parts.add(rest);
        return parts;
    }

    private static List<AttributedString> details(LiveState s, int width, int height, Palette p) {
        List<AttributedString> out = new ArrayList<>(height);
        SocketRow r = s.detailsRow();
        String what = r == null
                ? ""
                : "  " + Cells.proto(r.entry()) + " " + Cells.local(r.entry()) + " \u2192 "
                        + Cells.remote(r.entry(), null);
        out.add(new AttributedString(Text.pad(" Socket details" + what, width), AttributedStyle.DEFAULT.inverse()));
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
}
