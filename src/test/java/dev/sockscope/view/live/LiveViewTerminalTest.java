package dev.sockscope.view.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sockscope.cli.ExitCode;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.LineDisciplineTerminal;
import org.jline.utils.ScreenTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole loop on JLine's pure-Java terminal and screen model: keys in, screen text out. The
 * fake source hands out exactly the snapshots the test queues, so each refresh is a test step.
 */
@Timeout(30)
class LiveViewTerminalTest {
    static final long WAIT_MS = 5000;

    ScreenTerminal.VirtualTerminal vt;
    LineDisciplineTerminal terminal;
    final BlockingQueue<Object> feed = new LinkedBlockingQueue<>();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    CompletableFuture<Integer> result;

    /** Returns what the test queued: a Snapshot, or throws the queued SourceException; blocks when empty. */
    final SocketSource source = new SocketSource() {
        @Override
        public Snapshot read(TableSelection which) throws SourceException {
            try {
                Object o = feed.take();
                if (o instanceof SourceException e) {
                    throw e;
                }
                if (o instanceof RuntimeException e) {
                    throw e;
                }
                return (Snapshot) o;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException("interrupted");
            }
        }

        @Override
        public String name() {
            return "fake";
        }
    };

    void start(LiveOptions o, int cols, int rows) throws IOException {
        start(o, cols, rows, -1);
    }

    void start(LiveOptions o, int cols, int rows, int failAfterFrames) throws IOException {
        vt = ScreenTerminal.withTerminal("test", "xterm-256color", cols, rows);
        terminal = vt.terminal();
        Clock clock = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
        result = CompletableFuture.supplyAsync(
                () -> LiveView.run(o, terminal, clock, ZoneOffset.UTC, "testhost", false, failAfterFrames));
    }

    void resize(int cols, int rows) {
        vt.screen().setSize(cols, rows);
        terminal.setSize(new Size(cols, rows));
        terminal.raise(Terminal.Signal.WINCH);
    }

    LiveOptions options() {
        LiveOptions o = Fixtures.options(source, true);
        return new LiveOptions(
                source,
                o.tables(),
                false,
                null,
                "",
                o.filterParser(),
                o.services(),
                java.time.Duration.ofMillis(1),
                true,
                false,
                null,
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void close() throws IOException {
        if (terminal != null) {
            terminal.close();
        }
    }

    void keys(String s) throws IOException {
        terminal.processInputBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    String screen() {
        ScreenTerminal s = vt.screen();
        int w = s.getColumns();
        int h = s.getRows();
        long[] cells = new long[w * h];
        s.dump(cells, new int[2]);
        StringBuilder b = new StringBuilder();
        for (int y = 0; y < h; y++) {
            StringBuilder line = new StringBuilder();
            for (int x = 0; x < w; x++) {
                int cp = ScreenTerminal.cellCodePoint(cells[y * w + x]);
                if (cp != 0) {
                    line.appendCodePoint(cp);
                }
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    /** Polls the screen until it shows {@code text}; fails with the screen after {@link #WAIT_MS}. */
    String await(String text) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        String s = screen();
        while (!s.contains(text)) {
            if (System.nanoTime() > end) {
                fail("screen never showed \"" + text + "\":\n" + s);
            }
            Thread.onSpinWait();
            s = screen();
        }
        return s;
    }

    int exitCode() throws Exception {
        return result.get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    void assertRestored() {
        Attributes a = terminal.getAttributes();
        assertTrue(a.getLocalFlag(Attributes.LocalFlag.ICANON), "canonical mode back");
        assertTrue(a.getLocalFlag(Attributes.LocalFlag.ECHO), "echo back");
        assertTrue(a.getLocalFlag(Attributes.LocalFlag.ISIG), "signals back");
    }

    @Test
    void filtersShowsNewRowsOpensDetailsAndQuits() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        start(options(), 100, 30);
        await("127.0.0.1:51234");
        keys("/port:8080");
        String s = await("Sockets: 3 of 15");
        assertTrue(s.contains("/port:8080"), s);
        keys("\r");
        await("Filter: port:8080");
        List<SocketRow> rows = new ArrayList<>(Fixtures.baseRows());
        rows.add(Fixtures.tcp4("127.0.0.1", 8080, "127.0.0.1", 52000, State.ESTABLISHED, 31000, Fixtures.JAVA));
        feed.add(Fixtures.snapshot(rows));
        await("127.0.0.1:52000");
        keys("\r");
        s = await("Socket details");
        assertTrue(s.contains("-Xmx512m -jar /opt/app/server.jar --port 8080"), s);
        keys("\u001b");
        await("Filter: port:8080");
        keys("q");
        assertEquals(ExitCode.OK, exitCode());
        assertRestored();
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void ctrlCQuitsFromThePrompt() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        start(options(), 80, 24);
        await("127.0.0.1:8080");
        keys("/qq");
        await("/qq");
        keys("\u0003");
        assertEquals(ExitCode.OK, exitCode());
        assertRestored();
    }

    @Test
    void keysWorkWhileTheSourceIsStillReading() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        start(options(), 80, 24);
        await("127.0.0.1:8080");
        // the feed is empty now: the refresh thread is blocked inside read()
        keys("s");
        await("Foreign Address\u25b2");
        keys("h");
        await("sockscope \u2014 keys");
        keys("q");
        await("Foreign Address\u25b2");
        keys("q");
        assertEquals(ExitCode.OK, exitCode());
    }

    @Test
    void arrowKeysFromTerminfoMoveTheSelection() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        start(options(), 100, 30);
        await("127.0.0.1:8080");
        String down = org.jline.keymap.KeyMap.key(terminal, org.jline.utils.InfoCmp.Capability.key_down);
        keys(down + down + down + "\r");
        String s = await("Socket details");
        assertTrue(s.contains("Local            10.0.0.5:22"), s);
        keys("q");
        keys("q");
        assertEquals(ExitCode.OK, exitCode());
    }

    @Test
    void redrawsAtOnceOnResize() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        start(options(), 120, 30);
        await("Enter details  h help");
        vt.screen().setSize(50, 12);
        terminal.setSize(new Size(50, 12));
        terminal.raise(Terminal.Signal.WINCH);
        String s = await("q quit  / filter  s sort  S reverse");
        assertFalse(s.contains("Enter details"), s);
        for (String line : s.split("\n")) {
            assertTrue(line.length() <= 50, line);
        }
        keys("q");
        assertEquals(ExitCode.OK, exitCode());
    }

    @Test
    void aFirstReadThatFailsEndsWithExitThreeAndOneLine() throws Exception {
        feed.add(new SourceException("cannot read /proc/net/tcp: Permission denied"));
        start(options(), 80, 24);
        assertEquals(ExitCode.UNREADABLE, exitCode());
        assertRestored();
        assertEquals(
                "sockscope: cannot read /proc/net/tcp: Permission denied\n", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLaterFailedReadIsShownAndTheViewGoesOn() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        feed.add(new SourceException("table vanished"));
        start(options(), 100, 30);
        await("refresh failed: table vanished");
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        keys("q");
        assertEquals(ExitCode.OK, exitCode());
    }

    @Test
    void anExceptionInTheLoopRestoresTheTerminalAndPrintsOneLine() throws Exception {
        LiveOptions o = options();
        o = new LiveOptions(
                o.source(),
                o.tables(),
                false,
                r -> {
                    throw new IllegalStateException("filter bug\nsecond line");
                },
                "",
                o.filterParser(),
                o.services(),
                o.interval(),
                true,
                false,
                null,
                o.err());
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        start(o, 80, 24);
        assertEquals(ExitCode.UNREADABLE, exitCode());
        assertRestored();
        assertEquals("sockscope: live view failed: filter bug\n", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anInjectedFailureInTheLoopRestoresTheTerminalAndPrintsOneLine() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        // the first frame is drawn before any data, the second shows the rows and throws
        start(options(), 80, 24, 1);
        assertEquals(ExitCode.UNREADABLE, exitCode());
        assertRestored();
        assertEquals(
                "sockscope: live view failed: injected failure (sockscope.live.failAfter=1)\n",
                errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSourceThatThrowsUncheckedOnTheFirstReadEndsWithOneLine() throws Exception {
        feed.add(new IllegalStateException("proc parser bug\nat line 2"));
        start(options(), 80, 24);
        assertEquals(ExitCode.UNREADABLE, exitCode());
        assertRestored();
        assertEquals(
                "sockscope: reading the tables failed: proc parser bug\n", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSourceThatThrowsUncheckedLaterIsShownAndTheViewGoesOn() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        feed.add(new IllegalStateException("proc parser bug"));
        start(options(), 100, 30);
        await("refresh failed: reading the tables failed: proc parser bug");
        await("127.0.0.1:8080");
        keys("q");
        assertEquals(ExitCode.OK, exitCode());
        assertRestored();
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sigintQuitsLikeCtrlCAndRestores() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        start(options(), 80, 24);
        await("127.0.0.1:8080");
        terminal.raise(Terminal.Signal.INT);
        assertEquals(ExitCode.OK, exitCode());
        assertRestored();
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shrinkingToOneColumnOrOneRowAndBackRedraws() throws Exception {
        feed.add(Fixtures.snapshot(Fixtures.baseRows()));
        start(options(), 100, 30);
        await("127.0.0.1:51234");
        int[][] sizes = {{1, 1}, {1, 30}, {100, 1}, {2, 2}};
        for (int[] wh : sizes) {
            resize(wh[0], wh[1]);
            // a key forces a frame at that size after the resize
            keys("j");
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (!result.isDone() && System.nanoTime() < end && !screen().startsWith(wh[0] == 1 ? "s" : "so")) {
                Thread.onSpinWait();
            }
            assertFalse(result.isDone(), "the view is still running at " + wh[0] + "x" + wh[1] + ": " + errBytes);
        }
        resize(100, 30);
        await("127.0.0.1:51234");
        String s = await("q quit");
        assertTrue(s.startsWith("sockscope  testhost"), s);
        keys("q");
        assertEquals(ExitCode.OK, exitCode());
        assertRestored();
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
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
        int[] frames = {0};
        m.draw(() -> frames[0]++);
        assertEquals(0, frames[0], "nothing is drawn after the restore");
    }
}
