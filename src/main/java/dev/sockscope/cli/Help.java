package dev.sockscope.cli;

import dev.sockscope.view.Column;
import java.util.List;

/**
 * The {@code --help} text, made from the {@link Opt} table and the texts below, which the man
 * page reuses: an option is described in one place.
 */
public final class Help {
    private Help() {}

    /** Examples: a command line and what it answers. */
    public static final List<String[]> EXAMPLES = List.of(
            new String[] {"sockscope", "live view of TCP and UDP sockets (a snapshot when piped)"},
            new String[] {"sockscope -tulpn", "what listens, with owners (as ss -tulpn)"},
            new String[] {"sockscope -ano", "every socket with its owner (as netstat -ano)"},
            new String[] {"sockscope :8080", "who is on port 8080"},
            new String[] {"sockscope --list --address 10.0.0.0/8", "connections from or to 10.x"},
            new String[] {"sockscope --list --exposed -l", "listeners reachable from beyond this host"},
            new String[] {"sockscope --list -e -o", "with user, inode, queues and timers (netstat -eo)"},
            new String[] {
                "sockscope --list --columns proto,local,remote,recvq,owner --sort recvq --reverse",
                "largest receive queues first"
            },
            new String[] {"sockscope --list --json > base.json", "a snapshot for scripts"},
            new String[] {"sockscope -c", "a new snapshot every second (netstat -c)"},
            new String[] {"sockscope -s --interval 5", "counts, TCP/UDP counters per second and hints, every 5 s"},
            new String[] {"kill $(sockscope --pids :8080)", "the pids holding port 8080 (as lsof -t)"});

    /** The live view's keys: key, action. */
    public static final List<String[]> LIVE_KEYS = List.of(
            new String[] {"q, Ctrl-C", "quit (the terminal is restored)"},
            new String[] {"arrows, PgUp/PgDn, Home/End", "move the selection"},
            new String[] {"Tab / Shift-Tab", "next / previous tab: Sockets, Processes, Interfaces"},
            new String[] {
                "/", "filter: port:8080 pid:12 state:listen addr:10.0.0.0/8 user:alice; a bare word matches any column"
            },
            new String[] {"s / S", "next sort column / reverse"},
            new String[] {"space", "pause / resume"},
            new String[] {"l t u w x 4 6", "toggle listening-only, TCP, UDP, raw, unix, IPv4, IPv6"},
            new String[] {"c", "choose columns"},
            new String[] {"Enter", "details of the selected socket (of a process: its sockets)"},
            new String[] {"e", "export the rows shown to a file (.json or .csv)"},
            new String[] {"k", "terminate the selected process (asks; a second yes sends SIGKILL)"},
            new String[] {"K", "close the selected TCP connection (SOCK_DESTROY; asks; root)"},
            new String[] {"b / B", "mark a baseline (rows opened since are marked +) / clear it"},
            new String[] {"h, ?", "help"});

    /** Exit statuses: code, meaning. */
    public static final List<String[]> EXIT_STATUS = List.of(
            new String[] {"0", "at least one socket shown, or the live view ended normally"},
            new String[] {"1", "the selection matched nothing"},
            new String[] {"2", "usage error: one line on stderr names the bad option or value"},
            new String[] {"3", "the connection tables could not be read"});

    /** Environment variables: name, meaning. */
    public static final List<String[]> ENVIRONMENT = List.of(
            new String[] {"NO_COLOR", "when set and not empty, no colour (bold and dim instead)"},
            new String[] {"TERM", "dumb or unset: a snapshot instead of the live view"},
            new String[] {"LANG, LC_ALL, LC_CTYPE", "not UTF-8: cut cells end in ~ instead of \u2026"},
            new String[] {"JAVA_HOME", "the JDK the launcher runs (else the newest it finds)"},
            new String[] {"XDG_CACHE_HOME", "where the launcher keeps the per-user cache (else ~/.cache)"},
            new String[] {"SOCKSCOPE_NO_ARCHIVE", "when set, the launcher makes and uses no class-data archive"});

    static String text() {
        StringBuilder b = new StringBuilder();
        b.append("usage: sockscope [options] [:PORT ...]\n");
        b.append("A netstat-style inspector of the sockets on this machine. On a terminal, a live view that\n");
        b.append("refreshes every --interval seconds; with --list, or piped, one snapshot.\n");
        b.append("netstat and ss habits work: -tulpn, -ano, -antp; -a and -p are accepted (every state and\n");
        b.append("every owner are always shown).\n");
        for (Opt.Group g : Opt.Group.values()) {
            b.append('\n').append(g.title()).append(":\n");
            for (Opt o : Opt.values()) {
                if (o.group() == g) {
                    row(b, o.synopsis(), o.help(), 26);
                }
            }
        }
        b.append("\nColumns (--columns, --sort): ")
                .append(Column.keys().replace(",", ", "))
                .append('\n');
        b.append("\nHealth hints of -s (docs/health.md):\n");
        for (String h : dev.sockscope.health.Thresholds.DEFAULT.describe()) {
            b.append("  ").append(h).append('\n');
        }
        b.append("\nLive view keys:\n");
        for (String[] k : LIVE_KEYS) {
            row(b, k[0], k[1], 26);
        }
        b.append("\nExamples:\n");
        for (String[] e : EXAMPLES) {
            b.append("  ").append(e[0]).append("\n      ").append(e[1]).append('\n');
        }
        b.append("\nEnvironment:\n");
        for (String[] e : ENVIRONMENT) {
            row(b, e[0], e[1], 26);
        }
        b.append("\nExit status:\n");
        for (String[] e : EXIT_STATUS) {
            row(b, e[0], e[1], 4);
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String left, String right, int width) {
        b.append("  ").append(left);
        int pad = width - left.length();
        if (pad < 2) {
            b.append("\n  ");
            pad = width;
        }
        for (int i = 0; i < pad; i++) {
            b.append(' ');
        }
        b.append(right).append('\n');
    }
}
