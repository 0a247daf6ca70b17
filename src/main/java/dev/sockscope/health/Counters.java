package dev.sockscope.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's protocol counters at one moment, named as {@code nstat} names them: the group
 * and the counter joined ({@code TcpActiveOpens}, {@code TcpExtListenOverflows},
 * {@code UdpRcvbufErrors}, {@code Udp6RcvbufErrors}).
 *
 * <p>A counter the kernel did not report (older kernel, a file missing from a captured tree, a
 * malformed line) is absent, never 0.
 *
 * @param values    counter name to value, in the kernel's order
 * @param malformed header/value lines or values that could not be parsed and were skipped
 * @param missing   files that could not be read (e.g. {@code net/snmp6} with IPv6 disabled)
 * @param nanos     when the counters were read ({@link System#nanoTime()}), for rates
 */
public record Counters(Map<String, Long> values, int malformed, List<String> missing, long nanos) {
    /** No counters at all. */
    public static final Counters NONE = new Counters(Map.of(), 0, List.of(), 0);

    public Counters {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        missing = List.copyOf(missing);
    }

    /** The counter's value, or null when the kernel did not report it. */
    public Long get(String name) {
        return values.get(name);
    }

    /** How much {@code name} rose since {@code before}, or null when either reading lacks it. */
    public Long rise(Counters before, String name) {
        Long now = get(name);
        Long then = before == null ? null : before.get(name);
        return now == null || then == null ? null : now - then;
    }

    /** This reading with another time stamp (tests). */
    public Counters at(long nanos) {
        return new Counters(values, malformed, missing, nanos);
    }
}
