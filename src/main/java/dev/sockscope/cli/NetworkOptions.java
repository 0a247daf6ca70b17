package dev.sockscope.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * The options of the network views ({@code -i}, {@code -r}, {@code --neighbors}, {@code
 * --dns}, {@code --route-to ADDRESS}), checked on the command line {@link CommandLineParser}
 * parsed: an option of the socket list that means nothing here is a usage error naming it.
 */
public final class NetworkOptions {
    /** The options that go with a network view. */
    private static final Set<Opt> ALLOWED = EnumSet.of(
            Opt.INTERFACES,
            Opt.ROUTES,
            Opt.NEIGHBORS,
            Opt.DNS,
            Opt.ROUTE_TO,
            Opt.INTERFACE,
            Opt.IPV4,
            Opt.IPV6,
            Opt.NUMERIC,
            Opt.FORMAT,
            Opt.JSON,
            Opt.BACKEND,
            Opt.PROC_ROOT,
            Opt.INTERVAL,
            Opt.COUNT,
            Opt.LIST,
            Opt.NO_COLOR);

    private NetworkOptions() {}

    /** Whether a command line asks for a network view: what {@link CommandLineParser} checks. */
    static boolean wanted(CommandLine cl) {
        return cl.hasOption(Opt.INTERFACES.longName())
                || cl.hasOption(Opt.ROUTES.longName())
                || cl.hasOption(Opt.NEIGHBORS.longName())
                || cl.hasOption(Opt.DNS.longName())
                || cl.hasOption(Opt.ROUTE_TO.longName());
    }

    /** The request of a command line that names a network view ({@link #wanted}). */
    public static NetworkRequest parse(String[] args) throws UsageException {
        return from(CommandLineParser.words(args));
    }

    static NetworkRequest from(CommandLine cl) throws UsageException {
        for (Option o : cl.getOptions()) {
            if (!ALLOWED.contains(Opt.byLong(o.getLongOpt()))) {
                throw new UsageException("option '--" + o.getLongOpt()
                        + "' does not go with -i, -r, --neighbors, --dns or --route-to (see docs/network.md)");
            }
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
                cl.hasOption(Opt.IPV4.longName()),
                cl.hasOption(Opt.IPV6.longName()),
                format,
                backend,
                procRoot,
                intervalMs,
                count);
    }
}
