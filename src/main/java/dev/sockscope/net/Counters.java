package dev.sockscope.net;

/**
 * An interface's traffic counters since it came up, as {@code /proc/net/dev} and {@code
 * /sys/class/net/IFACE/statistics} give them ({@code netstat -i}'s RX-OK, RX-ERR, RX-DRP...).
 * Counters are unsigned 64-bit in the kernel; a value beyond {@link Long#MAX_VALUE} does not
 * parse (the line is counted as bad) rather than turning negative.
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

    public Counters {
        if (rxBytes < 0
                || rxPackets < 0
                || rxErrors < 0
                || rxDropped < 0
                || txBytes < 0
                || txPackets < 0
                || txErrors < 0
                || txDropped < 0) {
            throw new IllegalArgumentException("negative counter");
        }
    }
}
