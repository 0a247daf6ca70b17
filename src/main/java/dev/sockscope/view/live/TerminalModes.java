package dev.sockscope.view.live;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/**
 * The terminal modes the live view changes — raw input, the alternate screen, keypad mode, a
 * hidden cursor — and their undoing. {@link #restore()} runs once however many times and from
 * whichever thread it is called (the loop's {@code finally}, or the shutdown hook on SIGTERM
 * while the loop is still drawing); after it, {@link #draw} writes nothing, so no frame lands on
 * the user's main screen.
 */
final class TerminalModes {
    private final Terminal terminal;
    private final Attributes saved;
    private final AtomicBoolean restored = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();

    private TerminalModes(Terminal terminal, Attributes saved) {
        this.terminal = terminal;
        this.saved = saved;
    }

    static TerminalModes enter(Terminal t) {
        Attributes saved = t.enterRawMode();
        TerminalModes m = new TerminalModes(t, saved);
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
            quietly(() -> terminal.puts(Capability.cursor_visible));
            quietly(() -> terminal.puts(Capability.keypad_local));
            quietly(() -> {
                if (!terminal.puts(Capability.exit_ca_mode)) {
                    terminal.puts(Capability.clear_screen);
                }
            });
            quietly(terminal::flush);
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
