package dev.sockscope.view.live;

import java.util.function.LongSupplier;

/**
 * Keeps the live view's heap near what it holds. Every refresh keeps its snapshot for one
 * interval, long enough to outlive many young collections, so each refresh's rows end up in the
 * old generation; the serial collector then grows the old generation rather than collect it,
 * up to a quarter of RAM (measured: 6 GB of RSS after three minutes at 80,000 sockets, with a
 * live set of about 110 MB). Between refreshes, when the committed heap has grown past one and a
 * half times the live set of the last full collection plus {@value #SLACK_MB} MB, this asks for
 * a full collection, which with {@code -XX:MaxHeapFreeRatio} and {@code -XX:-ShrinkHeapInSteps}
 * (set by the launcher, with a small {@code -Xms}) also gives the memory back. A heap that cannot
 * shrink (its initial size is larger: run without the launcher) raises the threshold to what the
 * collection left committed plus the slack, so it is not collected again on every refresh.
 *
 * <p>The slack is small: on a host whose refresh promotes more than {@value #SLACK_MB} MB (about
 * 30,000 sockets and up) this collects after every refresh, 35 to 65 ms of serial full
 * collection at 80,000 sockets, against a refresh of about a second of CPU; the heap then never
 * holds more than the shown read's rows and the next one's. A 32 MB slack collected every third
 * refresh there and peaked 20 MB of RSS higher. An idle host promotes little and is collected
 * rarely.
 */
final class HeapTrim {
    static final long SLACK_MB = 8;
    private static final long SLACK = SLACK_MB << 20;

    private final LongSupplier committed;
    private final LongSupplier used;
    private final Runnable collect;
    private long liveAfterCollection = SLACK;
    private long committedAfterCollection;
    private int collections;

    HeapTrim() {
        this(
                Runtime.getRuntime()::totalMemory,
                () -> Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory(),
                System::gc);
    }

    HeapTrim(LongSupplier committed, LongSupplier used, Runnable collect) {
        this.committed = committed;
        this.used = used;
        this.collect = collect;
    }

    /** Called between refreshes, when the previous snapshot is no longer referenced. */
    void betweenRefreshes() {
        if (committed.getAsLong() > threshold()) {
            collect.run();
            collections++;
            liveAfterCollection = used.getAsLong();
            committedAfterCollection = committed.getAsLong();
        }
    }

    /** The committed size above which the next call collects. */
    long threshold() {
        return Math.max(liveAfterCollection + liveAfterCollection / 2, committedAfterCollection) + SLACK;
    }

    int collections() {
        return collections;
    }
}
