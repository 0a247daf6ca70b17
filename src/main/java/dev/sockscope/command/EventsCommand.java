package dev.sockscope.command;

import dev.sockscope.cli.Config;
import dev.sockscope.cli.ExitCode;
import dev.sockscope.export.EventLines;
import dev.sockscope.export.EventTracker;
import dev.sockscope.health.CounterReader;
import dev.sockscope.health.Counters;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SourceException;
import dev.sockscope.view.Fields;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * {@code --events}: a reading every {@code --interval}, and a JSON line for every socket opened,
 * closed or changing state since the last one ({@link EventTracker}, {@link EventLines}), until
 * stopped or {@code --count} readings after the first.
 *
 * <p>Each interval's lines are written with one call and flushed, under a lock that a shutdown
 * hook (SIGINT, SIGTERM) takes before the JVM ends: a line is written whole or not at all. A
 * reader that goes away (a closed pipe; the JVM ignores SIGPIPE, so it is an error on write) ends
 * the stream quietly with status 0.
 */
public final class EventsCommand {
    private final Object writing = new Object();
    private volatile boolean stopped;

    private EventsCommand() {}

    public static int run(Config config, SocketSource source, Context ctx) {
        return new EventsCommand().loop(config, source, ctx.registry(), ctx.stdout(), ctx.err());
    }

    private int loop(
            Config config, SocketSource source, ServiceRegistry registry, OutputStream stdout, PrintStream err) {
        Predicate<SocketRow> filter = config.filter();
        EventTracker tracker = new EventTracker(filter);
        EventLines lines = new EventLines(new Fields(registry, !config.numeric()));
        boolean tcp = config.tables().protos().contains(Proto.TCP);
        long interval = config.intervalMs();
        int count = config.export().eventsCount();
        Thread hook = new Thread(
                () -> {
                    synchronized (writing) {
                        stopped = true;
                    }
                },
                "sockscope-events-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Snapshot first;
            try {
                first = source.read(config.tables());
            } catch (SourceException e) {
                err.println("sockscope: " + e.getMessage());
                return ExitCode.UNREADABLE;
            }
            long lastAt = System.currentTimeMillis();
            CounterReader reader = new CounterReader(config.procRoot());
            Counters counters = reader.read();
            Long lastOpens = tcp ? opens(counters) : null;
            tracker.accept(first.rows());
            if (!write(stdout, lines.start(lastAt, interval, lastOpens != null))) {
                return ExitCode.OK;
            }
            long start = System.nanoTime();
            for (long i = 1; count == 0 || i <= count; i++) {
                long due = start + i * interval * 1_000_000L;
                long wait = due - System.nanoTime();
                if (Thread.currentThread().isInterrupted()) {
                    // interrupted during a reading (its file reads keep the flag): with readings
                    // longer than the interval no sleep would ever see it
                    return ExitCode.OK;
                }
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                } else if (Thread.interrupted()) {
                    // behind schedule (readings slower than the interval): no sleep to wake
                    throw new InterruptedException();
                }
                StringBuilder b = new StringBuilder();
                Snapshot snap;
                long now;
                try {
                    snap = source.read(config.tables());
                    now = System.currentTimeMillis();
                } catch (SourceException e) {
                    b.append(lines.readFailed(System.currentTimeMillis(), lastAt, e.getMessage()));
                    if (!write(stdout, b.toString())) {
                        return ExitCode.OK;
                    }
                    continue;
                }
                Counters c = tcp ? reader.read() : Counters.NONE;
                for (EventTracker.Event e : tracker.accept(snap.rows())) {
                    b.append(lines.event(now, e));
                }
                Long opens = opens(c);
                if (lastOpens != null && opens != null) {
                    long kernel = opens - lastOpens;
                    if (kernel > tracker.tcpOpensSeen()) {
                        b.append(lines.gap(now, lastAt, kernel, tracker.tcpOpensSeen()));
                    }
                }
                lastOpens = opens;
                lastAt = now;
                if (b.length() > 0 && !write(stdout, b.toString())) {
                    return ExitCode.OK;
                }
            }
            return ExitCode.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running or has run
            }
        }
    }

    /** {@code ActiveOpens + PassiveOpens}, or null when the kernel does not tell. */
    private static Long opens(Counters c) {
        Long a = c.get("TcpActiveOpens");
        Long p = c.get("TcpPassiveOpens");
        return a == null || p == null ? null : a + p;
    }

    /** Writes whole lines and flushes; false when the reader is gone or the JVM is stopping. */
    private boolean write(OutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        synchronized (writing) {
            if (stopped) {
                return false;
            }
            try {
                out.write(bytes);
                out.flush();
                return true;
            } catch (IOException e) {
                return false; // nobody reads any more (`sockscope --events | head -5`)
            }
        }
    }
}
