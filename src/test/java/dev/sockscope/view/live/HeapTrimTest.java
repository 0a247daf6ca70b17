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

    static final long SLACK = HeapTrim.SLACK_MB * MB;

    @Test
    void collectsOnlyWhenTheCommittedHeapOutgrowsTheLiveSet() {
        FakeHeap h = new FakeHeap();
        HeapTrim trim = new HeapTrim(() -> h.committed, () -> h.live, h::collect);
        h.committed = 16 * MB;
        h.live = 10 * MB;
        trim.betweenRefreshes();
        assertEquals(0, trim.collections(), "16 MB is under 1.5 x the slack + the slack");

        h.committed = 384 * MB; // the JVM's initial heap: committed, mostly untouched
        trim.betweenRefreshes();
        assertEquals(1, trim.collections());
        assertEquals(10 * MB + 5 * MB + SLACK, trim.threshold(), "1.5 x live + the slack");

        h.committed = 15 * MB + SLACK;
        trim.betweenRefreshes();
        assertEquals(1, trim.collections(), "at the threshold: no collection");
        h.committed = 16 * MB + SLACK;
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
        assertEquals(384 * MB + SLACK, trim.threshold());
        for (int i = 0; i < 10; i++) {
            trim.betweenRefreshes();
        }
        assertEquals(1, trim.collections(), "still 384 MB committed: nothing to give back");
        h.committed = 384 * MB + SLACK + MB;
        trim.betweenRefreshes();
        assertEquals(2, trim.collections(), "it grew past the floor and the slack");
    }

    @Test
    void followsALiveSetThatGrowsAndShrinks() {
        FakeHeap h = new FakeHeap();
        HeapTrim trim = new HeapTrim(() -> h.committed, () -> h.live, h::collect);
        h.live = 22 * MB; // 80,000 sockets
        h.committed = 6000 * MB;
        trim.betweenRefreshes();
        assertEquals(22 * MB + 11 * MB + SLACK, trim.threshold());

        h.committed = 31 * MB + 20 * MB; // what the collection left, and one refresh's rows promoted
        trim.betweenRefreshes();
        assertEquals(2, trim.collections(), "one refresh's rows are more than the slack");

        h.live = 2 * MB; // the load went away
        h.committed = 200 * MB;
        trim.betweenRefreshes();
        assertEquals(3, trim.collections());
        assertEquals(2 * MB + MB + SLACK, trim.threshold());
        h.committed = 3 * MB + SLACK;
        trim.betweenRefreshes();
        assertEquals(3, trim.collections());
    }
}
