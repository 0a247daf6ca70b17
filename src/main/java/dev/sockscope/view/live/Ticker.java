package dev.sockscope.view.live;

/**
 * Monotonic time for the live view's worker: when the next read is due. Injected, so tests
 * move time by hand and never sleep.
 */
interface Ticker {
    /** Now, in nanoseconds, on a clock that only moves forward. */
    long nanos();

    /** {@link System#nanoTime()}. */
    Ticker SYSTEM = System::nanoTime;
}
