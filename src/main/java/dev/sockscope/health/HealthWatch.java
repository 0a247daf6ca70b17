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
    /** The last reading's rows and what was sorted out of them, for a reading of the same list. */
    private List<SocketRow> lastRows;

    private PortRange lastRange;

    private HintEngine.Candidates lastCandidates;
    private QueueReading lastQueues;

    public HealthWatch(Thresholds thresholds) {
        this.engine = new HintEngine(thresholds);
        this.keep = thresholds.queueReadings() - 1;
    }

    /** The hints of one reading, and the counters it was compared with (null at the first). */
    public record Reading(List<Hint> hints, Counters before) {}

    /**
     * @param rows     the sockets now, a list no one changes afterwards (the same list again is
     *                 taken for the same rows)
     * @param counters the kernel's counters now
     * @param range    the ephemeral port range, or null when unknown
     */
    public Reading accept(List<SocketRow> rows, Counters counters, PortRange range) {
        Counters before = previous;
        if (rows != lastRows || range != lastRange) {
            // a source hands on the same list when nothing changed (a quiet host): sorted out once
            lastRows = rows;
            lastRange = range;
            lastCandidates = HintEngine.Candidates.of(rows, range);
            lastQueues = QueueReading.of(lastCandidates.queued());
        }
        List<Hint> hints = engine.evaluate(
                new HintEngine.Input(rows, new ArrayList<>(history), counters, before, range), lastCandidates);
        history.addLast(lastQueues);
        while (history.size() > keep) {
            history.removeFirst();
        }
        previous = counters;
        return new Reading(hints, before);
    }
}
