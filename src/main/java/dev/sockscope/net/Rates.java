package dev.sockscope.net;

/**
 * Traffic per second between two readings of an interface's {@link Counters}.
 *
 * @param rxBytes   received bytes per second
 * @param rxPackets received packets per second
 * @param txBytes   sent bytes per second
 * @param txPackets sent packets per second
 */
public record Rates(double rxBytes, double rxPackets, double txBytes, double txPackets) {

    /**
     * The rates between two readings, a pure function of its arguments.
     *
     * @param before         the earlier reading
     * @param after          the later reading
     * @param elapsedNanos   time between them
     * @return the rates; null when there is no rate to give: no time passed, a reading is
     *     missing, or a counter went backwards (the interface was re-created or its counters
     *     reset), never a made-up or negative rate
     */
    public static Rates between(Counters before, Counters after, long elapsedNanos) {
        if (before == null || after == null || elapsedNanos <= 0) {
            return null;
        }
        if (before.rxBytes() < 0 || before.rxPackets() < 0 || before.txBytes() < 0 || before.txPackets() < 0) {
            return null; // a counter the platform does not provide
        }
        if (after.rxBytes() < before.rxBytes()
                || after.rxPackets() < before.rxPackets()
                || after.txBytes() < before.txBytes()
                || after.txPackets() < before.txPackets()) {
            return null;
        }
        double seconds = elapsedNanos / 1e9;
        return new Rates(
                (after.rxBytes() - before.rxBytes()) / seconds,
                (after.rxPackets() - before.rxPackets()) / seconds,
                (after.txBytes() - before.txBytes()) / seconds,
                (after.txPackets() - before.txPackets()) / seconds);
    }
}
