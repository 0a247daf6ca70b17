package dev.sockscope.health;

import dev.sockscope.model.SocketRow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Hints over repeated readings, for {@code -s --interval} and the live view: remembers the
 * previous counters and the last few readings' queues (only sockets with something queued), and
 * hands them to the {@link HintEngine} with each new reading. One thread at a time.
 */
public final class HealthWatch {
    private final HintEngine engine;
    private final int keep;
    private final ArrayDeque<QueueReading> history = new ArrayDeque<>();
    private Counters previous;

    public HealthWatch(Thresholds thresholds) {
        this.engine = new HintEngine(thresholds);
        this.keep = thresholds.queueReadings() - 1;
    }

    /** The hints of one reading, and the counters it was compared with (null at the first). */
    public record Reading(List<Hint> hints, Counters before) {}

    /**
     * @param rows     the sockets now
     * @param counters the kernel's counters now
     * @param range    the ephemeral port range, or null when unknown
     */
    public Reading accept(List<SocketRow> rows, Counters counters, PortRange range) {
        Counters before = previous;
        HintEngine.Candidates c = HintEngine.Candidates.of(rows, range);
        List<Hint> hints =
                engine.evaluate(new HintEngine.Input(rows, new ArrayList<>(history), counters, before, range), c);
        history.addLast(QueueReading.of(c.queued()));
        while (history.size() > keep) {
            history.removeFirst();
        }
        previous = counters;
        return new Reading(hints, before);
    }
}
