package dev.sockscope.net;

/**
 * An interface's traffic counters since it came up, as {@code /proc/net/dev} and {@code
 * /sys/class/net/IFACE/statistics} give them ({@code netstat -i}'s RX-OK, RX-ERR, RX-DRP...).
 * Counters are unsigned 64-bit in the kernel; a value beyond {@link Long#MAX_VALUE} does not
 * parse (the line is counted as bad) rather than turning negative. A counter a platform does
 * not provide is {@link #UNKNOWN} (OSHI has no transmit drops), never a made-up 0.
 */
public record Counters(
        long rxBytes,
        long rxPackets,
        long rxErrors,
        long rxDropped,
        long txBytes,
        long txPackets,
        long txErrors,
        long txDropped) {

    /** A counter the platform does not provide. */
    public static final long UNKNOWN = -1;

    public Counters {
        if (rxBytes < UNKNOWN
                || rxPackets < UNKNOWN
                || rxErrors < UNKNOWN
                || rxDropped < UNKNOWN
                || txBytes < UNKNOWN
                || txPackets < UNKNOWN
                || txErrors < UNKNOWN
                || txDropped < UNKNOWN) {
            throw new IllegalArgumentException("negative counter");
        }
    }
}
