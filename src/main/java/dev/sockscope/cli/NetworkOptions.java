package dev.sockscope.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.cli.AlreadySelectedException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * The command line of the network views ({@code -i}, {@code -r}, {@code --neighbors}, {@code
 * --dns}, {@code --route-to ADDRESS}) and the options that go with them. {@link
 * CommandLineParser} sends a command line here when it names one of the views; an option of
 * the socket list that means nothing here is a usage error naming it.
 */
public final class NetworkOptions {
    private static final Options OPTIONS = options();

    private NetworkOptions() {}

    private static Options options() {
        Options o = new Options();
        o.addOption("i", "interfaces", false, "interfaces: state, MTU, MAC, addresses, counters, listeners");
        o.addOption("r", "routes", false, "routing tables, IPv4 and IPv6");
        o.addOption(null, "neighbors", false, "ARP and NDP neighbour caches");
        o.addOption(null, "dns", false, "resolvers and search domains");
        o.addOption(valued("route-to", "ADDRESS", "the route, interface and source address to ADDRESS"));
        o.addOption(valued("interface", "NAME", "only these interfaces (comma-separated)"));
        o.addOption("4", "ipv4", false, "IPv4 only");
        o.addOption("6", "ipv6", false, "IPv6 only");
        o.addOption("n", "numeric", false, "accepted; addresses are always numeric");
        o.addOption(valued("format", "FORMAT", "table, json, csv"));
        o.addOption(null, "json", false, "short for --format json");
        o.addOption(valued("backend", "NAME", "auto, proc, netlink, oshi"));
        o.addOption(valued("proc-root", "DIR", "read a captured /proc tree (and ../sys beside it)"));
        o.addOption(valued("interval", "SECONDS", "with -i: time between readings (rates)"));
        o.addOption(valued("count", "N", "with -i: number of readings"));
        o.addOption(null, "list", false, "accepted; network views are always one-shot");
        o.addOption(null, "no-color", false, "accepted; network views have no colour");
        return o;
    }

    private static Option valued(String longName, String arg, String description) {
        return Option.builder()
                .longOpt(longName)
                .hasArg()
                .argName(arg)
                .desc(description)
                .build();
    }

    /** Whether a command line asks for a network view: what {@link CommandLineParser} checks. */
    static boolean wanted(CommandLine cl) {
        return cl.hasOption(Opt.INTERFACES.longName())
                || cl.hasOption(Opt.ROUTES.longName())
                || cl.hasOption(Opt.NEIGHBORS.longName())
                || cl.hasOption(Opt.DNS.longName())
                || cl.hasOption(Opt.ROUTE_TO.longName());
    }

    public static NetworkRequest parse(String[] args) throws UsageException {
        CommandLine cl;
        try {
            // the words made canonical as for the socket list: -rn, abbreviations, suggestions
            cl = DefaultParser.builder()
                    .setAllowPartialMatching(false)
                    .build()
                    .parse(OPTIONS, Tokens.of(args).canonical().toArray(new String[0]));
        } catch (UnrecognizedOptionException e) {
            throw new UsageException("option '" + e.getOption()
                    + "' does not go with -i, -r, --neighbors, --dns or --route-to (see docs/network.md)");
        } catch (MissingArgumentException e) {
            throw new UsageException("option '--" + e.getOption().getLongOpt() + "' needs a value");
        } catch (AlreadySelectedException e) {
            throw new UsageException(e.getMessage());
        } catch (ParseException e) {
            String m = e.getMessage() == null ? "bad command line" : e.getMessage();
            int nl = m.indexOf('\n');
            throw new UsageException(nl < 0 ? m : m.substring(0, nl));
        }
        if (!cl.getArgList().isEmpty()) {
            throw new UsageException("unexpected argument '" + cl.getArgList().get(0) + "' (see --help)");
        }
        List<NetworkRequest.View> views = new ArrayList<>();
        if (cl.hasOption("interfaces")) {
            views.add(NetworkRequest.View.INTERFACES);
        }
        if (cl.hasOption("neighbors")) {
            views.add(NetworkRequest.View.NEIGHBORS);
        }
        if (cl.hasOption("dns")) {
            views.add(NetworkRequest.View.DNS);
        }
        if (cl.hasOption("route-to")) {
            views.add(NetworkRequest.View.ROUTE_TO); // -r with --route-to: the lookup
        } else if (cl.hasOption("routes")) {
            views.add(NetworkRequest.View.ROUTES);
        }
        if (views.size() != 1) {
            throw new UsageException("choose one of -i, -r, --neighbors, --dns, --route-to");
        }
        NetworkRequest.View view = views.get(0);
        byte[] routeTo = null;
        if (view == NetworkRequest.View.ROUTE_TO) {
            String v = cl.getOptionValue("route-to");
            routeTo = dev.sockscope.net.Addresses.parse(v);
            if (routeTo == null) {
                throw new UsageException("--route-to: '" + v + "' is not an IPv4 or IPv6 address");
            }
        }
        Set<String> ifaces = new LinkedHashSet<>();
        String[] iv = cl.getOptionValues("interface");
        if (iv != null) {
            for (String v : iv) {
                for (String name : v.split(",", -1)) {
                    if (name.isBlank()) {
                        throw new UsageException("--interface: empty interface name in '" + v + "'");
                    }
                    ifaces.add(name.strip());
                }
            }
        }
        if (!ifaces.isEmpty() && (view == NetworkRequest.View.DNS || view == NetworkRequest.View.ROUTE_TO)) {
            throw new UsageException(
                    "--interface does not go with " + (view == NetworkRequest.View.DNS ? "--dns" : "--route-to"));
        }
        Config.Format format = Config.Format.TABLE;
        if (cl.hasOption("format")) {
            String f = cl.getOptionValue("format");
            switch (f.toLowerCase(Locale.ROOT)) {
                case "table":
                    break;
                case "json":
                    format = Config.Format.JSON;
                    break;
                case "csv":
                    format = Config.Format.CSV;
                    break;
                default:
                    throw new UsageException("--format: unknown format '" + f + "' (table, json, csv)");
            }
        }
        if (cl.hasOption("json")) {
            if (cl.hasOption("format") && format != Config.Format.JSON) {
                throw new UsageException("--json contradicts --format " + cl.getOptionValue("format"));
            }
            format = Config.Format.JSON;
        }
        String backend = "auto";
        if (cl.hasOption("backend")) {
            backend = cl.getOptionValue("backend").toLowerCase(Locale.ROOT);
            if (!List.of("auto", "proc", "netlink", "oshi").contains(backend)) {
                throw new UsageException("--backend: unknown backend '" + cl.getOptionValue("backend")
                        + "' (auto, proc, netlink, oshi)");
            }
        }
        Path procRoot = Path.of("/proc");
        if (cl.hasOption("proc-root")) {
            String dir = cl.getOptionValue("proc-root");
            if (dir.isEmpty()) {
                throw new UsageException("--proc-root: empty directory name");
            }
            if (backend.equals("oshi") || backend.equals("netlink")) {
                throw new UsageException("--proc-root reads a /proc tree: it does not go with --backend " + backend);
            }
            procRoot = Path.of(dir);
        }
        boolean repeats = cl.hasOption("interval") || cl.hasOption("count");
        if (repeats && view != NetworkRequest.View.INTERFACES) {
            throw new UsageException("--interval and --count repeat -i only");
        }
        long intervalMs = 1000;
        if (cl.hasOption("interval")) {
            intervalMs = CommandLineParser.interval(cl.getOptionValue("interval"));
            if (intervalMs == 0 && !cl.hasOption("count")) {
                throw new UsageException("--interval 0 is allowed only with --count N");
            }
        }
        int count = 1;
        if (cl.hasOption("count")) {
            count = CommandLineParser.positiveInt(cl.getOptionValue("count"), "--count");
        } else if (cl.hasOption("interval")) {
            count = 0;
        }
        return new NetworkRequest(
                view,
                routeTo,
                ifaces,
                cl.hasOption("4"),
                cl.hasOption("6"),
                format,
                backend,
                procRoot,
                intervalMs,
                count);
    }
}
