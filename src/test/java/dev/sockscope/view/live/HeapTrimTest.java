package dev.sockscope.view.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeapTrimTest {
    static final long MB = 1 << 20;

    /** A heap whose committed size grows by what the test says and shrinks to live / 0.7 on a collection. */
    static class FakeHeap {
        long committed;
        long live;

        void collect() {
            committed = live * 10 / 7;
        }
    }

    @Test
    void collectsOnlyWhenTheCommittedHeapOutgrowsTheLiveSet() {
        FakeHeap h = new FakeHeap();
        HeapTrim trim = new HeapTrim(() -> h.committed, () -> h.live, h::collect);
        h.committed = 40 * MB;
        h.live = 10 * MB;
        trim.betweenRefreshes();
        assertEquals(0, trim.collections(), "40 MB is under 32 + 16 + 32 MB");

        h.committed = 384 * MB; // the JVM's initial heap: committed, mostly untouched
        trim.betweenRefreshes();
        assertEquals(1, trim.collections());
        assertEquals(10 * MB + 5 * MB + 32 * MB, trim.threshold(), "1.5 x live + 32 MB");

        h.committed = 47 * MB;
        trim.betweenRefreshes();
        assertEquals(1, trim.collections(), "at the threshold: no collection");
        h.committed = 48 * MB;
        trim.betweenRefreshes();
        assertEquals(2, trim.collections());
    }

    @Test
    void aHeapThatCannotShrinkIsNotCollectedOnEveryRefresh() {
        FakeHeap h = new FakeHeap() {
            @Override
            void collect() {
                committed = Math.max(384 * MB, live * 10 / 7); // -Xms384m: the floor
            }
        };
        HeapTrim trim = new HeapTrim(() -> h.committed, () -> h.live, h::collect);
        h.live = 10 * MB;
        h.committed = 384 * MB;
        trim.betweenRefreshes();
        assertEquals(1, trim.collections());
        assertEquals(384 * MB + 32 * MB, trim.threshold());
        for (int i = 0; i < 10; i++) {
            trim.betweenRefreshes();
        }
        assertEquals(1, trim.collections(), "still 384 MB committed: nothing to give back");
        h.committed = 420 * MB;
        trim.betweenRefreshes();
        assertEquals(2, trim.collections(), "it grew past the floor and the slack");
    }

    @Test
    void followsALiveSetThatGrowsAndShrinks() {
        FakeHeap h = new FakeHeap();
        HeapTrim trim = new HeapTrim(() -> h.committed, () -> h.live, h::collect);
        h.live = 110 * MB; // 80,000 sockets
        h.committed = 6000 * MB;
        trim.betweenRefreshes();
        assertEquals(110 * MB + 55 * MB + 32 * MB, trim.threshold());

        h.committed = 190 * MB; // promotion of one refresh's rows
        trim.betweenRefreshes();
        assertEquals(1, trim.collections());

        h.live = 2 * MB; // the load went away
        h.committed = 200 * MB;
        trim.betweenRefreshes();
        assertEquals(2, trim.collections());
        assertEquals(2 * MB + MB + 32 * MB, trim.threshold());
    }
}
