package dev.sockscope.health;

import java.time.Instant;
import java.util.List;

/**
 * One {@code -s} reading: what a summary view shows.
 *
 * @param time   when it was read
 * @param counts sockets by protocol, state and process
 * @param now    the kernel's counters
 * @param before the counters at the previous reading (rates), or null
 * @param hints  what the hints engine saw
 */
public record Summary(Instant time, SocketCounts counts, Counters now, Counters before, List<Hint> hints) {
    public Summary {
        hints = List.copyOf(hints);
    }

    /** Per second since the previous reading, or null without one or without the counter. */
    public Double perSecond(KeyCounter c) {
        if (c.gauge() || before == null || now.nanos() <= before.nanos()) {
            return null;
        }
        Long rise = now.rise(before, c.nstatName());
        return rise == null ? null : rise * 1e9 / (now.nanos() - before.nanos());
    }
}
