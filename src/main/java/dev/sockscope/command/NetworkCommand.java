package dev.sockscope.command;

import dev.sockscope.cli.Config;
import dev.sockscope.cli.ExitCode;
import dev.sockscope.cli.NetworkRequest;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.net.IfAddress;
import dev.sockscope.net.InterfaceRow;
import dev.sockscope.net.InterfaceRows;
import dev.sockscope.net.Listener;
import dev.sockscope.net.Neighbor;
import dev.sockscope.net.NetException;
import dev.sockscope.net.NetInterface;
import dev.sockscope.net.NetworkSource;
import dev.sockscope.net.Reachability;
import dev.sockscope.net.Resolvers;
import dev.sockscope.net.Route;
import dev.sockscope.net.RouteLookup;
import dev.sockscope.net.linux.NetworkSources;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SocketSources;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import dev.sockscope.view.net.NetworkWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run of a network view ({@code -i}, {@code -r}, {@code --neighbors}, {@code --dns},
 * {@code --route-to}): parse, read, print; returns the exit status (0 something shown, 1
 * nothing matched or no route, 2 usage, 3 unreadable).
 */
public final class NetworkCommand {
    private final Context ctx;
    private final OutputStream stdout;
    private final PrintStream err;
    private final Set<String> notes = new LinkedHashSet<>();

    public NetworkCommand(Context ctx) {
        this.ctx = ctx;
        this.stdout = ctx.stdout();
        this.err = ctx.err();
    }

    public int run(NetworkRequest req) {
        Writer out = new Utf8Writer(stdout);
        NetworkWriter writer = new NetworkWriter(form(req.format()));
        int status;
        try (NetworkSource source = NetworkSources.open(req.backend(), req.procRoot())) {
            try {
                switch (req.view()) {
                    case INTERFACES:
                        status = interfaces(req, source, writer, out);
                        break;
                    case ROUTES:
                        status = routes(req, source, writer, out);
                        break;
                    case NEIGHBORS:
                        status = neighbors(req, source, writer, out);
                        break;
                    case DNS:
                        status = dns(source, writer, out);
                        break;
                    default:
                        status = routeTo(req, source, writer, out);
                }
                out.flush();
            } catch (IOException e) {
                // the reader went away (`sockscope -i | head -1`): stop quietly
                status = ExitCode.OK;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = ExitCode.OK;
            } finally {
                notes.addAll(source.notes());
            }
        } catch (NetException e) {
            printNotes();
            err.println("sockscope: " + e.getMessage());
            return ExitCode.UNREADABLE;
        }
        printNotes();
        return status;
    }

    private void printNotes() {
        for (String n : notes) {
            err.println("sockscope: note: " + n);
        }
    }

    private static NetworkWriter.Form form(Config.Format f) {
        switch (f) {
            case JSON:
                return NetworkWriter.Form.JSON;
            case CSV:
                return NetworkWriter.Form.CSV;
            default:
                return NetworkWriter.Form.TABLE;
        }
    }

    private int interfaces(NetworkRequest req, NetworkSource source, NetworkWriter writer, Writer out)
            throws NetException, IOException, InterruptedException {
        SocketSource sockets = null;
        try {
            sockets = SocketSources.open(
                    req.backend().equals("oshi") ? "oshi" : req.procRoot().equals(Path.of("/proc")) ? "auto" : "proc",
                    req.procRoot(),
                    ctx.users());
        } catch (SourceException e) {
            notes.add("listeners are not shown: " + e.getMessage());
        }
        try {
            boolean shown = false;
            List<NetInterface> previous = null;
            long previousAt = 0;
            for (int i = 0; req.count() == 0 || i < req.count(); i++) {
                if (i > 0 && req.intervalMs() > 0) {
                    Thread.sleep(req.intervalMs());
                }
                long at = System.nanoTime();
                List<NetInterface> all = source.interfaces();
                List<NetInterface> current = new ArrayList<>();
                for (NetInterface n : all) {
                    if (req.interfaces().isEmpty() || req.interfaces().contains(n.name())) {
                        current.add(familyOnly(n, req));
                    }
                }
                List<Route> routes;
                try {
                    routes = source.routes();
                } catch (NetException e) {
                    notes.add("the default route is not marked: " + e.getMessage());
                    routes = List.of();
                }
                Map<String, List<Listener>> listeners = null;
                if (sockets != null) {
                    try {
                        Snapshot snap = sockets.read(new TableSelection(
                                EnumSet.of(Proto.TCP, Proto.UDP, Proto.UDPLITE), EnumSet.of(Family.IPV4, Family.IPV6)));
                        listeners = Reachability.listeners(current, snap.rows());
                    } catch (SourceException e) {
                        notes.add("listeners are not shown: " + e.getMessage());
                    }
                }
                List<InterfaceRow> rows = InterfaceRows.build(previous, current, at - previousAt, routes, listeners);
                String time = req.count() == 1
                        ? null
                        : Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
                if (!rows.isEmpty()) {
                    if (i > 0 && req.format() == Config.Format.TABLE) {
                        out.write('\n');
                    }
                    writer.interfaces(rows, time, !shown, out);
                    shown = true;
                }
                out.flush();
                previous = current;
                previousAt = at;
                if (rows.isEmpty()) {
                    notes.add("no interface is named " + String.join(" or ", req.interfaces()));
                    break;
                }
            }
            return shown ? ExitCode.OK : ExitCode.NO_MATCH;
        } finally {
            if (sockets != null) {
                sockets.close();
            }
        }
    }

    private static NetInterface familyOnly(NetInterface n, NetworkRequest req) {
        if (req.ipv4() == req.ipv6()) {
            return n;
        }
        List<IfAddress> kept = new ArrayList<>();
        for (IfAddress a : n.addresses()) {
            if (req.wantsFamily(a.family())) {
                kept.add(a);
            }
        }
        return n.withAddresses(kept);
    }

    private int routes(NetworkRequest req, NetworkSource source, NetworkWriter writer, Writer out)
            throws NetException, IOException {
        List<Route> shown = new ArrayList<>();
        for (Route r : source.routes()) {
            if (req.wantsFamily(r.family())
                    && (req.interfaces().isEmpty() || req.interfaces().contains(r.iface()))) {
                shown.add(r);
            }
        }
        writer.routes(shown, out);
        return shown.isEmpty() ? ExitCode.NO_MATCH : ExitCode.OK;
    }

    private int neighbors(NetworkRequest req, NetworkSource source, NetworkWriter writer, Writer out)
            throws NetException, IOException {
        List<Neighbor> shown = new ArrayList<>();
        for (Neighbor n : source.neighbors()) {
            if (req.wantsFamily(n.family())
                    && (req.interfaces().isEmpty() || req.interfaces().contains(n.iface()))) {
                shown.add(n);
            }
        }
        writer.neighbors(shown, out);
        return shown.isEmpty() ? ExitCode.NO_MATCH : ExitCode.OK;
    }

    private int dns(NetworkSource source, NetworkWriter writer, Writer out) throws NetException, IOException {
        Resolvers r = source.resolvers();
        notes.addAll(r.unreadable());
        writer.resolvers(r, out);
        boolean any = !r.conf().nameservers().isEmpty()
                || !r.conf().search().isEmpty()
                || (r.upstream() != null && !r.upstream().nameservers().isEmpty());
        if (r.conf().nameservers().isEmpty()) {
            notes.add(r.path() + " names no name server (the resolver then asks 127.0.0.1 and ::1)");
        }
        return any ? ExitCode.OK : ExitCode.NO_MATCH;
    }

    private int routeTo(NetworkRequest req, NetworkSource source, NetworkWriter writer, Writer out)
            throws NetException, IOException {
        RouteLookup l = source.routeTo(req.routeTo());
        writer.routeLookup(l, out);
        if (l.type().equals("unreachable")
                || l.type().equals("blackhole")
                || l.type().equals("prohibit")) {
            notes.add("no route to " + l.destination());
            return ExitCode.NO_MATCH;
        }
        return ExitCode.OK;
    }
}
