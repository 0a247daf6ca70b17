package dev.sockscope.view.live;

import dev.sockscope.cli.ExitCode;
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
 *       (at once after a toggle widens the tables), so a slow read never holds up a key;</li>
 *   <li>this thread applies both to the state and redraws, changed lines only, through
 *       {@link Display}; a resize (SIGWINCH) redraws at once.</li>
 * </ul>
 *
 * <p>The terminal is put back as it was (cooked mode, main screen, keypad off, cursor shown) on
 * {@code q}, Ctrl-C, end of input, an exception, and from a shutdown hook on SIGTERM/SIGHUP;
 * restoring is idempotent. An error is then printed as one line on the error stream.
 */
public final class LiveView {
    /**
     * Returned by {@link #run(LiveOptions)} when the terminal cannot host a full-screen view
     * ({@code TERM=dumb} or no cursor addressing): the caller prints a snapshot instead. Never an
     * exit status.
     */
    public static final int UNSUPPORTED = -1;

    private final LiveOptions options;
    private final Terminal terminal;
    private final Clock clock;
    private final LiveState state;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> nudges = new LinkedBlockingQueue<>();
    private final AtomicReference<TableSelection> tables;
    private volatile boolean stopped;

    private interface Event {
    }

    private record Key(Action action, String text) implements Event {
    }

    private record Data(Snapshot snapshot, TableSelection read, Instant at) implements Event {
    }

    private record ReadFailed(String message) implements Event {
    }

    private record Resize() implements Event {
    }

    private record InputFailed(Throwable error) implements Event {
    }

    private LiveView(LiveOptions options, Terminal terminal, Clock clock, ZoneId zone, String host) {
        this.options = options;
        this.terminal = terminal;
        this.clock = clock;
        this.state = new LiveState(options, host, zone);
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
            return ExitCode.UNREADABLE;
        }
        try (Terminal closing = t) {
            if (t.getType() == null || t.getType().startsWith(Terminal.TYPE_DUMB)
                    || t.getStringCapability(org.jline.utils.InfoCmp.Capability.cursor_address) == null) {
                return UNSUPPORTED;
            }
            return run(o, t, Clock.systemUTC(), ZoneId.systemDefault(), hostName(), true);
        } catch (IOException e) {
            // closing the terminal failed after the view ended: nothing left to restore
            return ExitCode.OK;
        }
    }

    /** The loop on a given terminal; {@code hook} registers a shutdown hook for SIGTERM/SIGHUP. */
    static int run(LiveOptions o, Terminal t, Clock clock, ZoneId zone, String host, boolean hook) {
        return new LiveView(o, t, clock, zone, host).loop(hook);
    }

    private int loop(boolean hook) {
        String error = null;
        int code = ExitCode.OK;
        TerminalModes modes = null;
        Thread shutdownHook = null;
        Thread input = null;
        Thread refresher = null;
        Terminal.SignalHandler previousWinch = null;
        try {
            modes = TerminalModes.enter(terminal, hook ? new FileOutputStream(FileDescriptor.out) : null);
            if (hook) {
                TerminalModes m = modes;
                shutdownHook = new Thread(m::restore, "sockscope-restore-terminal");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
            previousWinch = terminal.handle(Terminal.Signal.WINCH, s -> events.add(new Resize()));
            Display display = new Display(terminal, true);
            Size size = size();
            display.resize(size.getRows(), size.getColumns());
            display.clear();
            input = daemon(this::readKeys, "sockscope-keys");
            refresher = daemon(this::refresh, "sockscope-refresh");
            input.start();
            refresher.start();
            draw(modes, display, size);
            while (!state.quit()) {
                Event e = events.take();
                do {
                    if (e instanceof Resize) {
                        size = size();
                        display.resize(size.getRows(), size.getColumns());
                        display.clear();
                    } else if (e instanceof Key k && k.action() == Action.REDRAW) {
                        display.clear();
                    } else if (e instanceof InputFailed f) {
                        throw new IllegalStateException("reading keys failed: " + oneLine(f.error()), f.error());
                    } else if (e instanceof ReadFailed f && state.snapshot() == null) {
                        error = f.message();
                        code = ExitCode.UNREADABLE;
                        return code;
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
            code = ExitCode.UNREADABLE;
            return code;
        } finally {
            stopped = true;
            if (refresher != null) {
                refresher.interrupt();
            }
            if (input != null) {
                input.interrupt();
            }
            if (previousWinch != null) {
                terminal.handle(Terminal.Signal.WINCH, previousWinch);
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
            state.accept(d.snapshot(), d.read(), d.at());
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
    }

    private Size size() {
        Size s = terminal.getSize();
        if (s == null || s.getColumns() <= 0 || s.getRows() <= 0) {
            return new Size(80, 24);
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
                if (e.getCause() instanceof InterruptedIOException || e.getClass().getSimpleName().equals("EndOfFileException")) {
                    events.add(new Key(Action.INTERRUPT, ""));
                } else {
                    events.add(new InputFailed(e));
                }
            }
        }
    }

    private void refresh() {
        long intervalNanos = options.interval().toNanos();
        try {
            while (!stopped) {
                TableSelection sel = tables.get();
                try {
                    Snapshot s = options.source().read(sel);
                    events.add(new Data(s, sel, clock.instant()));
                } catch (SourceException e) {
                    events.add(new ReadFailed(oneLine(e)));
                } catch (RuntimeException e) {
                    events.add(new ReadFailed("reading the tables failed: " + oneLine(e)));
                }
                nudges.poll(intervalNanos, TimeUnit.NANOSECONDS);
                nudges.clear();
            }
        } catch (InterruptedException e) {
            // the view is ending
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
