package dev.sockscope.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundTest {
    @Test
    void awaitReturnsOnceTheWorkIsDoneOnItsOwnNamedDaemonThread() {
        AtomicInteger done = new AtomicInteger();
        String[] where = new String[1];
        boolean[] daemon = new boolean[1];
        Background.Task t = Background.start(
                () -> {
                    sleep(50);
                    where[0] = Thread.currentThread().getName();
                    daemon[0] = Thread.currentThread().isDaemon();
                    done.incrementAndGet();
                },
                "sockscope-test");
        Background.await(t);
        assertEquals(1, done.get());
        assertEquals("sockscope-test", where[0]);
        assertTrue(daemon[0]);
    }

    @Test
    void theWorksUncheckedExceptionsAndErrorsAreRethrownAsTheyAre() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        assertSame(
                boom,
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Background.await(Background.start(
                                () -> {
                                    throw boom;
                                },
                                "t"))));
        AssertionError err = new AssertionError("err");
        assertSame(
                err,
                assertThrows(
                        AssertionError.class,
                        () -> Background.await(Background.start(
                                () -> {
                                    throw err;
                                },
                                "t"))));
    }

    @Test
    void anInterruptedWaitStillWaitsForTheWorkAndKeepsTheFlag() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        Background.Task t = Background.start(
                () -> {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    done.incrementAndGet();
                },
                "t");
        Thread releaser = new Thread(() -> {
            sleep(100);
            release.countDown();
        });
        Thread.currentThread().interrupt();
        releaser.start();
        try {
            Background.await(t);
            assertEquals(1, done.get(), "waited for the work though interrupted");
            assertTrue(Thread.interrupted(), "the flag is kept (and cleared here)");
        } finally {
            Thread.interrupted();
            releaser.join();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
