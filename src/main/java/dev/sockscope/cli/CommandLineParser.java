package dev.sockscope.cli;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.query.Filter;
import dev.sockscope.query.Lists;
import dev.sockscope.query.PortSet;
import dev.sockscope.query.SortKey;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.TableSelection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.commons.cli.AlreadySelectedException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * The command line of DESIGN.md, parsed with Commons CLI into a {@link Config}. Every error
 * is a {@link UsageException} whose one-line message names the bad option or value.
 */
public final class CommandLineParser {
    private static final Options OPTIONS = options();

    private CommandLineParser() {}

    private static Options options() {
        Options o = new Options();
        o.addOption("t", "tcp", false, "TCP sockets");
        o.addOption("u", "udp", false, "UDP sockets (and UDP-Lite)");
        o.addOption("w", "raw", false, "raw sockets");
        o.addOption("x", "unix", false, "unix domain sockets");
        o.addOption("4", "ipv4", false, "IPv4 only");
        o.addOption("6", "ipv6", false, "IPv6 only");
        o.addOption("l", "listening", false, "listening (and unconnected UDP) sockets only");
        o.addOption(valued(null, "port", "LIST", "local or remote port: 80,443 8000-8100 http,ssh"));
        o.addOption(valued(null, "local-port", "LIST", "local port only"));
        o.addOption(valued(null, "remote-port", "LIST", "remote port only"));
        o.addOption(valued(null, "pid", "LIST", "owning process id"));
        o.addOption(valued(null, "process", "TEXT", "substring of process name or command line, any case"));
        o.addOption(valued(null, "state", "LIST", "LISTEN,ESTABLISHED,... any case"));
        o.addOption(valued(null, "user", "NAME|UID", "socket owner"));
        o.addOption("n", "numeric", false, "no service names");
        o.addOption(null, "resolve", false, "reverse-DNS remote addresses");
        o.addOption(valued(null, "format", "FORMAT", "output of --list: table, json, csv"));
        o.addOption(null, "json", false, "short for --format json");
        o.addOption(valued(null, "backend", "NAME", "auto, netlink, proc, oshi"));
        o.addOption(valued(null, "proc-root", "DIR", "read a captured /proc tree"));
        o.addOption(valued(null, "interval", "SECONDS", "refresh period (default 1)"));
        o.addOption(valued(null, "count", "N", "with --list: number of snapshots"));
        o.addOption(valued(null, "sort", "KEY", "proto, local, remote, state, pid, process, service, user"));
        o.addOption(null, "reverse", false, "reverse the sort");
        o.addOption(null, "list", false, "one snapshot, then exit");
        o.addOption(null, "no-color", false, "no colour");
        o.addOption("h", "help", false, "this help");
        o.addOption("V", "version", false, "version");
        NetworkOptions.declare(o);
        return o;
    }

    private static Option valued(String shortName, String longName, String arg, String description) {
        return Option.builder(shortName)
                .longOpt(longName)
                .hasArg()
                .argName(arg)
                .desc(description)
                .build();
    }

    /**
     * @param services supplies the port registry, called only when a port list names a service
     */
    public static Config parse(String[] args, Supplier<ServiceRegistry> services) throws UsageException {
        CommandLine cl;
        try {
            cl = new DefaultParser().parse(OPTIONS, args);
        } catch (UnrecognizedOptionException e) {
            throw new UsageException("unknown option '" + e.getOption() + "' (see --help)");
        } catch (MissingArgumentException e) {
            throw new UsageException("option '--" + e.getOption().getLongOpt() + "' needs a value");
        } catch (AlreadySelectedException e) {
            throw new UsageException(e.getMessage());
        } catch (ParseException e) {
            throw new UsageException(firstLine(e.getMessage()));
        }
        if (!cl.getArgList().isEmpty()) {
            throw new UsageException("unexpected argument '" + cl.getArgList().get(0) + "' (see --help)");
        }
        if (cl.hasOption("help")) {
            return withAction(Config.Action.HELP);
        }
        if (cl.hasOption("version")) {
            return withAction(Config.Action.VERSION);
        }
        if (NetworkOptions.wanted(cl)) {
            return withAction(Config.Action.NETWORK); // parsed again, with its own options
        }

        Set<Proto> protos = EnumSet.noneOf(Proto.class);
        if (cl.hasOption("t")) {
            protos.add(Proto.TCP);
        }
        if (cl.hasOption("u")) {
            protos.add(Proto.UDP);
            protos.add(Proto.UDPLITE);
        }
        if (cl.hasOption("w")) {
            protos.add(Proto.RAW);
        }
        if (cl.hasOption("x")) {
            protos.add(Proto.UNIX);
        }
        boolean protosChosen = !protos.isEmpty();
        if (!protosChosen) {
            protos = EnumSet.of(Proto.TCP, Proto.UDP, Proto.UDPLITE);
        }
        Set<Family> families = EnumSet.noneOf(Family.class);
        if (cl.hasOption("4")) {
            families.add(Family.IPV4);
        }
        if (cl.hasOption("6")) {
            families.add(Family.IPV6);
        }
        boolean familiesChosen = !families.isEmpty();
        if (!familiesChosen) {
            families = EnumSet.of(Family.IPV4, Family.IPV6);
        }

        Filter.Builder f = new Filter.Builder();
        Pushdown push = new Pushdown(); // the same conditions, for a source that selects in the kernel
        for (String v : values(cl, "port")) {
            f.anyPort(push.any(PortSet.parse(v, "--port", services.get())));
        }
        for (String v : values(cl, "local-port")) {
            f.localPort(push.local(PortSet.parse(v, "--local-port", services.get())));
        }
        for (String v : values(cl, "remote-port")) {
            f.remotePort(push.remote(PortSet.parse(v, "--remote-port", services.get())));
        }
        for (String v : values(cl, "pid")) {
            f.pids(Lists.pids(v, "--pid"));
        }
        for (String v : values(cl, "process")) {
            f.process(v);
        }
        for (String v : values(cl, "state")) {
            f.states(push.states(Lists.states(v, "--state")));
        }
        for (String v : values(cl, "user")) {
            if (v.isBlank()) {
                throw new UsageException("--user: empty user name");
            }
            f.user(v.trim());
        }

        // the live view toggles protocol, family and listening itself: it gets the rest apart
        Filter selection = f.build();
        if (protosChosen) {
            f.protos(protos);
        }
        if (familiesChosen) {
            f.families(families);
        }
        f.listening(cl.hasOption("l"));
        Filter filter = f.build();

        Config.Format format = Config.Format.TABLE;
        if (cl.hasOption("format")) {
            format = format(cl.getOptionValue("format"));
        }
        if (cl.hasOption("json")) {
            if (cl.hasOption("format") && format != Config.Format.JSON) {
                throw new UsageException("--json contradicts --format " + cl.getOptionValue("format"));
            }
            format = Config.Format.JSON;
        }
        Config.Backend backend = Config.Backend.AUTO;
        if (cl.hasOption("backend")) {
            backend = backend(cl.getOptionValue("backend"));
        }
        Path procRoot = Path.of("/proc");
        if (cl.hasOption("proc-root")) {
            String dir = cl.getOptionValue("proc-root");
            if (dir.isEmpty()) {
                throw new UsageException("--proc-root: empty directory name");
            }
            procRoot = Path.of(dir);
            if (backend == Config.Backend.OSHI || backend == Config.Backend.NETLINK) {
                throw new UsageException("--proc-root reads a /proc tree: it does not go with --backend "
                        + backend.name().toLowerCase(Locale.ROOT));
            }
        }

        boolean list = cl.hasOption("list") || cl.hasOption("format") || cl.hasOption("json") || cl.hasOption("count");
        int count = 1; // also when not a terminal: the fallback of the live view is one snapshot
        if (cl.hasOption("count")) {
            count = positiveInt(cl.getOptionValue("count"), "--count");
        } else if (list && cl.hasOption("interval")) {
            count = 0; // like netstat -c: repeat until interrupted
        }
        long intervalMs = 1000;
        if (cl.hasOption("interval")) {
            intervalMs = interval(cl.getOptionValue("interval"));
            if (intervalMs == 0 && !(list && cl.hasOption("count"))) {
                throw new UsageException("--interval 0 is allowed only with --list --count N");
            }
        }
        SortKey sort = SortKey.PROTO;
        if (cl.hasOption("sort")) {
            sort = SortKey.parse(cl.getOptionValue("sort"));
            if (sort == null) {
                throw new UsageException("--sort: unknown column '" + cl.getOptionValue("sort")
                        + "' (proto, local, remote, state, pid, process, service, user)");
            }
        }
        return new Config(
                list ? Config.Mode.LIST : Config.Mode.AUTO,
                push.apply(new TableSelection(protos, families)),
                filter,
                selection,
                cl.hasOption("l"),
                format,
                backend,
                procRoot,
                intervalMs,
                count,
                cl.hasOption("n"),
                cl.hasOption("resolve"),
                cl.hasOption("no-color"),
                sort,
                cl.hasOption("reverse"),
                Config.Action.RUN);
    }

    private static Config withAction(Config.Action action) {
        return new Config(
                Config.Mode.LIST,
                TableSelection.all(),
                Filter.all(),
                Filter.all(),
                false,
                Config.Format.TABLE,
                Config.Backend.AUTO,
                Path.of("/proc"),
                1000,
                1,
                false,
                false,
                true,
                SortKey.PROTO,
                false,
                action);
    }

    private static String[] values(CommandLine cl, String opt) {
        String[] v = cl.getOptionValues(opt);
        return v == null ? new String[0] : v;
    }

    private static Config.Format format(String v) throws UsageException {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "table":
                return Config.Format.TABLE;
            case "json":
                return Config.Format.JSON;
            case "csv":
                return Config.Format.CSV;
            default:
                throw new UsageException("--format: unknown format '" + v + "' (table, json, csv)");
        }
    }

    private static Config.Backend backend(String v) throws UsageException {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "auto":
                return Config.Backend.AUTO;
            case "netlink":
                return Config.Backend.NETLINK;
            case "proc":
                return Config.Backend.PROC;
            case "oshi":
                return Config.Backend.OSHI;
            default:
                throw new UsageException("--backend: unknown backend '" + v + "' (auto, netlink, proc, oshi)");
        }
    }

    static int positiveInt(String v, String what) throws UsageException {
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new UsageException(what + ": '" + v + "' is not a whole number of at least 1");
    }

    /** Seconds (fractions allowed) to milliseconds; negative, NaN, infinite or absurd values are errors. */
    static long interval(String v) throws UsageException {
        double seconds;
        try {
            seconds = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        if (Double.isNaN(seconds)
                || seconds < 0
                || seconds > 86_400
                || v.trim().endsWith("d")
                || v.trim().endsWith("f")) {
            throw new UsageException("--interval: '" + v + "' is not a number of seconds from 0 to 86400");
        }
        long ms = Math.round(seconds * 1000);
        if (ms == 0 && seconds > 0) {
            throw new UsageException("--interval: '" + v + "' is shorter than a millisecond");
        }
        return ms;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "bad command line";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The --help text. */
    public static String help() {
        StringWriter w = new StringWriter();
        PrintWriter pw = new PrintWriter(w);
        pw.println("usage: sockscope [--list] [options]");
        pw.println("A netstat-style inspector of the sockets on this machine. Without --list, on a terminal,");
        pw.println("a live view that refreshes every --interval seconds; otherwise one snapshot.");
        pw.println();
        HelpFormatter hf = HelpFormatter.builder().get();
        hf.printOptions(pw, 100, OPTIONS, 2, 3);
        pw.println();
        pw.println("Selection options combine with AND; a list inside one option is OR.");
        pw.println("Network views (-i, -r, --neighbors, --dns, --route-to ADDRESS): see docs/network.md.");
        pw.println("Exit status: 0 sockets shown, 1 nothing matched, 2 usage error, 3 tables unreadable.");
        pw.flush();
        return w.toString();
    }
}
