package dev.sockscope.command;

import dev.sockscope.cli.Config;
import dev.sockscope.cli.ExitCode;
import dev.sockscope.export.FreshReadings;
import dev.sockscope.export.Reading;
import dev.sockscope.export.Units;
import dev.sockscope.export.serve.MetricsEndpoint;
import dev.sockscope.export.serve.SocketMetrics;
import dev.sockscope.health.CounterReader;
import dev.sockscope.health.Counters;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SourceException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code --serve [ADDR:]PORT}: the metrics endpoint, until the process is stopped. A class of its
 * own, referenced only by the dispatch, so the Prometheus client is loaded on this path only.
 * Each scrape gets a reading at most {@code --interval} old ({@link FreshReadings}), with the
 * command line's selection applied.
 */
public final class ServeCommand {
    private ServeCommand() {}

    public static int run(Config config, SocketSource source, Context ctx) {
        ServiceRegistry registry = ctx.registry();
        PrintStream err = ctx.err();
        InetAddress address;
        try {
            // a literal (checked by the parser): no name lookup happens
            address = InetAddress.getByName(config.export().serveHost());
        } catch (IOException e) {
            err.println("sockscope: --serve: '" + config.export().serveHost() + "' is not an address");
            return ExitCode.USAGE;
        }
        Path procRoot = config.procRoot();
        FreshReadings readings =
                new FreshReadings(() -> read(config, source, procRoot), config.intervalMs(), System::currentTimeMillis);
        try {
            readings.get(); // the tables must be readable before anyone scrapes
        } catch (SourceException e) {
            err.println("sockscope: " + e.getMessage());
            return ExitCode.UNREADABLE;
        } catch (Exception e) {
            err.println("sockscope: cannot read the connection tables: " + e);
            return ExitCode.UNREADABLE;
        }
        SocketMetrics metrics = new SocketMetrics(
                readings::get,
                registry,
                pid -> Units.of(procRoot, pid),
                config.export().connectionLimit(),
                System::currentTimeMillis);
        String where = address.getHostAddress().indexOf(':') >= 0
                ? "[" + address.getHostAddress() + "]"
                : address.getHostAddress();
        MetricsEndpoint endpoint;
        try {
            endpoint = MetricsEndpoint.start(address, config.export().servePort(), metrics);
        } catch (IOException e) {
            err.println("sockscope: --serve: cannot listen on " + where + ":"
                    + config.export().servePort() + ": " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (!address.isLoopbackAddress()) {
            err.println("sockscope: note: --serve " + where + ":" + endpoint.port()
                    + " is reachable from other hosts, not only this one: the metrics name this host's"
                    + " programs, listeners and (with --serve-connections) peers");
        }
        err.println("sockscope: serving http://" + where + ":" + endpoint.port() + "/metrics");
        err.flush();
        try {
            new CountDownLatch(1).await(); // until SIGTERM or SIGINT ends the JVM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endpoint.close();
        return ExitCode.OK;
    }

    private static Reading read(Config config, SocketSource source, Path procRoot) throws SourceException {
        long t0 = System.nanoTime();
        Snapshot snap = source.read(config.tables());
        List<SocketRow> rows = new ArrayList<>(snap.rows().size());
        for (SocketRow r : snap.rows()) {
            if (config.filter().test(r)) {
                rows.add(r);
            }
        }
        Counters counters = new CounterReader(procRoot).read();
        return new Reading(
                rows,
                counters,
                System.currentTimeMillis(),
                System.nanoTime() - t0,
                snap.unparsedLines(),
                snap.hiddenOwners());
    }
}
