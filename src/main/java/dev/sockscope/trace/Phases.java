package dev.sockscope.trace;

import java.io.PrintStream;
import java.time.Instant;

/**
 * Where a run's time goes, for the benchmark's breakdown: with
 * {@code -Dsockscope.phases=T0} (the wall clock in nanoseconds since the epoch when the
 * launcher started {@code java}, e.g. {@code $(date +%s%N)}), each {@link #mark} prints one
 * line to standard error: {@code phase NAME AT_MS}, milliseconds since T0. Off (one static
 * check) without the property, so a normal run pays nothing.
 */
public final class Phases {
    private static final long T0 = start(System.getProperty("sockscope.phases"));
    private static final PrintStream ERR = System.err;

    private Phases() {}

    private static long start(String v) {
        if (v == null || v.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether marks are printed. */
    public static boolean on() {
        return T0 >= 0;
    }

    /** Prints the time since T0 under {@code name}, when on. */
    public static void mark(String name) {
        if (T0 < 0) {
            return;
        }
        Instant now = Instant.now();
        long tenths = (now.getEpochSecond() * 1_000_000_000L + now.getNano() - T0) / 100_000;
        // no printf: a Formatter's first use costs more than the phases it would measure
        ERR.println("phase " + name + " " + tenths / 10 + "." + Math.abs(tenths % 10));
    }
}
