package dev.sockscope.command;

import dev.sockscope.action.ConnectionCloser;
import dev.sockscope.action.SockDestroyCloser;
import dev.sockscope.cli.Config;
import dev.sockscope.cli.ExitCode;
import dev.sockscope.cli.Help;
import dev.sockscope.health.CounterReader;
import dev.sockscope.health.HealthWatch;
import dev.sockscope.health.Hint;
import dev.sockscope.health.PortRange;
import dev.sockscope.health.Thresholds;
import dev.sockscope.model.SocketRow;
import dev.sockscope.net.linux.NetworkSources;
import dev.sockscope.query.FilterWords;
import dev.sockscope.service.BundledServiceRegistry;
import dev.sockscope.service.ReverseDns;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.SocketSource;
import dev.sockscope.view.Column;
import dev.sockscope.view.Cut;
import dev.sockscope.view.Notes;
import dev.sockscope.view.live.LiveOptions;
import dev.sockscope.view.live.LiveView;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Starts the live view. A class of its own so that JLine is loaded only when the view runs,
 * never on the {@code --list} path.
 */
public final class LiveCommand {
    /** The terminal cannot host a full-screen view. */
    public static final int UNSUPPORTED = -1;

    private LiveCommand() {}

    /**
     * @return the view's exit status, or {@link #UNSUPPORTED} when the terminal cannot host it
     *         (the caller then prints a snapshot)
     */
    public static int run(
            Config config, SocketSource source, ServiceRegistry registry, Environment env, PrintStream err) {
        ReverseDns dns = config.resolve() ? ReverseDns.create() : null;
        InterfaceTab interfaces = new InterfaceTab(
                () -> NetworkSources.open("auto", config.procRoot()),
                Duration.ofMillis(config.intervalMs()).toNanos(),
                System::nanoTime);
        try {
            boolean root = Context.root();
            boolean ownerSelected = config.filter().selectsByOwner();
            String nsNote = Context.namespaceNote(config);
            // the default columns (no --columns, -e or -o): a wide terminal may add -e's
            List<Column> defaults =
                    Column.defaults(config.numeric(), config.columns().contains(Column.PEER), config.netns() != null);
            boolean auto = config.columns().equals(defaults);
            LiveOptions options = LiveOptions.builder()
                    .source(source)
                    .tables(config.tables())
                    .listening(config.listening())
                    // no selection: no filter, so a frame need not ask each row
                    .baseFilter(
                            config.selection().keepsEverything() ? null : config.selection(),
                            config.selection().toString())
                    .filterParser(words -> FilterWords.parse(words, registry))
                    .services(config.numeric() ? null : registry)
                    .portClasses(registry)
                    .columns(config.columns(), auto)
                    .sort(config.sort(), config.reverse())
                    .wide(config.wide())
                    .cut(Cut.forLocale(env.env()))
                    .notes(Notes.perFrame(root, ownerSelected, nsNote))
                    .interval(Duration.ofMillis(config.intervalMs()))
                    .color(env.colorAllowed() && !config.noColor())
                    .resolver(dns == null ? null : dns::lookup)
                    .hints(hints(config, registry))
                    .keys(Help.LIVE_KEYS)
                    .closer(closer(config))
                    .interfaces(interfaces)
                    .err(err)
                    .build();
            int status = LiveView.run(options);
            if (status == LiveView.UNSUPPORTED) {
                return UNSUPPORTED;
            }
            return status == LiveView.QUIT ? ExitCode.OK : ExitCode.UNREADABLE;
        } finally {
            interfaces.close();
            if (dns != null) {
                dns.close();
            }
        }
    }

    /**
     * What closes a connection for {@code K}: {@code SOCK_DESTROY} over netlink on Linux (the
     * native binding is loaded at the first close; the kernel's answer, EPERM without root
     * included, is what the view shows); elsewhere, or for a captured {@code /proc} tree, one
     * line saying what is missing.
     */
    static ConnectionCloser closer(Config config) {
        if (!config.procRoot().toString().equals("/proc")) {
            return ConnectionCloser.unavailable(
                    "these sockets are read from " + config.procRoot() + ", not this machine's kernel");
        }
        if (!Files.isDirectory(Path.of("/proc/sys/net"))) {
            return ConnectionCloser.unavailable(
                    "closing a connection needs Linux's netlink sock_diag (SOCK_DESTROY); this system has none");
        }
        return new SockDestroyCloser();
    }

    /**
     * The health line's hints: the hints engine's over each read's rows and the kernel's
     * counters, one short line each (its title and where); none when the counters cannot be read.
     */
    private static Function<List<SocketRow>, List<String>> hints(Config config, ServiceRegistry registry) {
        CounterReader counters = CounterReader.forHints(config.procRoot());
        HealthWatch watch = new HealthWatch(Thresholds.DEFAULT);
        PortRange range = registry instanceof BundledServiceRegistry b && b.ephemeralLow() >= 0
                ? new PortRange(b.ephemeralLow(), b.ephemeralHigh())
                : null;
        return rows -> {
            List<String> out = new ArrayList<>();
            try {
                for (Hint h : watch.accept(rows, counters.read(), range).hints()) {
                    out.add(h.kind().title() + (h.where() == null || h.where().isEmpty() ? "" : " " + h.where()));
                }
            } catch (RuntimeException e) {
                // counters this system does not have, or a hint that cannot be made: no hints this read
            }
            return out;
        };
    }
}
