package dev.sockscope.view.live;

import dev.sockscope.model.Snapshot;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/**
 * The live full-screen view: {@code netstat -ano} that refreshes. The loop only moves data
 * between the terminal and {@link LiveState}/{@link LiveScreen}:
 *
 * <ul>
 *   <li>a reader thread turns key presses into {@link Action}s;</li>
 *   <li>a refresh thread calls {@link dev.sockscope.source.SocketSource#read} every interval
 *       (at once after a toggle widens the tables) and formats the rows, so a slow read never
 *       holds up a key;</li>
 *   <li>two worker threads do everything else that grows with the rows, as
 *       {@link Prepared.Job}s, the newest one of each kind winning: one marks new and closed rows
 *       and sorts (a new read, a new sort order), the other filters and counts rows already in
 *       order (a filter key, a toggle), so the table follows a typed filter even while a big
 *       refresh is being sorted;</li>
 *   <li>this thread applies keys to the state, swaps in what the worker prepared, and redraws,
 *       changed lines only, through {@link Display}; a resize (SIGWINCH) redraws at once. It
 *       never does work that grows with the number of sockets, so a key shows in the next frame
 *       even with 100,000 of them.</li>
 * </ul>
 *
 * <p>Between the threads, reads and prepared results pass through one-slot mailboxes that keep
 * only the newest, so a main thread that falls behind (a terminal that does not read its
 * output) holds at most one read and one result, never a queue of them.
 *
 * <p>The terminal is put back as it was (cooked mode, main screen, keypad off, cursor shown) on
 * {@code q}, Ctrl-C, SIGINT (taken as Ctrl-C: exit 0), end of input, an exception in any of
 * the threads, and from a shutdown hook on SIGTERM/SIGHUP (exit 143/129); restoring is
 * idempotent. An error is then printed as one line on the error stream. (SIGQUIT stays the
 * JVM's: a thread dump, and the view goes on; Ctrl-L redraws over it.)
 */
public final class LiveView {
    /**
     * Returned by {@link #run(LiveOptions)} when the terminal cannot host a full-screen view
     * ({@code TERM=dumb} or no cursor addressing): the caller prints a snapshot instead. Never an
     * exit status.
     */
    /** The user quit. */
    public static final int QUIT = 0;
    /** The first read of the tables failed, the terminal could not be opened, or the loop failed. */
    public static final int FAILED = 3;

    public static final int UNSUPPORTED = -1;

    /**
     * Test hook: the system property that makes the loop throw after that many frames, to check
     * that an internal error restores the terminal and prints one line. Unset in normal use.
     */
    public static final String FAIL_AFTER_PROPERTY = "sockscope.live.failAfter";

    private final LiveOptions options;
    private final Terminal terminal;
    private final Clock clock;
    private final LiveState state;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> nudges = new LinkedBlockingQueue<>();
    private final AtomicReference<TableSelection> tables;
    /** The newest read not taken yet, and a failed read newer than it. */
    private final AtomicReference<Reads> latestRead = new AtomicReference<>();
    /** The newest heavy job (a read or an order to prepare) not started yet. */
    private final Jobs heavyJobs = new Jobs();
    /** The newest light job (a filter pass) not started yet. */
    private final Jobs lightJobs = new Jobs();
    /** The newest result of each worker not installed yet. */
    private final AtomicReference<Prepared> latestHeavy = new AtomicReference<>();

    private final AtomicReference<Prepared> latestLight = new AtomicReference<>();
    private final int failAfterFrames;
    private int frames;
    private volatile boolean stopped;

    private interface Event {}

    private record Key(Action action, String text) implements Event {}

    private record Data(Snapshot snapshot, List<LiveState.Line> lines, TableSelection read, Instant at)
            implements Event {}

    private record ReadFailed(String message) implements Event {}

    private record Resize() implements Event {}

    /** A read (or a failed one) waits in {@link #latestRead}. */
    private record ReadReady() implements Event {}

    /**
     * What the refresh thread left for the loop: the newest read (null for none) and, when the
     * last attempt after it failed, that failure. A failure never hides a good read.
     */
    private record Reads(Data data, ReadFailed failure) {}

    /** A prepared table waits in {@code slot}. */
    private record PreparedReady(AtomicReference<Prepared> slot) implements Event {}

    private record WorkFailed(Throwable error) implements Event {}

    private record InputFailed(Throwable error) implements Event {}

    private LiveView(
            LiveOptions options, Terminal terminal, Clock clock, ZoneId zone, String host, int failAfterFrames) {
        this.options = options;
        this.terminal = terminal;
        this.clock = clock;
        this.failAfterFrames = failAfterFrames;
        this.state = new LiveState(options, host, zone, job -> (job.light() ? lightJobs : heavyJobs).put(job));
        this.tables = new AtomicReference<>(state.tableSelection());
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
     * @return {@link ExitCode#OK} after a normal quit; {@link ExitCode#UNREADABLE} when the very
     *         first read of the tables failed, the terminal could not be opened, or the loop
     *         failed (the message is then on {@code o.err()}); {@link #UNSUPPORTED} when the
     *         terminal cannot do full-screen output (nothing printed)
     */
    public static int run(LiveOptions o) {
        Terminal t;
        try {
            t = TerminalBuilder.builder().system(true).graphemeCluster(false).build();
        } catch (IOException | RuntimeException e) {
            o.err().println("sockscope: cannot open the terminal: " + oneLine(e));
            return FAILED;
        }
        try {
            if (t.getType() == null
                    || t.getType().startsWith(Terminal.TYPE_DUMB)
                    || t.getStringCapability(org.jline.utils.InfoCmp.Capability.cursor_address) == null) {
                return UNSUPPORTED;
            }
            return run(
                    o,
                    t,
                    Clock.systemUTC(),
                    ZoneId.systemDefault(),
                    hostName(),
                    true,
                    Integer.getInteger(FAIL_AFTER_PROPERTY, -1));
        } finally {
            try {
                t.close();
            } catch (IOException e) {
                // closing after the view ended: the modes were already restored
            }
        }
    }

    /** The loop on a given terminal; {@code hook} registers a shutdown hook for SIGTERM/SIGHUP. */
    static int run(LiveOptions o, Terminal t, Clock clock, ZoneId zone, String host, boolean hook) {
        return run(o, t, clock, zone, host, hook, -1);
    }

    /** As above; {@code failAfterFrames} >= 0 throws from the loop after that many frames (a test hook). */
    static int run(
            LiveOptions o, Terminal t, Clock clock, ZoneId zone, String host, boolean hook, int failAfterFrames) {
        return new LiveView(o, t, clock, zone, host, failAfterFrames).loop(hook);
    }

    private int loop(boolean hook) {
        String error = null;
        int code = QUIT;
        TerminalModes modes = null;
        Thread shutdownHook = null;
        Thread input = null;
        Thread refresher = null;
        Thread worker = null;
        Thread filterer = null;
        Terminal.SignalHandler previousWinch = null;
        Terminal.SignalHandler previousInt = null;
        try {
            modes = TerminalModes.enter(terminal, hook ? new FileOutputStream(FileDescriptor.out) : null);
            if (hook) {
                TerminalModes m = modes;
                shutdownHook = new Thread(m::restore, "sockscope-restore-terminal");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
            previousWinch = terminal.handle(Terminal.Signal.WINCH, s -> events.add(new Resize()));
            // in raw mode Ctrl-C is a byte; a SIGINT from elsewhere (kill) quits the same way,
            // instead of JLine's default disposition, which ends the JVM with the terminal raw
            previousInt = terminal.handle(Terminal.Signal.INT, s -> events.add(new Key(Action.INTERRUPT, "")));
            Display display = new Display(terminal, true);
            Size size = size();
            display.resize(size);
            display.clear();
            input = daemon(this::readKeys, "sockscope-keys");
            refresher = daemon(this::refresh, "sockscope-refresh");
            worker = daemon(() -> work(heavyJobs, latestHeavy, true), "sockscope-prepare");
            filterer = daemon(() -> work(lightJobs, latestLight, false), "sockscope-filter");
            input.start();
            refresher.start();
            worker.start();
            filterer.start();
            draw(modes, display, size);
            while (!state.quit()) {
                Event e = events.take();
                do {
                    if (e instanceof Resize) {
                        size = size();
                        display.resize(size);
                        display.clear();
                    } else if (e instanceof Key k && k.action() == Action.REDRAW) {
                        display.clear();
                    } else if (e instanceof InputFailed f) {
                        throw new IllegalStateException("reading keys failed: " + oneLine(f.error()), f.error());
                    } else if (e instanceof WorkFailed f) {
                        throw f.error() instanceof RuntimeException r
                                ? r
                                : new IllegalStateException(oneLine(f.error()), f.error());
                    } else if (e instanceof ReadReady) {
                        Reads r = latestRead.getAndSet(null);
                        if (r != null && r.data() != null) {
                            handle(r.data(), size);
                        }
                        if (r != null && r.failure() != null) {
                            if (!state.hasData()) {
                                error = r.failure().message();
                                code = FAILED;
                                return code;
                            }
                            handle(r.failure(), size);
                        }
                    } else if (e instanceof PreparedReady r) {
                        state.install(r.slot().getAndSet(null));
                    } else {
                        handle(e, size);
                    }
                    e = events.poll();
                } while (e != null && !state.quit());
                draw(modes, display, size);
            }
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return code;
        } catch (RuntimeException | Error e) {
            if (modes != null && modes.restored()) {
                // SIGTERM/SIGHUP: the shutdown hook restored the terminal and closed it under us
                return code;
            }
            error = "live view failed: " + oneLine(e);
            code = FAILED;
            return code;
        } finally {
            stopped = true;
            if (refresher != null) {
                refresher.interrupt();
            }
            if (worker != null) {
                worker.interrupt();
            }
            if (filterer != null) {
                filterer.interrupt();
            }
            if (input != null) {
                input.interrupt();
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
                options.err().println("sockscope: " + error);
                options.err().flush();
            }
        }
    }

    private void handle(Event e, Size size) {
        if (e instanceof Key k) {
            state.viewport(LiveScreen.tableRows(state, size.getColumns(), size.getRows()));
            state.apply(k.action(), k.text());
            if (state.mode() == LiveState.Mode.DETAILS) {
                state.clampDetails(LiveScreen.detailsMaxTop(state, size.getColumns(), size.getRows()));
            }
            TableSelection want = state.tableSelection();
            if (!want.equals(tables.get())) {
                tables.set(want);
                nudges.offer(Boolean.TRUE);
            }
        } else if (e instanceof Data d) {
            state.accept(d.snapshot(), d.lines(), d.read(), d.at());
        } else if (e instanceof ReadFailed f) {
            state.failed(f.message());
        }
    }

    private void draw(TerminalModes modes, Display display, Size size) {
        int w = Math.max(1, size.getColumns());
        int h = Math.max(1, size.getRows());
        state.viewport(LiveScreen.tableRows(state, w, h));
        List<AttributedString> lines = LiveScreen.render(state, w, h);
        modes.draw(() -> display.update(lines, 0));
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

    private void readKeys() {
        KeyMap<Action> keys = KeyBindings.create(terminal);
        BindingReader reader = new BindingReader(terminal.reader());
        try {
            while (!stopped) {
                Action a = reader.readBinding(keys);
                if (a == null) {
                    // end of input: nobody can press q any more
                    events.add(new Key(Action.INTERRUPT, ""));
                    return;
                }
                events.add(new Key(a, reader.getLastBinding()));
            }
        } catch (RuntimeException | Error e) {
            if (!stopped) {
                if (e.getCause() instanceof InterruptedIOException
                        || e.getClass().getSimpleName().equals("EndOfFileException")) {
                    events.add(new Key(Action.INTERRUPT, ""));
                } else {
                    events.add(new InputFailed(e));
                }
            }
        }
    }

    private void refresh() {
        long intervalNanos = options.interval().toNanos();
        HeapTrim heap = new HeapTrim();
        try {
            while (!stopped) {
                TableSelection sel = tables.get();
                try {
                    Snapshot s = options.source().read(sel);
                    Instant at = clock.instant();
                    // formatting tens of thousands of rows happens here, not on the key thread
                    offerRead(new Data(s, LiveState.format(s, state.formatServices()), sel, at));
                } catch (SourceException e) {
                    offerRead(new ReadFailed(oneLine(e)));
                } catch (RuntimeException | Error e) {
                    offerRead(new ReadFailed("reading the tables failed: " + oneLine(e)));
                }
                nudges.poll(intervalNanos, TimeUnit.NANOSECONDS);
                nudges.clear();
                // a host so loaded that preparing a read takes longer than the interval: reading
                // and formatting more meanwhile would only take the worker's CPU for rows that
                // the next read replaces anyway
                heavyJobs.awaitIdle();
                heap.betweenRefreshes();
            }
        } catch (InterruptedException e) {
            // the view is ending
        }
    }

    /** Newest read wins: one waiting in the slot is replaced, never queued behind. */
    private void offerRead(Event e) {
        Reads before = latestRead.getAndUpdate(
                r -> e instanceof Data d ? new Reads(d, null) : new Reads(r == null ? null : r.data(), (ReadFailed) e));
        if (before == null) {
            events.add(new ReadReady());
        }
    }

    /**
     * A worker: prepares the newest job of its kind; a heavy one may skip a full sort that a
     * waiting job would redo in another order.
     */
    private void work(Jobs jobs, AtomicReference<Prepared> out, boolean heavy) {
        try {
            while (!stopped) {
                Prepared.Job job = jobs.take();
                Prepared p;
                try {
                    p = Prepared.prepare(job, () -> heavy && jobs.wantsAnotherOrder(job.spec()));
                } catch (RuntimeException | Error e) {
                    events.add(new WorkFailed(e));
                    return;
                }
                if (p != null && out.getAndSet(p) == null) {
                    events.add(new PreparedReady(out));
                }
            }
        } catch (InterruptedException e) {
            // the view is ending
        }
    }

    /** The worker's mailbox of jobs; knows whether its worker is busy. */
    static final class Jobs extends Latest<Prepared.Job> {
        private boolean busy;

        @Override
        synchronized Prepared.Job take() throws InterruptedException {
            busy = false;
            notifyAll();
            Prepared.Job j = super.take();
            busy = true;
            return j;
        }

        /** Waits until no job runs or waits. */
        synchronized void awaitIdle() throws InterruptedException {
            while (busy || peek() != null) {
                wait();
            }
        }

        /** Whether a job waits whose rows go in another order than {@code spec}'s. */
        boolean wantsAnotherOrder(Prepared.Spec spec) {
            Prepared.Job next = peek();
            return next != null
                    && (next.spec().sort() != spec.sort() || next.spec().reversed() != spec.reversed());
        }
    }

    /** A one-slot mailbox: {@link #put} replaces what is there, {@link #take} waits for something. */
    static class Latest<T> {
        private T value;

        synchronized void put(T v) {
            value = v;
            notifyAll();
        }

        synchronized T take() throws InterruptedException {
            while (value == null) {
                wait();
            }
            T v = value;
            value = null;
            return v;
        }

        synchronized T peek() {
            return value;
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // the terminal may be closed already (hangup): the handler no longer matters
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
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
