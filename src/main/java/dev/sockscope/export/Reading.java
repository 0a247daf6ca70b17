package dev.sockscope.export;

import dev.sockscope.health.Counters;
import dev.sockscope.model.SocketRow;
import java.util.List;

/**
 * One reading of the tables as the metrics endpoint serves it.
 *
 * @param rows          the selected rows (the command line's filter applied)
 * @param counters      the kernel's protocol counters read with it ({@link dev.sockscope.health.CounterReader})
 * @param timeMs        when the reading was taken (epoch milliseconds)
 * @param readNanos     how long reading and joining owners took
 * @param unparsedLines table lines that could not be parsed
 * @param hiddenOwners  processes whose sockets could not be inspected (not root)
 */
public record Reading(
        List<SocketRow> rows, Counters counters, long timeMs, long readNanos, int unparsedLines, int hiddenOwners) {
    public Reading {
        rows = List.copyOf(rows);
    }
}
