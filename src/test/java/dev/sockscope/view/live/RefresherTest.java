package dev.sockscope.view.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Proto;
import dev.sockscope.source.SourceException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The worker's turns and the exchange, on a hand-moved ticker: no sleeping, no threads but where said. */
@Timeout(10)
class RefresherTest {
    static final long SECOND = 1_000_000_000L;

    final AtomicLong now = new AtomicLong(1000);
    final Ticker ticker = now::get;
    final Fixtures.Feed feed = new Fixtures.Feed();
    final LiveOptions options = Fixtures.builder(feed).build();
    final Exchange exchange = new Exchange(Settings.initial(options));
    final AtomicInteger trims = new AtomicInteger();
    final Refresher worker = new Refresher(
            feed,
            new Preparer(Fixtures.SERVICES, null, null, List.of()),
            exchange,
            ticker,
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            SECOND,
            trims::incrementAndGet);

    @Test
    void readsWhenDueAndOnlyPreparesWhenTheSettingsChange() {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        assertTrue(worker.step(), "the first turn reads");
        assertEquals(1, feed.reads.get());
        Frame first = exchange.take();
        assertEquals(Fixtures.baseRows().size(), first.total);
        assertFalse(worker.step(), "nothing due, nothing changed");
        assertNull(exchange.take());

        Settings listening = exchange.wanted()
                .withShown(exchange.wanted().protos(), exchange.wanted().families(), true);
        exchange.want(listening, false);
        assertTrue(worker.step());
        assertEquals(1, feed.reads.get(), "a new setting is prepared from the rows already read");
        Frame f = exchange.take();
        assertSame(listening, f.settings);
        assertTrue(f.total < first.total);

        now.addAndGet(SECOND);
        assertTrue(worker.step());
        assertEquals(2, feed.reads.get(), "a second later it reads again");
        assertEquals(2, trims.get(), "the heap is trimmed after each read");
    }

    @Test
    void aToggleNeedingATableNotReadYetReadsAtOnce() {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        worker.step();
        Settings s = exchange.wanted();
        EnumSet<Proto> withUnix = EnumSet.copyOf(s.protos());
        withUnix.add(Proto.UNIX);
        exchange.want(s.withShown(withUnix, s.families(), false), false);
        worker.step();
        assertEquals(2, feed.reads.get());
        assertTrue(feed.lastTables.protos().contains(Proto.UNIX));
    }

    @Test
    void tcpInfoIsReadOnlyForWhatShowsItAndAskingForItReadsAtOnce() {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        worker.step();
        assertFalse(feed.lastTables.tcpInfo(), "the default columns show nothing from tcp_info");

        Settings s = exchange.wanted();
        exchange.want(s.onProcessesTab(true), false);
        worker.step();
        assertEquals(2, feed.reads.get(), "the Processes tab's rates need tcp_info: read at once");
        assertTrue(feed.lastTables.tcpInfo());

        exchange.want(exchange.wanted().onProcessesTab(false), false);
        worker.step();
        assertEquals(2, feed.reads.get(), "a read with tcp_info covers a view without it");
        now.addAndGet(SECOND);
        worker.step();
        assertFalse(feed.lastTables.tcpInfo(), "back on the Sockets tab the next read leaves it out");

        List<dev.sockscope.view.Column> cols =
                new java.util.ArrayList<>(exchange.wanted().columns());
        cols.add(dev.sockscope.view.Column.TX);
        exchange.want(exchange.wanted().withColumns(cols), false);
        worker.step();
        assertEquals(4, feed.reads.get(), "a Send/s column: read at once");
        assertTrue(feed.lastTables.tcpInfo());
    }

    @Test
    void pausedItReadsNothingEvenWhenDueButStillPreparesNewSettings() {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        worker.step();
        exchange.want(exchange.wanted(), true);
        now.addAndGet(5 * SECOND);
        assertFalse(worker.step());
        exchange.want(exchange.wanted().withSort(exchange.wanted().sort(), true), true);
        assertTrue(worker.step());
        assertEquals(1, feed.reads.get());
    }

    @Test
    void aFailedReadKeepsTheRowsShownAndSaysWhy() {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        feed.add(new SourceException("table vanished"));
        worker.step();
        now.addAndGet(SECOND);
        worker.step();
        Frame f = exchange.take();
        assertEquals("table vanished", f.error);
        assertEquals(Fixtures.baseRows().size(), f.total);
    }

    @Test
    void theExchangeHoldsOnlyTheNewestFrame() {
        Frame a = Frame.empty(exchange.wanted());
        Frame b = Frame.empty(exchange.wanted());
        exchange.publish(a);
        exchange.publish(b);
        assertSame(b, exchange.take());
        assertNull(exchange.take());
    }

    @Test
    void theWorkerWaitsUntilTheSettingsChangeAndThenPreparesThem() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        Thread t = new Thread(worker);
        t.start();
        Settings reversed = exchange.wanted().withSort(exchange.wanted().sort(), true);
        // the thread's first frame, then the one for the new settings: the wait ends on want()
        exchange.want(reversed, true);
        Frame f;
        do {
            f = exchange.take();
            Thread.onSpinWait();
        } while (f == null || f.settings != reversed);
        assertTrue(f.settings.reversed());
        exchange.stop();
        t.join();
        assertEquals(1, feed.reads.get(), "paused: one read only, however long it ran");
    }

    @Test
    void theLoopWaitsLongerForAKeyOnlyWhileTheWorkerWaitsForItsNextRead() throws Exception {
        assertEquals(50, exchange.keyWaitMs(50, 200, ticker), "the worker has not waited yet");
        long due = now.get() + SECOND;
        Thread waiter = new Thread(() -> {
            try {
                exchange.awaitChange(exchange.wanted().generation(), due, ticker);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        while (exchange.keyWaitMs(50, 200, ticker) == 50) {
            Thread.sleep(1);
        }
        assertEquals(200, exchange.keyWaitMs(50, 200, ticker), "a second before the read: the longest wait");
        now.set(due - 120_000_000L);
        assertEquals(120, exchange.keyWaitMs(50, 200, ticker), "until the read is due");
        now.set(due - 10_000_000L);
        assertEquals(50, exchange.keyWaitMs(50, 200, ticker), "never below the wait while a frame may come");
        now.set(due - 120_000_000L);
        exchange.want(
                exchange.wanted()
                        .withShown(exchange.wanted().protos(), exchange.wanted().families(), true),
                false);
        assertEquals(50, exchange.keyWaitMs(50, 200, ticker), "woken by a key: a frame comes now");
        waiter.join();
        assertEquals(50, exchange.keyWaitMs(50, 200, ticker));
    }
}
