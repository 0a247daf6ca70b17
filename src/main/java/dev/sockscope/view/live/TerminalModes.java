package dev.sockscope.view.live;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.Curses;
import org.jline.utils.InfoCmp.Capability;

/**
 * The terminal modes the live view changes — raw input, the alternate screen, keypad mode, a
 * hidden cursor — and their undoing. {@link #restore()} runs once however many times and from
 * whichever thread it is called (the loop's {@code finally}, or the shutdown hook on SIGTERM
 * while the loop is still drawing); after it, {@link #draw} writes nothing, so no frame lands on
 * the user's main screen.
 *
 * <p>On SIGTERM/SIGHUP the JVM runs every shutdown hook at once, JLine's own among them, which
 * closes the terminal's writer. So the undoing sequence is computed up front, and when the
 * writer is already closed it goes straight to {@code fallback} (the process's stdout).
 */
final class TerminalModes {
    private final Terminal terminal;
    private final Attributes saved;
    private final AtomicBoolean restored = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private final String undo;
    private final OutputStream fallback;

    private TerminalModes(Terminal terminal, Attributes saved, OutputStream fallback) {
        this.terminal = terminal;
        this.saved = saved;
        this.fallback = fallback;
        StringBuilder b = new StringBuilder();
        // cnorm, not cvvis: cursor_visible is "very visible" (a blinking block on some terminals)
        if (!append(b, Capability.cursor_normal)) {
            append(b, Capability.cursor_visible);
        }
        append(b, Capability.keypad_local);
        if (!append(b, Capability.exit_ca_mode)) {
            append(b, Capability.clear_screen);
        }
        this.undo = b.toString();
    }

    private boolean append(StringBuilder b, Capability c) {
        String s = terminal.getStringCapability(c);
        if (s == null) {
            return false;
        }
        Curses.tputs(b, s);
        return true;
    }

    /**
     * Enters raw mode, the alternate screen, keypad mode, and hides the cursor.
     *
     * @param fallback where the undoing goes if the terminal's writer is closed when restoring;
     *                 null for none
     */
    static TerminalModes enter(Terminal t, OutputStream fallback) {
        Attributes saved = t.enterRawMode();
        TerminalModes m = new TerminalModes(t, saved, fallback);
        try {
            t.puts(Capability.enter_ca_mode);
            // the alternate screen keeps the cursor where it was: home it and start blank
            t.puts(Capability.clear_screen);
            t.puts(Capability.keypad_xmit);
            t.puts(Capability.cursor_invisible);
            t.flush();
        } catch (RuntimeException e) {
            m.restore();
            throw e;
        }
        return m;
    }

    /** Runs one frame's output unless the terminal was already restored. */
    void draw(Runnable frame) {
        lock.lock();
        try {
            if (!restored.get()) {
                frame.run();
                terminal.flush();
            }
        } finally {
            lock.unlock();
        }
    }

    boolean restored() {
        return restored.get();
    }

    /** Puts the terminal back as it was; idempotent and safe from any thread. */
    void restore() {
        if (!restored.compareAndSet(false, true)) {
            return;
        }
        boolean locked = false;
        try {
            // a frame being written finishes first; a write stuck on a full pty is not waited for
            locked = lock.tryLock(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            boolean written = false;
            try {
                PrintWriter w = terminal.writer();
                w.write(undo);
                w.flush();
                written = !w.checkError();
            } catch (RuntimeException e) {
                // closed by JLine's own shutdown hook: use the fallback below
            }
            if (!written && fallback != null) {
                try {
                    fallback.write(undo.getBytes(terminal.outputEncoding()));
                    fallback.flush();
                } catch (IOException | RuntimeException e) {
                    // the terminal is gone (hangup): nothing is left to restore on it
                }
            }
            quietly(() -> terminal.setAttributes(saved));
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // the terminal may already be closed (hangup): each step is tried on its own
        }
    }
}
