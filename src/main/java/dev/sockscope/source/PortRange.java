package dev.sockscope.source;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * An inclusive range of ports, {@code from..to}, for {@link TableSelection}'s port conditions.
 */
public record PortRange(int from, int to) {
    public PortRange {
        if (from < 0 || to > 65535 || from > to) {
            throw new IllegalArgumentException("bad port range " + from + "-" + to);
        }
    }

    /** The fewest ranges covering exactly the ports 0..65535 that {@code contains} accepts. */
    public static List<PortRange> of(IntPredicate contains) {
        List<PortRange> out = new ArrayList<>();
        int start = -1;
        for (int p = 0; p <= 65536; p++) {
            boolean in = p <= 65535 && contains.test(p);
            if (in && start < 0) {
                start = p;
            } else if (!in && start >= 0) {
                out.add(new PortRange(start, p - 1));
                start = -1;
            }
        }
        return out;
    }
}
