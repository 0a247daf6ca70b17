package dev.sockscope.query;

import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.service.ServiceRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The one query every output runs: the rows of a read, with rates against the read before,
 * filtered and sorted. {@code --list}, {@code --count}, the live view and every mode built on
 * sockets select their rows here, so they agree on what is shown and in which order.
 *
 * <p>Not thread-safe: one per run (it keeps the previous read's byte counters).
 */
public final class Pipeline {
    private final RateTracker rates = new RateTracker();

    /**
     * Rows with rates against the previous call's (by socket inode; null for a socket not seen
     * before or without byte counters).
     *
     * @param nanos a monotonic clock reading ({@link System#nanoTime()} or a test's)
     */
    public List<SocketRow> withRates(List<SocketRow> rows, long nanos) {
        return rates.apply(rows, nanos);
    }

    /**
     * A snapshot's rows with rates, timed by when its source read the byte counters
     * ({@link Snapshot#readNanos()}) where it says, else by {@code nanos}. The time taken after
     * {@code read} returns is late by the owner lookup, which varies from read to read (the first
     * read of a run, with cold classes, by a second and more): rates against it are off by as much.
     *
     * @param nanos a monotonic clock reading taken after the read, for a source that does not time it
     */
    public List<SocketRow> withRates(Snapshot snapshot, long nanos) {
        return rates.apply(snapshot.rows(), snapshot.readNanosOr(nanos));
    }

    /** The rows {@code filter} keeps, in {@code sort} order (reversed when asked), as a new list. */
    public static List<SocketRow> select(
            List<SocketRow> rows,
            Predicate<SocketRow> filter,
            SortKey sort,
            boolean reverse,
            ServiceRegistry services) {
        List<SocketRow> out = new ArrayList<>(rows.size());
        for (SocketRow r : rows) {
            if (filter.test(r)) {
                out.add(r);
            }
        }
        sort.sort(out, services, reverse);
        return out;
    }
}
