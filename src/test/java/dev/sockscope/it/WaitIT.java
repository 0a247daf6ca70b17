package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.Launch;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code --wait-listen} and {@code --wait-free} end to end, with listeners this JVM opens and closes. */
@Tag("live")
class WaitIT {
    private static int freeLoopbackPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void waitListenEndsSoonAfterAListenerStartsASecondLater() throws Exception {
        int port = freeLoopbackPort();
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong openedAt = new AtomicLong();
        Thread later = new Thread(() -> {
            try (ServerSocket s = new ServerSocket()) {
                Thread.sleep(1000);
                s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5);
                openedAt.set(System.nanoTime());
                done.await(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long start = System.nanoTime();
        later.start();
        try {
            Launch l = Launch.run(
                    Launch.launcher("--wait-listen", "127.0.0.1:" + port, "--timeout", "30", "--verbose"),
                    Map.of(),
                    60);
            long end = System.nanoTime();

            assertEquals(0, l.status, l.toString());
            assertEquals("", l.out);
            assertTrue(l.err.startsWith("sockscope: 127.0.0.1:" + port + " is listening after "), l.err);
            assertTrue(l.err.contains("pid " + ProcessHandle.current().pid() + "/java"), l.err);
            assertTrue(openedAt.get() != 0 && end > openedAt.get(), "ended before the listener existed");
            System.out.printf(
                    "wait-listen: listener at %.2f s, sockscope ended at %.2f s%n",
                    (openedAt.get() - start) / 1e9, (end - start) / 1e9);
        } finally {
            done.countDown();
            later.join(10_000);
        }
    }

    @Test
    void waitListenTimesOutQuietlyWithOne() throws Exception {
        int port = freeLoopbackPort();
        Launch l = Launch.run(Launch.launcher("--wait-listen", "127.0.0.1:" + port, "--timeout", "1"), Map.of(), 60);

        assertEquals(1, l.status, l.toString());
        assertEquals("", l.out);
        assertEquals("", l.err);
    }

    @Test
    void waitListenIgnoresAListenerOnAnotherAddress() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Launch l = Launch.run(
                    Launch.launcher("--wait-listen", "[::1]:" + s.getLocalPort(), "--timeout", "0.5"), Map.of(), 60);
            assertEquals(1, l.status, l.toString());
            Launch any = Launch.run(Launch.launcher("--wait-listen", Integer.toString(s.getLocalPort())), Map.of(), 60);
            assertEquals(0, any.status, any.toString());
        }
    }

    @Test
    void waitFreeEndsOnceTheListenerCloses() throws Exception {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        int port = s.getLocalPort();
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(1000);
                s.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        closer.start();
        try {
            Launch l = Launch.run(
                    Launch.launcher("--wait-free", Integer.toString(port), "--timeout", "30", "--verbose"),
                    Map.of(),
                    60);
            assertEquals(0, l.status, l.toString());
            assertTrue(l.err.startsWith("sockscope: port " + port + "/tcp is free after "), l.err);
            assertTrue(s.isClosed());
        } finally {
            closer.join(10_000);
            s.close();
        }
    }

    @Test
    void waitFreeTimesOutWhileHeld() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Launch l = Launch.run(
                    Launch.launcher("--wait-free", s.getLocalPort() + "/tcp", "--timeout", "0.5", "--verbose"),
                    Map.of(),
                    60);
            assertEquals(1, l.status, l.toString());
            // the JDK's socket is an IPv6 one: tcp6 shows it as [::ffff:127.0.0.1]
            assertTrue(l.err.contains("is still held: tcp "), l.err);
            assertTrue(l.err.contains("127.0.0.1]:" + s.getLocalPort() + " LISTEN"), l.err);
        }
    }

    @Test
    void badTimeoutIsAUsageError() throws Exception {
        Launch l = Launch.run(Launch.launcher("--wait-free", "8080", "--timeout", "1d"), Map.of(), 60);
        assertEquals(2, l.status, l.toString());
        assertEquals("sockscope: --timeout: '1d' is not a number of seconds from 0 to 86400\n", l.err);
    }
}
