package dev.sockscope.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FreshReadingsTest {
    final AtomicLong clock = new AtomicLong(10_000);
    final AtomicInteger reads = new AtomicInteger();

    Reading reading() {
        reads.incrementAndGet();
        return new Reading(List.of(), dev.sockscope.health.Counters.NONE, clock.get(), 1, 0, 0);
    }

    @Test
    void aReadingYoungerThanTheLimitIsServedAgain() throws Exception {
        FreshReadings f = new FreshReadings(this::reading, 1000, clock::get);
        Reading first = f.get();
        clock.addAndGet(999);
        assertSame(first, f.get());
        assertEquals(1, reads.get());
        clock.addAndGet(1);
        Reading second = f.get();
        assertEquals(2, reads.get(), "at the limit it reads again");
        assertEquals(11_000, second.timeMs());
    }

    @Test
    void aFailedReadIsThrownAndTheNextCallTriesAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FreshReadings f = new FreshReadings(
                () -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("tables gone");
                    }
                    return reading();
                },
                1000,
                clock::get);
        assertThrows(IllegalStateException.class, f::get);
        assertEquals(0, f.get().rows().size());
        assertEquals(2, calls.get());
    }
}
