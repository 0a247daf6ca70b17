package dev.sockscope.view.live;

/**
 * The live view's one concurrency seam: the hand-off between the worker (which reads the
 * tables and prepares frames) and the loop (which reads keys, changes the state and draws).
 * Nothing else is shared between the two threads.
 *
 * <ul>
 *   <li>The loop tells the worker what it wants with {@link #want(Settings, boolean)}: the newest
 *       settings and whether refreshing is paused. A newer call replaces an older one; the
 *       worker never sees a queue of them.</li>
 *   <li>The worker hands the loop each finished {@link Frame} with {@link #publish(Frame)}. A
 *       newer frame replaces one not taken yet, so a loop that falls behind (a terminal that
 *       does not read its output) holds at most one waiting frame, never a queue.</li>
 *   <li>The loop takes the newest frame with {@link #take()} (null when none is waiting), between
 *       two waits for a key of at most {@link LiveView#POLL_MS} ms while a frame may come
 *       ({@link #keyWaitMs}), so a frame shows at most that long after it is ready, and the loop
 *       never waits for the worker.</li>
 *   <li>The worker waits in {@link #awaitChange} until the settings change, the next read is
 *       due, or the view stops; it is woken by {@link #want} and {@link #stop()}.</li>
 *   <li>A worker that fails hands its error over with {@link #fail(Throwable)}; the loop ends on it.</li>
 * </ul>
 *
 * All methods are synchronized on this object; none blocks but {@link #awaitChange}.
 */
final class Exchange {
    private Settings wanted;
    private boolean paused;
    private boolean stopped;
    private Frame frame;
    private Throwable failure;
    /** Whether the worker waits in {@link #awaitChange}, until {@link #waitingUntil} unless paused. */
    private boolean waiting;

    private long waitingUntil;

    Exchange(Settings initial) {
        this.wanted = initial;
    }

    // ---- the loop's side ----

    /** The newest settings, and whether refreshing is paused; wakes the worker when they changed. */
    synchronized void want(Settings s, boolean pause) {
        if (s.generation() != wanted.generation() || pause != paused) {
            wanted = s;
            paused = pause;
            waiting = false; // woken: it prepares a frame now
            notifyAll();
        }
    }

    /**
     * How long the loop may wait for a key: {@code busyMs} while a frame may come (the worker
     * reads or prepares one, or one waits); while the worker waits for its next read, until
     * then, at least {@code busyMs} and at most {@code idleMs}.
     */
    synchronized long keyWaitMs(long busyMs, long idleMs, Ticker ticker) {
        if (!waiting || frame != null || stopped) {
            return busyMs;
        }
        if (paused) {
            return idleMs;
        }
        long left = (waitingUntil - ticker.nanos()) / 1_000_000;
        return Math.max(busyMs, Math.min(idleMs, left));
    }

    /** The newest frame not taken yet, or null. */
    synchronized Frame take() {
        Frame f = frame;
        frame = null;
        return f;
    }

    /** The worker's error, or null. */
    synchronized Throwable failure() {
        return failure;
    }

    /** Ends the worker's wait for good. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    // ---- the worker's side ----

    synchronized Settings wanted() {
        return wanted;
    }

    synchronized boolean paused() {
        return paused;
    }

    synchronized boolean stopped() {
        return stopped;
    }

    synchronized void publish(Frame f) {
        frame = f;
    }

    synchronized void fail(Throwable e) {
        failure = e;
    }

    /**
     * Waits until the settings are newer than {@code prepared}, the read due at {@code due}
     * (on {@code ticker}; never while paused) is due, or the view stops.
     */
    synchronized void awaitChange(long prepared, long due, Ticker ticker) throws InterruptedException {
        waiting = true;
        waitingUntil = due;
        try {
            while (!stopped && wanted.generation() == prepared) {
                long left = due - ticker.nanos();
                if (!paused && left <= 0) {
                    return;
                }
                if (paused) {
                    wait();
                } else {
                    long ms = left / 1_000_000;
                    wait(ms, (int) (left % 1_000_000));
                }
            }
        } finally {
            waiting = false;
        }
    }
}
