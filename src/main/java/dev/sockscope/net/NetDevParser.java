package dev.sockscope.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code /proc/net/dev}: two header lines, then one line per interface, {@code
 * name: } and sixteen decimal counters (receive: bytes packets errs drop fifo frame compressed
 * multicast; transmit: bytes packets errs drop fifo colls carrier compressed). Its "drop"
 * column for receive is {@code rx_dropped + rx_missed_errors}; {@code /sys/class/net/*}
 * {@code /statistics} has them apart and is preferred where present.
 *
 * <p>A line without a colon, with fewer than 16 counters, or with a counter that is not a
 * decimal fitting a signed long is skipped and counted.
 */
public final class NetDevParser {
    /** The counters of one interface. */
    public record DevCounters(String name, Counters counters) {}

    private NetDevParser() {}

    public static Parsed<DevCounters> parse(String text) {
        List<DevCounters> out = new ArrayList<>();
        int bad = 0;
        List<String> lines = Lines.of(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i < 2 && line.indexOf('|') >= 0) {
                continue; // the two header lines
            }
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                bad++;
                continue;
            }
            String name = line.substring(0, colon).strip();
            List<String> f = Lines.fields(line.substring(colon + 1));
            if (name.isEmpty() || f.size() < 16) {
                bad++;
                continue;
            }
            long[] v = new long[16];
            boolean ok = true;
            for (int k = 0; k < 16; k++) {
                v[k] = Lines.decimal(f.get(k));
                ok &= v[k] >= 0;
            }
            if (!ok) {
                bad++;
                continue;
            }
            out.add(new DevCounters(name, new Counters(v[0], v[1], v[2], v[3], v[8], v[9], v[10], v[11])));
        }
        return new Parsed<>(out, bad);
    }
}
