package dev.sockscope.cli;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.query.AddressSet;
import dev.sockscope.query.Filter;
import dev.sockscope.query.Interfaces;
import dev.sockscope.query.Lists;
import dev.sockscope.query.PortSet;
import dev.sockscope.query.QueryException;
import dev.sockscope.query.SortKey;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.TableSelection;
import dev.sockscope.view.Column;
import dev.sockscope.view.Sanitizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * The command line, parsed into a {@link Config}: {@link Tokens} makes
 * netstat's and ss's habits canonical, Commons CLI parses the canonical words against the
 * {@link Opt} table, and this class checks every value. Every error is a {@link UsageException}
 * whose one-line message names the bad option or value.
 */
public final class CommandLineParser {
    private static final Options OPTIONS = options();

    private CommandLineParser() {}

    private static Options options() {
        Options o = new Options();
        for (Opt opt : Opt.values()) {
            Option.Builder b = Option.builder().longOpt(opt.longName()).desc(opt.help());
            if (opt.takesValue()) {
                b.hasArg().argName(opt.argName());
            }
            o.addOption(b.build());
        }
        return o;
    }

    /** What the parser looks up while it checks values. */
    public interface Lookups {
        /** The port registry, asked only when a port list names a service. */
        ServiceRegistry services();

        /** True when {@code name} is a user of this host (an unknown name is a usage error). */
        boolean knowsUser(String name);
    }

    /** For tests: every user name is known. */
    public static Config parse(String[] args, Supplier<ServiceRegistry> services) throws UsageException {
        return parse(args, new Lookups() {
            @Override
            public ServiceRegistry services() {
                return services.get();
            }

            @Override
            public boolean knowsUser(String name) {
                return true;
            }
        });
    }

    /**
     * The one parse of a command line: {@link Tokens} makes the words canonical, Commons CLI
     * reads them against the {@link Opt} table. The modes with options of their own (the port
     * modes, the network views) check what they were given in {@link ModeOptions} and
     * {@link NetworkOptions}.
     */
    static CommandLine words(String[] args) throws UsageException {
        Tokens tokens = Tokens.of(args);
        try {
            return DefaultParser.builder()
                    .setAllowPartialMatching(false)
                    .build()
                    .parse(OPTIONS, tokens.canonical().toArray(new String[0]));
        } catch (MissingArgumentException e) {
            throw new UsageException("option '--" + e.getOption().getLongOpt() + "' needs a value");
        } catch (ParseException e) {
            // Tokens checked every word already; this is a safety net with the same wording
            throw new UsageException(firstLine(e.getMessage()));
        }
    }

    public static Config parse(String[] args, Lookups lookups) throws UsageException {
        CommandLine cl = words(args);
        Config.Builder c = Config.builder();
        if (ModeOptions.wanted(cl)) {
            return c.mode(Config.Mode.PORT)
                    .ports(ModeOptions.from(cl, lookups::services))
                    .build();
        }
        if (has(cl, Opt.HELP)) {
            return c.mode(Config.Mode.HELP).build();
        }
        if (has(cl, Opt.VERSION)) {
            return c.mode(Config.Mode.VERSION).build();
        }
        if (NetworkOptions.wanted(cl)) {
            return c.mode(Config.Mode.NETWORK).network(NetworkOptions.from(cl)).build();
        }

        Set<Proto> protos = EnumSet.noneOf(Proto.class);
        if (has(cl, Opt.TCP)) {
            protos.add(Proto.TCP);
        }
        if (has(cl, Opt.UDP)) {
            protos.add(Proto.UDP);
            protos.add(Proto.UDPLITE);
        }
        if (has(cl, Opt.RAW)) {
            protos.add(Proto.RAW);
        }
        if (has(cl, Opt.UNIX)) {
            protos.add(Proto.UNIX);
        }
        boolean protosChosen = !protos.isEmpty();
        if (!protosChosen) {
            protos = EnumSet.of(Proto.TCP, Proto.UDP, Proto.UDPLITE);
        }
        Set<Family> families = EnumSet.noneOf(Family.class);
        if (has(cl, Opt.IPV4)) {
            families.add(Family.IPV4);
        }
        if (has(cl, Opt.IPV6)) {
            families.add(Family.IPV6);
        }
        boolean familiesChosen = !families.isEmpty();
        if (!familiesChosen) {
            families = EnumSet.of(Family.IPV4, Family.IPV6);
        }

        Filter.Builder f = new Filter.Builder();
        Pushdown push = new Pushdown(); // the same conditions, for a source that selects in the kernel
        try {
            selection(cl, f, push, lookups);
        } catch (QueryException e) {
            throw new UsageException(e.getMessage());
        }
        // the live view toggles protocol, family and listening itself: it gets the rest apart
        Filter selection = f.build();
        if (protosChosen) {
            f.protos(protos);
        }
        if (familiesChosen) {
            f.families(families);
        }
        boolean listening = has(cl, Opt.LISTENING);
        f.listening(listening);
        c.tables(push.apply(new TableSelection(protos, families)))
                .filter(f.build())
                .selection(selection)
                .listening(listening);

        Config.Format format = Config.Format.TABLE;
        if (has(cl, Opt.FORMAT)) {
            format = format(value(cl, Opt.FORMAT));
        }
        if (has(cl, Opt.JSON)) {
            if (has(cl, Opt.FORMAT) && format != Config.Format.JSON) {
                throw new UsageException("--json contradicts --format " + value(cl, Opt.FORMAT));
            }
            format = Config.Format.JSON;
        }
        c.format(format);
        Config.Backend backend = Config.Backend.AUTO;
        if (has(cl, Opt.BACKEND)) {
            backend = backend(value(cl, Opt.BACKEND));
        }
        c.backend(backend);
        if (has(cl, Opt.PROC_ROOT)) {
            String dir = value(cl, Opt.PROC_ROOT);
            if (dir.isEmpty()) {
                throw new UsageException("--proc-root: empty directory name");
            }
            if (backend == Config.Backend.OSHI || backend == Config.Backend.NETLINK) {
                throw new UsageException("--proc-root reads a /proc tree: it does not go with --backend "
                        + backend.name().toLowerCase(Locale.ROOT));
            }
            c.procRoot(Path.of(dir));
        }
        String netns = has(cl, Opt.NETNS) ? netns(value(cl, Opt.NETNS)) : null;
        if (netns != null) {
            if (has(cl, Opt.PROC_ROOT)) {
                throw new UsageException("--netns reads this machine's namespaces: it does not go with --proc-root");
            }
            if (backend == Config.Backend.OSHI) {
                throw new UsageException("--netns reads Linux network namespaces: it does not go with --backend oshi");
            }
            c.netns(netns);
        }

        boolean continuous = has(cl, Opt.CONTINUOUS);
        boolean list =
                has(cl, Opt.LIST) || has(cl, Opt.FORMAT) || has(cl, Opt.JSON) || has(cl, Opt.COUNT) || continuous;
        list |= has(cl, Opt.SUMMARY); // -s --interval N repeats until interrupted, as --list does
        int count = 1; // also when not a terminal: the fallback of the live view is one snapshot
        if (has(cl, Opt.COUNT)) {
            count = positiveInt(value(cl, Opt.COUNT), "--count");
        } else if (list && (has(cl, Opt.INTERVAL) || continuous)) {
            count = 0; // like netstat -c: repeat until interrupted
        }
        long intervalMs = 1000;
        if (has(cl, Opt.INTERVAL)) {
            intervalMs = interval(value(cl, Opt.INTERVAL));
            if (intervalMs == 0 && !(list && has(cl, Opt.COUNT))) {
                throw new UsageException("--interval 0 is allowed only with --list --count N");
            }
        }
        c.mode(list ? Config.Mode.LIST : Config.Mode.AUTO).count(count).intervalMs(intervalMs);
        Config.Mode health = healthMode(cl);
        if (health != null) {
            c.mode(health);
        }

        boolean numeric = has(cl, Opt.NUMERIC);
        // the Peer column for ss -x's habit (unix alone), where the source can fill it (not /proc)
        boolean peers = protos.equals(EnumSet.of(Proto.UNIX))
                && !has(cl, Opt.PROC_ROOT)
                && backend != Config.Backend.PROC
                && backend != Config.Backend.OSHI;
        List<Column> columns = columns(cl, numeric, peers, netns != null);
        c.columns(columns).wide(has(cl, Opt.WIDE)).numeric(numeric);

        // every namespace: the rows of each together, in the Netns column's text order
        SortKey sort = "all".equals(netns) ? SortKey.NETNS : SortKey.PROTO;
        if (has(cl, Opt.SORT)) {
            Column col = Column.byKey(value(cl, Opt.SORT));
            SortKey key = col != null ? col.sortKey() : SortKey.parse(value(cl, Opt.SORT));
            if (key == null) {
                throw new UsageException(
                        "--sort: unknown column '" + value(cl, Opt.SORT) + "' (" + Column.keys() + ")");
            }
            sort = key;
        }
        c.export(ExportArgs.parse(cl));
        return c.sort(sort)
                .reverse(has(cl, Opt.REVERSE))
                .resolve(has(cl, Opt.RESOLVE))
                .noColor(has(cl, Opt.NO_COLOR))
                .build();
    }

    /** {@code -s}, {@code --pids} or {@code --kill} (one at most; {@code --yes} only with {@code --kill}), else null. */
    private static Config.Mode healthMode(CommandLine cl) throws UsageException {
        Opt chosen = null;
        for (Opt o : new Opt[] {Opt.SUMMARY, Opt.PIDS, Opt.KILL}) {
            if (has(cl, o)) {
                if (chosen != null) {
                    throw new UsageException(chosen + " and " + o + " do not go together");
                }
                chosen = o;
            }
        }
        if (has(cl, Opt.YES) && chosen != Opt.KILL) {
            throw new UsageException("--yes goes with --kill");
        }
        if ((chosen == Opt.PIDS || chosen == Opt.KILL)
                && (has(cl, Opt.FORMAT) || has(cl, Opt.JSON) || has(cl, Opt.COUNT) || has(cl, Opt.CONTINUOUS))) {
            throw new UsageException(
                    chosen + " prints pids and outcomes only: it takes no --format, --json or --count");
        }
        if (chosen == Opt.KILL && has(cl, Opt.PROC_ROOT)) {
            throw new UsageException("--kill acts on this machine's processes: it does not go with --proc-root");
        }
        if (chosen == null) {
            return null;
        }
        switch (chosen) {
            case SUMMARY:
                return Config.Mode.SUMMARY;
            case PIDS:
                return Config.Mode.PIDS;
            default:
                return has(cl, Opt.YES) ? Config.Mode.KILL_CONFIRMED : Config.Mode.KILL;
        }
    }

    /**
     * {@code --columns} when given (every key in order; {@code -n} does not remove a Service
     * column asked for by name); else {@link Column#defaults}, with {@code -e}'s after the state
     * and {@code -o}'s timer at the end.
     */
    private static List<Column> columns(CommandLine cl, boolean numeric, boolean unix, boolean netns)
            throws UsageException {
        if (has(cl, Opt.COLUMNS)) {
            List<Column> out = new ArrayList<>();
            for (String v : cl.getOptionValues(Opt.COLUMNS.longName())) {
                for (String k : v.split(",", -1)) {
                    Column col = Column.byKey(k);
                    if (col == null) {
                        throw new UsageException(
                                "--columns: unknown column '" + k.trim() + "' (" + Column.keys() + ")");
                    }
                    if (!out.contains(col)) {
                        out.add(col);
                    }
                }
            }
            return out;
        }
        List<Column> out = Column.defaults(numeric, unix, netns);
        if (has(cl, Opt.EXTENDED)) {
            out.addAll(out.indexOf(Column.STATE) + 1, Column.EXTENDED);
        }
        if (has(cl, Opt.TIMERS)) {
            out.add(Column.TIMER);
        }
        return out;
    }

    private static void selection(CommandLine cl, Filter.Builder f, Pushdown push, Lookups lookups)
            throws QueryException {
        for (String v : values(cl, Opt.PORT)) {
            f.anyPort(push.any(PortSet.parse(v, "--port", lookups.services())));
        }
        for (String v : values(cl, Opt.LOCAL_PORT)) {
            f.localPort(push.local(PortSet.parse(v, "--local-port", lookups.services())));
        }
        for (String v : values(cl, Opt.REMOTE_PORT)) {
            f.remotePort(push.remote(PortSet.parse(v, "--remote-port", lookups.services())));
        }
        for (String v : values(cl, Opt.ADDRESS)) {
            f.anyAddress(AddressSet.parse(v, "--address"));
        }
        for (String v : values(cl, Opt.LOCAL_ADDRESS)) {
            f.localAddress(AddressSet.parse(v, "--local-address"));
        }
        for (String v : values(cl, Opt.REMOTE_ADDRESS)) {
            f.remoteAddress(AddressSet.parse(v, "--remote-address"));
        }
        for (String v : values(cl, Opt.INTERFACE)) {
            f.iface(Interfaces.lookup(v.trim(), "--interface"));
        }
        f.exposed(has(cl, Opt.EXPOSED));
        for (String v : values(cl, Opt.PID)) {
            f.pids(Lists.pids(v, "--pid"));
        }
        for (String v : values(cl, Opt.PROCESS)) {
            f.process(v);
        }
        for (String v : values(cl, Opt.STATE)) {
            f.states(push.states(Lists.states(v, "--state")));
        }
        for (String v : values(cl, Opt.USER)) {
            String u = v.trim();
            if (u.isEmpty()) {
                throw new QueryException("--user: empty user name");
            }
            if (!u.chars().allMatch(Character::isDigit) && !lookups.knowsUser(u)) {
                throw new QueryException("--user: no user '" + u + "' on this host");
            }
            f.user(u);
        }
    }

    private static boolean has(CommandLine cl, Opt o) {
        return cl.hasOption(o.longName());
    }

    private static String value(CommandLine cl, Opt o) {
        String[] v = cl.getOptionValues(o.longName());
        return v[v.length - 1];
    }

    private static String[] values(CommandLine cl, Opt o) {
        String[] v = cl.getOptionValues(o.longName());
        return v == null ? new String[0] : v;
    }

    /**
     * A {@code --netns} value: {@code all}, {@code host}, a pid (digits) or a name as
     * {@code ip netns} allows it (no {@code /}, not {@code .} or {@code ..}, no control
     * characters). Whether it exists is the source's to say.
     */
    static String netns(String v) throws UsageException {
        if (v.isEmpty()) {
            throw new UsageException("--netns: empty namespace name (a name in /run/netns, a pid, host or all)");
        }
        boolean bad = v.equals(".") || v.equals("..") || v.length() > 255;
        for (int i = 0; i < v.length() && !bad; i++) {
            char ch = v.charAt(i);
            bad = ch == '/' || ch < 0x20 || ch == 0x7f;
        }
        if (bad) {
            throw new UsageException("--netns: '" + Sanitizer.clean(v)
                    + "' is not a namespace name (a name in /run/netns, a pid, host or all)");
        }
        return v;
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
        String t = v.trim();
        if (!t.isEmpty() && t.length() <= 9 && t.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(t);
            if (n > 0) {
                return n;
            }
        }
        throw new UsageException(what + ": '" + v + "' is not a whole number of at least 1");
    }

    /**
     * Seconds as plain decimal text ({@code 2}, {@code 0.5}, {@code .25}) to milliseconds;
     * anything else ({@code 1D}, {@code 0x1p3}, {@code 1e9}, {@code NaN}, negative, above a day)
     * is an error.
     */
    static long interval(String v) throws UsageException {
        String t = v.trim();
        boolean plain = !t.isEmpty() && t.length() <= 12 && !t.equals(".");
        int dots = 0;
        for (int i = 0; plain && i < t.length(); i++) {
            char ch = t.charAt(i);
            if (ch == '.') {
                dots++;
            } else if (ch < '0' || ch > '9') {
                plain = false;
            }
        }
        double seconds = plain && dots <= 1 ? Double.parseDouble(t) : Double.NaN;
        if (Double.isNaN(seconds) || seconds > 86_400) {
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

    /** The {@code --help} text, made from the {@link Opt} table. */
    public static String help() {
        return Help.text();
    }
}
