package dev.sockscope.command;

import dev.sockscope.cli.ExitCode;
import dev.sockscope.cli.ModeOptions;
import dev.sockscope.explain.BindProbe;
import dev.sockscope.explain.BindTables;
import dev.sockscope.explain.KernelPorts;
import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import dev.sockscope.view.Sanitizer;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@code --wait-listen} and {@code --wait-free}: polls every {@value #POLL_MS} ms until the
 * condition holds (exit 0) or {@code --timeout} runs out (exit 1). Quiet unless
 * {@code --verbose}.
 *
 * <p>Cheap: each poll reads only the tables of the protocol waited for ({@code tcp} and
 * {@code tcp6} for a listener), without owners ({@link SocketSource#readTables}); owners are
 * read once, at the end, and only for {@code --verbose}.
 *
 * <p>Races: a condition counts only when two consecutive reads, {@value #POLL_MS} ms apart, both
 * show it, so a listener that appears and vanishes between two reads is not reported as up.
 * {@code --wait-free} then confirms with a real bind of the wildcard with {@code SO_REUSEADDR}
 * (closed at once), where this user may bind the port at all.
 */
final class WaitCommand {
    static final long POLL_MS = 100;

    private final SocketSource source;
    private final Path procRoot;
    private final PrintStream err;
    private final LongSupplier clock;

    WaitCommand(SocketSource source, Path procRoot, PrintStream err) {
        this(source, procRoot, err, System::nanoTime);
    }

    WaitCommand(SocketSource source, Path procRoot, PrintStream err, LongSupplier nanoClock) {
        this.source = source;
        this.procRoot = procRoot;
        this.err = err;
        this.clock = nanoClock;
    }

    int run(ModeOptions.ModeConfig config) throws SourceException {
        boolean listen = config.kind() == ModeOptions.Kind.WAIT_LISTEN;
        List<Proto> protos = listen ? List.of(Proto.TCP) : config.request().protos();
        // a port's state and holders: no cgroup paths (a poll reads the tables again and again)
        TableSelection tables =
                new TableSelection(EnumSet.copyOf(protos), EnumSet.of(Family.IPV4, Family.IPV6)).withCgroups(false);
        KernelPorts kernel = source.name().equals("proc") ? KernelPorts.read(procRoot) : KernelPorts.UNKNOWN;
        boolean defaultV6Only = Boolean.TRUE.equals(kernel.bindV6Only());
        int port = listen ? config.target().port() : config.request().port();
        boolean mayBind = Context.root() || !kernel.privileged(port);
        long start = clock.getAsLong();
        long deadline = start + config.timeoutMs() * 1_000_000L;
        int streak = 0;
        List<SocketEntry> seen = List.of();
        while (true) {
            Snapshot snap = source.readTables(tables);
            seen = listen
                    ? listeners(snap, config.target(), defaultV6Only)
                    : blockers(snap, protos, port, defaultV6Only);
            boolean holds = listen ? !seen.isEmpty() : seen.isEmpty();
            streak = holds ? streak + 1 : 0;
            if (streak >= 2 && (listen || !mayBind || bindConfirmed(protos, port))) {
                if (config.verbose()) {
                    say(config, true, seen, clock.getAsLong() - start);
                }
                return ExitCode.OK;
            }
            if (streak >= 2) {
                streak = 0; // the tables say free, a bind says no: a socket elsewhere; keep waiting
            }
            long now = clock.getAsLong();
            if (now - deadline >= 0 && streak == 0) {
                if (config.verbose()) {
                    say(config, false, seen, now - start);
                }
                return ExitCode.NO_MATCH;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCode.NO_MATCH;
            }
        }
    }

    /** TCP listeners a client of the target would reach. */
    static List<SocketEntry> listeners(Snapshot snap, ModeOptions.ListenTarget target, boolean defaultV6Only) {
        List<SocketEntry> out = new ArrayList<>();
        for (SocketRow r : snap.rows()) {
            SocketEntry e = r.entry();
            if (e.proto() != Proto.TCP || e.state() != State.LISTEN || e.localPort() != target.port()) {
                continue;
            }
            boolean match = target.addresses().isEmpty();
            for (int i = 0; i < target.addresses().size() && !match; i++) {
                match = BindTables.overlaps(
                        e, target.families().get(i), target.addresses().get(i), true, defaultV6Only);
            }
            if (match) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Sockets that keep a server from binding the wildcard of either family with
     * {@code SO_REUSEADDR}: listeners, UDP sockets, and connections (TIME_WAIT does not count).
     */
    static List<SocketEntry> blockers(Snapshot snap, List<Proto> protos, int port, boolean defaultV6Only) {
        List<SocketEntry> entries = new ArrayList<>(snap.rows().size());
        for (SocketRow r : snap.rows()) {
            entries.add(r.entry());
        }
        List<SocketEntry> out = new ArrayList<>();
        for (Proto proto : protos) {
            BindTables.Result r =
                    BindTables.check(entries, proto, Family.IPV6, Address.IPV6_ANY, port, false, defaultV6Only);
            if (r.verdict() != BindTables.Verdict.FREE && r.verdict() != BindTables.Verdict.TIME_WAIT_ONLY) {
                out.addAll(r.blocking());
            }
        }
        return out;
    }

    private static boolean bindConfirmed(List<Proto> protos, int port) {
        BindProbe probe = new BindProbe();
        for (Proto proto : protos) {
            try {
                BindProbe.Attempt a = probe.attempt(proto, InetAddress.getByName("::"), port, true);
                if (a.outcome() == BindProbe.Outcome.UNAVAILABLE) {
                    a = probe.attempt(proto, InetAddress.getByName("0.0.0.0"), port, true);
                }
                if (!a.bound()) {
                    return false;
                }
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // literals: never looked up
            }
        }
        return true;
    }

    /** The --verbose line: what was seen, with owners read once now. */
    private void say(ModeOptions.ModeConfig config, boolean ok, List<SocketEntry> seen, long elapsedNs) {
        String after = String.format(Locale.ROOT, "%.2f s", elapsedNs / 1e9);
        String what = config.kind() == ModeOptions.Kind.WAIT_LISTEN
                ? config.target().text()
                : config.request().port() + "/" + protoText(config.request().protos());
        StringBuilder b = new StringBuilder("sockscope: ");
        if (config.kind() == ModeOptions.Kind.WAIT_LISTEN) {
            b.append(
                    ok
                            ? what + " is listening after " + after
                            : "timed out after " + after + ": nothing listens on " + what);
        } else {
            b.append(
                    ok
                            ? "port " + what + " is free after " + after
                            : "timed out after " + after + ": port " + what + " is still held");
        }
        if (!seen.isEmpty()) {
            b.append(": ").append(describe(seen));
        }
        err.println(b);
    }

    private String describe(List<SocketEntry> seen) {
        List<Holder> holders = new ArrayList<>();
        try {
            Snapshot full = source.read(
                    new TableSelection(EnumSet.of(seen.get(0).proto()), EnumSet.of(Family.IPV4, Family.IPV6))
                            .withCgroups(false));
            for (SocketRow r : full.rows()) {
                if (r.entry().inode() > 0 && r.entry().inode() == seen.get(0).inode()) {
                    holders.addAll(r.holders());
                }
            }
        } catch (SourceException e) {
            // the owners are a courtesy of --verbose: say what the tables showed
        }
        SocketEntry e = seen.get(0);
        StringBuilder b = new StringBuilder();
        b.append(e.proto().name().toLowerCase(Locale.ROOT))
                .append(' ')
                .append(
                        e.family() == Family.IPV6
                                ? "[" + e.localAddress().text() + "]"
                                : e.localAddress().text())
                .append(':')
                .append(e.localPort())
                .append(' ')
                .append(e.state().name());
        for (Holder h : holders) {
            b.append(", pid ").append(h.pid()).append('/').append(Sanitizer.clean(h.process()));
        }
        if (seen.size() > 1) {
            b.append(" and ").append(seen.size() - 1).append(" more");
        }
        return b.toString();
    }

    private static String protoText(List<Proto> protos) {
        StringBuilder b = new StringBuilder();
        for (Proto p : protos) {
            b.append(b.length() > 0 ? "+" : "").append(p.name().toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }
}
