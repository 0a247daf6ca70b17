package dev.sockscope.export;

import java.util.function.LongSupplier;

/**
 * Hands out a reading at most {@code maxAgeMs} old: a fresh one when the last is older, else the
 * last. Concurrent callers wait for one read instead of reading at once. The clock is injected.
 */
public final class FreshReadings {
    /** Takes a reading; its failure is the caller's to report. */
    public interface Reader {
        Reading read() throws Exception;
    }

    private final Reader reader;
    private final long maxAgeMs;
    private final LongSupplier clockMs;
    private Reading last;
    private long lastAt;

    public FreshReadings(Reader reader, long maxAgeMs, LongSupplier clockMs) {
        this.reader = reader;
        this.maxAgeMs = maxAgeMs;
        this.clockMs = clockMs;
    }

    /** The last reading when younger than the limit, else a new one. */
    public synchronized Reading get() throws Exception {
        long now = clockMs.getAsLong();
        if (last == null || now - lastAt >= maxAgeMs) {
            last = null; // the old rows may go while the new ones are read (80,000 rows are tens of MB)
            last = reader.read();
            lastAt = clockMs.getAsLong();
        }
        return last;
    }
}
