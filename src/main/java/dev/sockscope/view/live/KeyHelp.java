package dev.sockscope.view.live;

import java.util.List;

/**
 * The live view's keys as its help screen lists them; the man page's section on the live view
 * is made from the same list. Plain text, no JLine: loading it loads no terminal classes.
 */
public final class KeyHelp {
    private KeyHelp() {}

    /**
     * One line of the help screen.
     *
     * @param keys   the keys, as the help screen writes them; empty for a line that continues
     *               the one above
     * @param action what they do
     */
    public record Entry(String keys, String action) {}

    public static final List<Entry> ENTRIES = List.of(
            new Entry("q, Ctrl-C", "quit"),
            new Entry("\u2191 \u2193 PgUp PgDn", "move the selection"),
            new Entry("Home End", "first / last row"),
            new Entry("/", "filter, e.g. port:8080 pid:12 state:listen user:alice"),
            new Entry("", "proc:java; a bare word matches the process name"),
            new Entry("", "applied as you type; Enter keeps it, Esc cancels"),
            new Entry("s / S", "next sort column / reverse the order"),
            new Entry("space", "pause / resume refreshing"),
            new Entry("l", "listening sockets only, on/off"),
            new Entry("t u", "show TCP / UDP, on/off"),
            new Entry("4 6", "show IPv4 / IPv6, on/off"),
            new Entry("Enter", "details of the selected socket"),
            new Entry("h ?", "this help; Esc closes it"));
}
