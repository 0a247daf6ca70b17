package dev.sockscope.cli;

import java.util.Locale;

/**
 * Every option of the command line, in one place: its names, its value, the help group it is
 * listed in, what completes its value, and its help text. The parser, {@code --help}, the man
 * page and the shell completions are all made from this table, so an option is described once.
 */
public enum Opt {
    // what to show
    LIST(null, "list", null, Group.MODE, Values.NONE, "one snapshot, then exit (the default when piped)"),
    EXPLAIN(
            null,
            "explain",
            "PORT[/tcp|/udp]",
            Group.MODE,
            Values.PORTS,
            "who holds the port (holders, parents, unit), how it is exposed, whether a bind would succeed now;"
                    + " exit 0 a wildcard bind would succeed, 1 busy"),
    WAIT_LISTEN(
            null,
            "wait-listen",
            "[ADDR:]PORT",
            Group.MODE,
            Values.PORTS,
            "exit 0 once something listens there (seen twice, 100 ms apart), 1 on timeout"),
    WAIT_FREE(
            null,
            "wait-free",
            "PORT[/tcp|/udp]",
            Group.MODE,
            Values.PORTS,
            "exit 0 once a server could bind the port (tables and a bind attempt), 1 on timeout"),
    TIMEOUT(
            null,
            "timeout",
            "SECONDS",
            Group.MODE,
            Values.NUMBER,
            "how long --wait-listen/--wait-free wait (default 30)"),
    VERBOSE(null, "verbose", null, Group.MODE, Values.NONE, "--wait-listen/--wait-free: say what was seen"),
    SUMMARY(
            "s",
            "summary",
            null,
            Group.MODE,
            Values.NONE,
            "sockets by protocol, state and process, the kernel's TCP/UDP counters, health hints"),
    PIDS(null, "pids", null, Group.MODE, Values.NONE, "print only the pids holding the selected sockets, one a line"),
    KILL(null, "kill", null, Group.MODE, Values.NONE, "SIGTERM to the processes holding the selected sockets (asks)"),
    YES(null, "yes", null, Group.MODE, Values.NONE, "with --kill: do not ask"),
    DIFF(
            null,
            "diff",
            "FILE",
            Group.MODE,
            Values.FILE,
            "compare now against a snapshot saved with --list --json (exit 0 same, 1 changed)"),
    DIFF_LISTENERS(null, "diff-listeners", null, Group.MODE, Values.NONE, "with --diff: compare listeners only"),
    EVENTS(
            null,
            "events",
            null,
            Group.MODE,
            Values.NONE,
            "JSON Lines: one line per socket opened, closed or changing state, every --interval"),
    SERVE(
            null,
            "serve",
            "[ADDR:]PORT",
            Group.MODE,
            Values.TEXT,
            "Prometheus metrics on /metrics (loopback unless an address is given)"),
    SERVE_CONNECTIONS(
            null,
            "serve-connections",
            null,
            Group.MODE,
            Values.NONE,
            "with --serve: per-connection rtt and bytes (tcp_info), at most --serve-connection-limit series"),
    SERVE_CONNECTION_LIMIT(
            null,
            "serve-connection-limit",
            "N",
            Group.MODE,
            Values.NUMBER,
            "the most per-connection series (default 1000)"),
    INTERFACES(
            "i",
            "interfaces",
            null,
            Group.MODE,
            Values.NONE,
            "interfaces: state, MTU, MAC, addresses, counters, listeners"),
    ROUTES("r", "routes", null, Group.MODE, Values.NONE, "routing tables, IPv4 and IPv6 (netstat -r)"),
    ROUTE_TO(
            null,
            "route-to",
            "ADDRESS",
            Group.MODE,
            Values.ADDRESSES,
            "the interface, gateway and source address to ADDRESS"),
    NEIGHBORS(null, "neighbors", null, Group.MODE, Values.NONE, "ARP and NDP neighbour caches, the gateway marked"),
    DNS(null, "dns", null, Group.MODE, Values.NONE, "resolvers and search domains (and those behind a local stub)"),

    // selection
    TCP("t", "tcp", null, Group.SELECTION, Values.NONE, "TCP sockets"),
    UDP("u", "udp", null, Group.SELECTION, Values.NONE, "UDP (and UDP-Lite) sockets"),
    RAW("w", "raw", null, Group.SELECTION, Values.NONE, "raw sockets"),
    UNIX("x", "unix", null, Group.SELECTION, Values.NONE, "unix domain sockets"),
    IPV4("4", "ipv4", null, Group.SELECTION, Values.NONE, "IPv4 only"),
    IPV6("6", "ipv6", null, Group.SELECTION, Values.NONE, "IPv6 only"),
    LISTENING("l", "listening", null, Group.SELECTION, Values.NONE, "listening (and unconnected UDP) sockets only"),
    ALL(
            "a",
            "all",
            null,
            Group.SELECTION,
            Values.NONE,
            "every state (the default; accepted for netstat and ss habits)"),
    PORT(
            null,
            "port",
            "LIST",
            Group.SELECTION,
            Values.PORTS,
            "local or remote port: 80,443 8000-8100 http,ssh; also :PORT or a bare number"),
    LOCAL_PORT(null, "local-port", "LIST", Group.SELECTION, Values.PORTS, "local port only"),
    REMOTE_PORT(null, "remote-port", "LIST", Group.SELECTION, Values.PORTS, "remote port only"),
    ADDRESS(
            null,
            "address",
            "LIST",
            Group.SELECTION,
            Values.ADDRESSES,
            "local or remote address: 10.0.0.5, 10.0.0.0/8, ::1, fe80::/10, [::1]; v4-mapped addresses match their v4 block"),
    LOCAL_ADDRESS(null, "local-address", "LIST", Group.SELECTION, Values.ADDRESSES, "local address only"),
    REMOTE_ADDRESS(null, "remote-address", "LIST", Group.SELECTION, Values.ADDRESSES, "remote address only"),
    INTERFACE(
            null,
            "interface",
            "NAME",
            Group.SELECTION,
            Values.INTERFACES,
            "sockets bound to that interface: one of its addresses, or the device itself"),
    EXPOSED(
            null,
            "exposed",
            null,
            Group.SELECTION,
            Values.NONE,
            "only sockets reachable from beyond this host (not loopback-only)"),
    PID(null, "pid", "LIST", Group.SELECTION, Values.PIDS, "a process holding the socket"),
    PROCESS(
            null,
            "process",
            "TEXT",
            Group.SELECTION,
            Values.PROCESSES,
            "substring of a holder's name or command line, any case"),
    STATE(null, "state", "LIST", Group.SELECTION, Values.STATES, "LISTEN,ESTABLISHED,... any case"),
    USER(null, "user", "NAME|UID", Group.SELECTION, Values.USERS, "the socket's owner or any holder's user"),
    PROGRAMS(
            "p",
            "programs",
            null,
            Group.SELECTION,
            Values.NONE,
            "show owners (always shown; accepted for netstat and ss habits)"),

    // output
    FORMAT(null, "format", "FORMAT", Group.OUTPUT, Values.FORMATS, "table, json or csv"),
    JSON(null, "json", null, Group.OUTPUT, Values.NONE, "short for --format json"),
    COLUMNS(null, "columns", "LIST", Group.OUTPUT, Values.COLUMNS, "which columns, in order (see COLUMNS below)"),
    EXTENDED(
            "e",
            "extended",
            null,
            Group.OUTPUT,
            Values.NONE,
            "add the user, inode, Recv-Q and Send-Q columns (netstat -e)"),
    TIMERS("o", "timers", null, Group.OUTPUT, Values.NONE, "add the timer column (netstat -o)"),
    WIDE("W", "wide", null, Group.OUTPUT, Values.NONE, "never cut a cell"),
    SORT(null, "sort", "KEY", Group.OUTPUT, Values.SORT_KEYS, "order rows by a column, in --list and the live view"),
    REVERSE(null, "reverse", null, Group.OUTPUT, Values.NONE, "reverse the sort"),
    NUMERIC("n", "numeric", null, Group.OUTPUT, Values.NONE, "no service names"),
    RESOLVE(null, "resolve", null, Group.OUTPUT, Values.NONE, "reverse-DNS remote addresses (cached, short timeout)"),
    NO_COLOR(
            null,
            "no-color",
            null,
            Group.OUTPUT,
            Values.NONE,
            "no colour (also when NO_COLOR is set or stdout is not a terminal)"),
    INTERVAL(
            null,
            "interval",
            "SECONDS",
            Group.OUTPUT,
            Values.NUMBER,
            "refresh period of the live view (default 1); with --list, repeat (0 allowed with --count)"),
    COUNT(null, "count", "N", Group.OUTPUT, Values.NUMBER, "with --list: number of snapshots"),
    CONTINUOUS("c", "continuous", null, Group.OUTPUT, Values.NONE, "repeat the snapshot every second, like netstat -c"),

    // where the data comes from
    BACKEND(null, "backend", "NAME", Group.SOURCE, Values.BACKENDS, "auto, netlink, proc or oshi"),
    NETNS(
            null,
            "netns",
            "NAME|PID|all",
            Group.SOURCE,
            Values.NETNS,
            "read another network namespace (a name in /run/netns, host, or a process's), or all of them;"
                    + " adds the netns column; entering one needs root"),
    PROC_ROOT(
            null,
            "proc-root",
            "DIR",
            Group.SOURCE,
            Values.DIRECTORY,
            "read a captured /proc tree instead of the live one"),

    HELP("h", "help", null, Group.OTHER, Values.NONE, "this help"),
    VERSION("V", "version", null, Group.OTHER, Values.NONE, "version, commit, JDK and backend");

    /** The sections of {@code --help} and the man page, in order. */
    public enum Group {
        MODE("Modes"),
        SELECTION("Selection (options combine with AND; a list inside one option is OR)"),
        OUTPUT("Output"),
        SOURCE("Data source"),
        OTHER("Other");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** What a shell completes an option's value with. */
    public enum Values {
        NONE,
        PORTS,
        ADDRESSES,
        INTERFACES,
        PIDS,
        PROCESSES,
        STATES,
        USERS,
        FORMATS,
        COLUMNS,
        SORT_KEYS,
        BACKENDS,
        NETNS,
        FILE,
        DIRECTORY,
        NUMBER,
        TEXT
    }

    private final String shortName;
    private final String longName;
    private final String argName;
    private final Group group;
    private final Values values;
    private final String help;

    Opt(String shortName, String longName, String argName, Group group, Values values, String help) {
        this.shortName = shortName;
        this.longName = longName;
        this.argName = argName;
        this.group = group;
        this.values = values;
        this.help = help;
    }

    /** The one-letter name, or null. */
    public String shortName() {
        return shortName;
    }

    public String longName() {
        return longName;
    }

    /** The value's name in help ({@code LIST}), or null for a flag. */
    public String argName() {
        return argName;
    }

    public boolean takesValue() {
        return argName != null;
    }

    public Group group() {
        return group;
    }

    /** What completes the option's value. */
    public Values completion() {
        return values;
    }

    public String help() {
        return help;
    }

    /** {@code -t, --tcp} or {@code --port LIST}, as help shows it. */
    public String synopsis() {
        String s = (shortName == null ? "" : "-" + shortName + ", ") + "--" + longName;
        return argName == null ? s : s + " " + argName;
    }

    /** The option with this long name, or null. */
    public static Opt byLong(String name) {
        for (Opt o : values()) {
            if (o.longName.equals(name)) {
                return o;
            }
        }
        return null;
    }

    /** The option with this letter, or null. */
    public static Opt byShort(char c) {
        String s = String.valueOf(c);
        for (Opt o : values()) {
            if (s.equals(o.shortName)) {
                return o;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "--" + longName.toLowerCase(Locale.ROOT);
    }
}
