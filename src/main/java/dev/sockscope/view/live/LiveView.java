package dev.sockscope.view.live;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.NonBlockingReader;

/**
 * The live full-screen view: {@code netstat -ano} that refreshes. Two threads, as JLine's
 * {@code TTop} has one loop, plus one worker so that a slow read never holds up a key:
 *
 * <ul>
 *   <li>the <b>worker</b> ({@link Refresher}) reads the tables every interval and prepares a
 *       {@link Frame} — diff, rates, filter, sort, widths, per-process sums — for the newest
 *       {@link Settings};</li>
 *   <li>the <b>loop</b> (the calling thread) waits up to {@link #POLL_MS} ms for a key (up to
 *       {@link #IDLE_POLL_MS} while the worker waits for its next read), applies
 *       it to the {@link LiveState}, installs the newest frame, and redraws the changed lines
 *       of {@link LiveScreen#render} through {@link Display}. It never does work that grows with
 *       the sockets but one pass to find the selection in a new frame.</li>
 * </ul>
 *
 * The two meet only in one {@link Exchange} (its comment says what crosses it); signals
 * (SIGWINCH, SIGINT) only set a flag the loop reads. With {@code threaded} false the loop
 * turns the worker itself before each key ({@link Refresher#step()}), which is how the tests
 * run it, on a hand-moved {@link Ticker}, without sleeping.
 *
 * <p>The terminal is put back as it was (cooked mode, main screen, keypad off, cursor shown) on
 * {@code q}, Ctrl-C, SIGINT (taken as Ctrl-C: exit 0), end of input, an exception in either
 * thread, and from a shutdown hook on SIGTERM/SIGHUP (exit 143/129); restoring is idempotent.
 * An error is then printed as one line on the error stream.
 */
public final class LiveView {
    /** The user quit. */
    public static final int QUIT = 0;
    /** The first read of the tables failed, the terminal could not be opened, or the loop failed. */
    public static final int FAILED = 3;
    /**
     * Returned by {@link #run(LiveOptions)} when the terminal cannot host a full-screen view
     * ({@code TERM=dumb} or no cursor addressing): the caller prints a snapshot instead. Never an
     * exit status.
     */
    public static final int UNSUPPORTED = -1;

    /** The longest the loop waits for a key before it looks for a new frame, while one may come. */
    static final long POLL_MS = 50;
    /**
     * The longest it waits while the worker waits for its next read (no frame can come before
     * it): how late a resize or a SIGINT from elsewhere may be seen. At 50 ms throughout, the
     * loop woke 20 times a second for nothing most of the time.
     */
    static final long IDLE_POLL_MS = 200;

    /**
     * Test hook: the system property that makes the loop throw after that many frames, to check
     * that an internal error restores the terminal and prints one line. Unset in normal use.
     */
    public static final String FAIL_AFTER_PROPERTY = "sockscope.live.failAfter";

    private final LiveOptions options;
    private final Terminal terminal;
    private final LiveState state;
    private final Exchange exchange;
    private final Ticker ticker;
    private final Refresher refresher;
    private final boolean threaded;
    private final int failAfterFrames;
    private final java.util.function.Consumer<List<AttributedString>> onFrame;
    private int frames;
    private volatile boolean resized;
    private volatile boolean interrupted;

    private LiveView(LiveOptions o, Terminal t, Run run) {
        this.options = o;
        this.terminal = t;
        this.threaded = run.threaded;
        this.failAfterFrames = run.failAfterFrames;
        this.onFrame = run.onFrame;
        this.state = new LiveState(o, run.host, run.zone, run.actions);
        this.exchange = new Exchange(state.settings());
        this.ticker = run.ticker;
        Preparer preparer = new Preparer(o.services, o.notes, o.hints, LiveState.EXTRAS, o.portClasses);
        HeapTrim heap = run.threaded ? new HeapTrim() : null;
        this.refresher = new Refresher(
                o.source,
                preparer,
                exchange,
                run.ticker,
                run.clock,
                o.interval.toNanos(),
                heap == null ? () -> {} : heap::betweenRefreshes);
    }

    /** How a loop runs: its clocks, host, zone, actions, and whether the worker has a thread. */
    static final class Run {
        Clock clock = Clock.systemUTC();
        Ticker ticker = Ticker.SYSTEM;
        ZoneId zone = ZoneId.systemDefault();
        String host = "localhost";
        LiveActions actions;
        boolean hook;
        boolean threaded = true;
        int failAfterFrames = -1;
        /** Sees every frame drawn (tests); null in normal use. */
        java.util.function.Consumer<List<AttributedString>> onFrame;
    }

    /**
     * Whether the environment names a terminal a full-screen view can use: {@code TERM} set and
     * not {@code dumb}. The caller also checks that stdin and stdout are terminals.
     */
    public static boolean supports(Map<String, String> env) {
        String term = env.get("TERM");
        return term != null && !term.isBlank() && !term.startsWith("dumb");
    }

    /**
     * Runs the live view on the process's terminal until the user quits.
     *
     * @return {@link #QUIT} after a normal quit; {@link #FAILED} when the very first read of the
     *         tables failed, the terminal could not be opened, or the loop failed (the message is
     *         then on the error stream); {@link #UNSUPPORTED} when the terminal cannot do
     *         full-screen output (nothing printed)
     */
    public static int run(LiveOptions o) {
        Terminal t;
        try {
            t = TerminalBuilder.builder().system(true).graphemeCluster(false).build();
        } catch (IOException | RuntimeException e) {
            o.err.println("sockscope: cannot open the terminal: " + oneLine(e));
            return FAILED;
        }
        try {
            if (t.getType() == null
                    || t.getType().startsWith(Terminal.TYPE_DUMB)
                    || t.getStringCapability(org.jline.utils.InfoCmp.Capability.cursor_address) == null) {
                return UNSUPPORTED;
            }
            Run r = new Run();
            r.host = hostName();
            r.actions = LiveActions.system(o.services, o.closer);
            r.hook = true;
            r.failAfterFrames = Integer.getInteger(FAIL_AFTER_PROPERTY, -1);
            return run(o, t, r);
        } finally {
            try {
                t.close();
            } catch (IOException e) {
                // closing after the view ended: the modes were already restored
            }
        }
    }

    /** The loop on a given terminal. */
    static int run(LiveOptions o, Terminal t, Run r) {
        return new LiveView(o, t, r).loop(r.hook);
    }

    private int loop(boolean hook) {
        String error = null;
        int code = QUIT;
        TerminalModes modes = null;
        Thread shutdownHook = null;
        Thread worker = null;
        Terminal.SignalHandler previousWinch = null;
        Terminal.SignalHandler previousInt = null;
        try {
            modes = TerminalModes.enter(terminal, hook ? new FileOutputStream(FileDescriptor.out) : null);
            if (hook) {
                TerminalModes m = modes;
                shutdownHook = new Thread(m::restore, "sockscope-restore-terminal");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
            previousWinch = terminal.handle(Terminal.Signal.WINCH, s -> resized = true);
            // in raw mode Ctrl-C is a byte; a SIGINT from elsewhere (kill) quits the same way,
            // instead of JLine's default disposition, which ends the JVM with the terminal raw
            previousInt = terminal.handle(Terminal.Signal.INT, s -> interrupted = true);
            Display display = new Display(terminal, true);
            Size size = size();
            display.resize(size);
            display.clear();
            if (threaded) {
                worker = new Thread(refresher, "sockscope-worker");
                worker.setDaemon(true);
                worker.start();
            }
            KeyMap<Action> keys = KeyBindings.create(terminal);
            BindingReader reader = new BindingReader(terminal.reader());
            boolean dirty = true;
            while (true) {
                if (!threaded) {
                    refresher.step();
                }
                Throwable failed = exchange.failure();
                if (failed != null) {
                    throw failed instanceof RuntimeException re
                            ? re
                            : new IllegalStateException(oneLine(failed), failed);
                }
                Frame f = exchange.take();
                if (f != null) {
                    if (f.snapshot == null && f.error != null) {
                        // the very first read failed: nothing to show
                        error = f.error;
                        code = FAILED;
                        return code;
                    }
                    state.install(f);
                    dirty = true;
                }
                if (interrupted) {
                    state.apply(Action.INTERRUPT, "");
                }
                if (state.quit()) {
                    return code;
                }
                if (resized) {
                    resized = false;
                    size = size();
                    display.resize(size);
                    display.clear();
                    dirty = true;
                }
                if (dirty) {
                    draw(modes, display, size);
                    dirty = false;
                }
                int c = reader.peekCharacter(exchange.keyWaitMs(POLL_MS, IDLE_POLL_MS, ticker));
                if (c == NonBlockingReader.READ_EXPIRED) {
                    continue;
                }
                Action a = c == NonBlockingReader.EOF ? null : reader.readBinding(keys);
                if (a == null) {
                    // end of input: nobody can press q any more
                    state.apply(Action.INTERRUPT, "");
                    continue;
                }
                if (a == Action.REDRAW) {
                    display.clear();
                }
                state.viewport(LiveScreen.tableRows(state, size.getColumns(), size.getRows()), size.getColumns());
                state.apply(a, reader.getLastBinding());
                if (state.mode() == LiveState.Mode.DETAILS) {
                    state.clampDetails(LiveScreen.detailsMaxTop(state, size.getColumns(), size.getRows()));
                }
                exchange.want(state.settings(), state.paused());
                dirty = true;
            }
        } catch (RuntimeException | Error e) {
            if (modes != null && modes.restored()) {
                // SIGTERM/SIGHUP: the shutdown hook restored the terminal and closed it under us
                return code;
            }
            if (e.getCause() instanceof InterruptedIOException || e instanceof EndOfFileException) {
                return code;
            }
            error = "live view failed: " + oneLine(e);
            code = FAILED;
            return code;
        } finally {
            exchange.stop();
            if (worker != null) {
                worker.interrupt();
            }
            if (previousWinch != null) {
                Terminal.SignalHandler h = previousWinch;
                quietly(() -> terminal.handle(Terminal.Signal.WINCH, h));
            }
            if (previousInt != null) {
                Terminal.SignalHandler h = previousInt;
                quietly(() -> terminal.handle(Terminal.Signal.INT, h));
            }
            if (modes != null) {
                modes.restore();
            }
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException ignored) {
                    // the JVM is already shutting down: the hook runs (or ran) the same restore
                }
            }
            if (error != null) {
                options.err.println("sockscope: " + error);
                options.err.flush();
            }
        }
    }

    private void draw(TerminalModes modes, Display display, Size size) {
        int w = Math.max(1, size.getColumns());
        int h = Math.max(1, size.getRows());
        state.viewport(LiveScreen.tableRows(state, w, h), w);
        List<AttributedString> lines = LiveScreen.render(state, w, h);
        modes.draw(() -> display.update(lines, 0));
        if (onFrame != null) {
            onFrame.accept(lines);
        }
        if (failAfterFrames >= 0 && ++frames > failAfterFrames) {
            throw new IllegalStateException("injected failure (" + FAIL_AFTER_PROPERTY + "=" + failAfterFrames + ")");
        }
    }

    private Size size() {
        Size s = terminal.getSize();
        if (s == null || s.getColumns() <= 0 || s.getRows() <= 0) {
            return Size.of(80, 24);
        }
        return s;
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // the terminal may be closed already (hangup): the handler no longer matters
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return dev.sockscope.view.Sanitizer.clean(nl >= 0 ? m.substring(0, nl) : m);
    }

    /** The kernel's host name; {@code localhost} when it cannot be read. Never a DNS lookup. */
    static String hostName() {
        for (String p : new String[] {"/proc/sys/kernel/hostname", "/etc/hostname"}) {
            try {
                String h = Files.readString(Path.of(p), StandardCharsets.UTF_8).trim();
                if (!h.isEmpty()) {
                    return h;
                }
            } catch (IOException | RuntimeException e) {
                // not Linux, or not readable: try the next place
            }
        }
        String env = System.getenv("HOSTNAME");
        if (env == null) {
            env = System.getenv("COMPUTERNAME");
        }
        return env == null || env.isBlank() ? "localhost" : env.trim();
    }
}
