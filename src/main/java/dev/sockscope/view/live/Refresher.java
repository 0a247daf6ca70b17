package dev.sockscope.view.live;

import dev.sockscope.model.Snapshot;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import java.time.Clock;

/**
 * The worker: reads the tables every interval (at once when a toggle needs a table not read
 * yet), prepares a {@link Frame} for the newest settings, and publishes it on the
 * {@link Exchange}. {@link #step()} is one turn and is what the tests call, with a hand-moved
 * {@link Ticker}; {@link #run()} is the thread's body: turns, and waits in between.
 */
final class Refresher implements Runnable {
    private final SocketSource source;
    private final Preparer preparer;
    private final Exchange exchange;
    private final Ticker ticker;
    private final Clock clock;
    private final long intervalNanos;
    private final Runnable betweenReads;
    private long due;
    private long prepared;
    private boolean started;

    /**
     * @param betweenReads runs after each read's frame is published (the heap trim); never null
     */
    Refresher(
            SocketSource source,
            Preparer preparer,
            Exchange exchange,
            Ticker ticker,
            Clock clock,
            long intervalNanos,
            Runnable betweenReads) {
        this.source = source;
        this.preparer = preparer;
        this.exchange = exchange;
        this.ticker = ticker;
        this.clock = clock;
        this.intervalNanos = intervalNanos;
        this.betweenReads = betweenReads;
    }

    @Override
    public void run() {
        try {
            while (!exchange.stopped()) {
                step();
                exchange.awaitChange(prepared, due, ticker);
            }
        } catch (InterruptedException e) {
            // the view is ending
        } catch (RuntimeException | Error e) {
            exchange.fail(e);
        }
    }

    /**
     * One turn: reads when a read is due (and not paused) or the toggles need a table not read
     * yet, then prepares and publishes a frame if anything changed. Returns whether it did.
     */
    boolean step() {
        Settings s = exchange.wanted();
        boolean paused = exchange.paused();
        long now = ticker.nanos();
        boolean due = !started || (!paused && (now - this.due >= 0 || !preparer.covers(s.tables())));
        if (!due && s.generation() == prepared) {
            return false;
        }
        String error = null;
        if (due) {
            started = true;
            TableSelection tables = s.tables();
            try {
                Snapshot snap = source.read(tables);
                preparer.read(snap, tables, clock.instant(), ticker.nanos());
            } catch (SourceException e) {
                error = LiveView.oneLine(e);
            } catch (RuntimeException e) {
                error = "reading the tables failed: " + LiveView.oneLine(e);
            }
            this.due = now + intervalNanos;
        }
        exchange.publish(preparer.prepare(s, error));
        prepared = s.generation();
        if (due) {
            betweenReads.run();
        }
        return true;
    }
}
