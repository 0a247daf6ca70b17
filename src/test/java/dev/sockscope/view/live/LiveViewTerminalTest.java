package dev.sockscope.view.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.source.SourceException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.LineDisciplineTerminal;
import org.jline.utils.AttributedString;
import org.jline.utils.ScreenTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole loop on JLine's pure-Java terminal: keys in, frames out. The worker runs inside the
 * loop ({@code threaded} false) on a hand-moved ticker, so a refresh happens exactly when the
 * test moves time; the test waits for the frames the loop draws (each handed over as it is
 * drawn), never for the clock.
 */
@Timeout(30)
class LiveViewTerminalTest {
    static final long SECOND = 1_000_000_000L;

    ScreenTerminal.VirtualTerminal vt;
    LineDisciplineTerminal terminal;
    final Fixtures.Feed feed = new Fixtures.Feed();
    final AtomicLong now = new AtomicLong();
    final BlockingQueue<List<String>> frames = new LinkedBlockingQueue<>();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    CompletableFuture<Integer> result;

    LiveOptions.Builder options() {
        return Fixtures.builder(feed).err(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    void start(LiveOptions o, int cols, int rows, int failAfterFrames) throws Exception {
        vt = ScreenTerminal.withTerminal("test", "xterm-256color", cols, rows);
        terminal = vt.terminal();
        LiveView.Run r = new LiveView.Run();
        r.clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        r.ticker = now::get;
        r.zone = ZoneOffset.UTC;
        r.host = "testhost";
        r.actions = new LiveStateTest.FakeActions();
        r.threaded = false;
        r.failAfterFrames = failAfterFrames;
        r.onFrame = lines -> {
            List<String> text = new ArrayList<>();
            for (AttributedString a : lines) {
                text.add(a.toString());
            }
            frames.add(text);
        };
        result = CompletableFuture.supplyAsync(() -> LiveView.run(o, terminal, r));
    }

    void start(LiveOptions o) throws Exception {
        start(o, 100, 30, -1);
    }

    /** The first frame drawn from now on that shows {@code text}. */
    String await(String text) throws Exception {
        return await(f -> f.contains(text), text);
    }

    String await(Predicate<String> p, String what) throws Exception {
        while (true) {
            List<String> f = frames.poll(10, TimeUnit.SECONDS);
            if (f == null) {
                throw new AssertionError("no frame showed " + what
                        + (result.isDone() ? "; ended with " + result.get() + " " + errBytes : ""));
            }
            String s = String.join("\n", f);
            if (p.test(s)) {
                return s;
            }
        }
    }

    void keys(String s) throws java.io.IOException {
        terminal.processInputBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    int exitCode() throws Exception {
        return result.get(10, TimeUnit.SECONDS);
    }

    void assertRestored() {
        Attributes a = terminal.getAttributes();
        assertTrue(a.getLocalFlag(Attributes.LocalFlag.ICANON), "canonical mode back");
        assertTrue(a.getLocalFlag(Attributes.LocalFlag.ECHO), "echo back");
        assertTrue(a.getLocalFlag(Attributes.LocalFlag.ISIG), "signals back");
    }

    @AfterEach
    void close() throws Exception {
        if (terminal != null) {
            terminal.close();
        }
    }

    @Test
    void filtersRefreshesOnTheTickerAndQuits() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        start(options().build());
        await("127.0.0.1:51234");
        keys("/port:8080");
        String s = await("Sockets: 3 of 15");
        assertTrue(s.contains("/port:8080"), s);
        keys("\r");
        List<dev.sockscope.model.SocketRow> more = new ArrayList<>(Fixtures.baseRows());
        more.add(Fixtures.tcp4("127.0.0.1", 8080, "127.0.0.1", 40000, dev.sockscope.model.State.ESTABLISHED, 1));
        feed.add(Fixtures.snapshot(more));
        now.addAndGet(SECOND);
        await("Sockets: 4 of 16");
        assertEquals(2, feed.reads.get(), "one read per interval of the ticker");
        keys("q");
        assertEquals(LiveView.QUIT, exitCode());
        assertRestored();
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailedRefreshIsShownAndTheViewGoesOn() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        feed.add(new SourceException("table vanished"));
        start(options().build());
        await("127.0.0.1:8080");
        now.addAndGet(SECOND);
        await("refresh failed: table vanished");
        now.addAndGet(SECOND);
        await(f -> !f.contains("refresh failed") && f.contains("127.0.0.1:8080"), "the next good read");
        keys("q");
        assertEquals(LiveView.QUIT, exitCode());
    }

    @Test
    void aFilterThatThrowsEndsTheViewWithOneLineAndRestoresTheTerminal() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        start(options()
                .baseFilter(
                        r -> {
                            throw new IllegalStateException("filter bug\nsecond line");
                        },
                        "")
                .build());
        assertEquals(LiveView.FAILED, exitCode());
        assertRestored();
        assertEquals("sockscope: live view failed: filter bug\n", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anInjectedFailureInTheLoopRestoresTheTerminalAndPrintsOneLine() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        start(options().build(), 80, 24, 0);
        assertEquals(LiveView.FAILED, exitCode());
        assertRestored();
        assertEquals(
                "sockscope: live view failed: injected failure (sockscope.live.failAfter=0)\n",
                errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSourceThatThrowsUncheckedOnTheFirstReadEndsWithOneLine() throws Exception {
        feed.add(new IllegalStateException("proc parser bug\nat line 2"));
        start(options().build());
        assertEquals(LiveView.FAILED, exitCode());
        assertRestored();
        assertEquals(
                "sockscope: reading the tables failed: proc parser bug\n", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sigintQuitsLikeCtrlCAndRestores() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        start(options().build());
        await("127.0.0.1:8080");
        terminal.raise(Terminal.Signal.INT);
        assertEquals(LiveView.QUIT, exitCode());
        assertRestored();
    }

    @Test
    void ctrlCAsAByteQuits() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        start(options().build());
        await("127.0.0.1:8080");
        keys("\u0003");
        assertEquals(LiveView.QUIT, exitCode());
        assertRestored();
    }

    @Test
    void aResizeRedrawsAtTheNewSizeEvenAtOneCell() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        start(options().build());
        await("127.0.0.1:51234");
        int[][] sizes = {{1, 1}, {1, 30}, {100, 1}, {2, 2}, {50, 12}};
        for (int[] wh : sizes) {
            terminal.setSize(new Size(wh[0], wh[1]));
            terminal.raise(Terminal.Signal.WINCH);
            String f = await(x -> x.split("\n", -1).length == wh[1], wh[0] + "x" + wh[1]);
            for (String l : f.split("\n", -1)) {
                assertTrue(l.length() <= wh[0], "within " + wh[0] + ": " + l);
            }
        }
        assertFalse(result.isDone());
        keys("q");
        assertEquals(LiveView.QUIT, exitCode());
        assertRestored();
    }

    @Test
    void restoringTwiceIsHarmless() throws Exception {
        vt = ScreenTerminal.withTerminal("test", "xterm-256color", 80, 24);
        terminal = vt.terminal();
        Attributes before = new Attributes(terminal.getAttributes());
        TerminalModes m = TerminalModes.enter(terminal, null);
        assertFalse(terminal.getAttributes().getLocalFlag(Attributes.LocalFlag.ICANON));
        Thread other = new Thread(m::restore);
        other.start();
        m.restore();
        other.join();
        assertTrue(m.restored());
        assertEquals(before.getLocalFlags(), terminal.getAttributes().getLocalFlags());
        int[] drawn = {0};
        m.draw(() -> drawn[0]++);
        assertEquals(0, drawn[0], "nothing is drawn after the restore");
    }
}
