package dev.sockscope.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReverseDnsTest {

    private static final Duration LONG = Duration.ofSeconds(10);

    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<ReverseDns> opened = new ArrayList<>();

    @AfterEach
    void tearDown() {
        release.countDown(); // frees resolver threads still parked by a test
        opened.forEach(ReverseDns::close);
    }

    private ReverseDns dns(ReverseDns.Resolver resolver, int threads, Duration timeout, int entries) {
        ReverseDns dns = new ReverseDns(
                address -> {
                    calls.computeIfAbsent(address.getHostAddress(), k -> new AtomicInteger())
                            .incrementAndGet();
                    return resolver.resolve(address);
                },
                threads,
                timeout,
                entries);
        opened.add(dns);
        return dns;
    }

    /** A resolver that names 10.0.0.x "host-x.example" and knows nothing else. */
    private static String fake(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 && b[0] == 10 ? "host-" + (b[3] & 0xFF) + ".example" : null;
    }

    private int callsFor(String address) {
        AtomicInteger count = calls.get(address);
        return count == null ? 0 : count.get();
    }

    @Test
    void lookupReturnsAtOnceWhileTheResolverIsStuck() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        ReverseDns dns = dns(
                address -> {
                    started.countDown();
                    release.await();
                    return "slow.example";
                },
                2,
                LONG,
                16);
        String first = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> dns.lookup("10.0.0.1"));
        assertNull(first);
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertNull(assertTimeoutPreemptively(Duration.ofSeconds(2), () -> dns.lookup("10.0.0.1")));
        release.countDown();
        assertEquals("slow.example", dns.lookupBlocking("10.0.0.1", LONG));
        assertEquals("slow.example", dns.lookup("10.0.0.1"));
        assertEquals(1, callsFor("10.0.0.1"));
    }

    @Test
    void cachesPositiveAndNegativeResults() {
        ReverseDns dns = dns(ReverseDnsTest::fake, 2, LONG, 16);
        assertEquals("host-7.example", dns.lookupBlocking("10.0.0.7", LONG));
        assertNull(dns.lookupBlocking("192.0.2.1", LONG));
        for (int k = 0; k < 5; k++) {
            assertEquals("host-7.example", dns.lookup("10.0.0.7"));
            assertNull(dns.lookup("192.0.2.1"));
            assertNull(dns.lookupBlocking("192.0.2.1", LONG));
        }
        assertEquals(1, callsFor("10.0.0.7"));
        assertEquals(1, callsFor("192.0.2.1"));
    }

    @Test
    void resolverErrorIsCachedAsNoName() {
        ReverseDns dns = dns(
                address -> {
                    throw new java.net.UnknownHostException("boom");
                },
                1,
                LONG,
                16);
        assertNull(dns.lookupBlocking("10.0.0.9", LONG));
        assertNull(dns.lookupBlocking("10.0.0.9", LONG));
        assertEquals(1, callsFor("10.0.0.9"));
    }

    @Test
    void timedOutLookupCountsAsNoNameAndALateAnswerStillFillsTheCache() throws InterruptedException {
        ReverseDns dns = dns(
                address -> {
                    release.await();
                    return "late.example";
                },
                1,
                Duration.ofMillis(50),
                16);
        long start = System.nanoTime();
        assertNull(dns.lookupBlocking("10.0.0.2", LONG));
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMs < 5_000, "waited " + waitedMs + " ms, the timeout is 50 ms");
        assertNull(dns.lookupBlocking("10.0.0.2", LONG)); // settled: no second wait, no second call
        assertEquals(1, callsFor("10.0.0.2"));
        release.countDown();
        long deadline = System.nanoTime() + LONG.toNanos();
        while (dns.lookup("10.0.0.2") == null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals("late.example", dns.lookup("10.0.0.2"));
        assertEquals(1, callsFor("10.0.0.2"));
    }

    @Test
    void runsAtMostMaxConcurrentLookups() throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch twoRunning = new CountDownLatch(2);
        ReverseDns dns = dns(
                address -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    twoRunning.countDown();
                    release.await();
                    running.decrementAndGet();
                    return fake(address);
                },
                2,
                LONG,
                64);
        List<String> addresses = new ArrayList<>();
        for (int k = 1; k <= 10; k++) {
            addresses.add("10.0.0." + k);
        }
        dns.prefetch(addresses);
        assertTrue(twoRunning.await(5, TimeUnit.SECONDS));
        release.countDown();
        Map<String, String> names = dns.awaitAll(addresses, LONG);
        assertEquals(10, names.size());
        assertEquals("host-10.example", names.get("10.0.0.10"));
        assertEquals(2, most.get());
    }

    @Test
    void awaitAllKeepsOneTotalDeadlineForAThousandStuckAddresses() {
        ReverseDns dns = dns(
                address -> {
                    release.await();
                    return "never.example";
                },
                4,
                Duration.ofSeconds(1),
                2048);
        List<String> addresses = new ArrayList<>();
        for (int k = 0; k < 1000; k++) {
            addresses.add("10.1." + (k / 256) + "." + (k % 256));
        }
        long start = System.nanoTime();
        Map<String, String> names =
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> dns.awaitAll(addresses, Duration.ofMillis(200)));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(names.isEmpty());
        assertTrue(tookMs < 3_000, "took " + tookMs + " ms for a 200 ms deadline");
        assertEquals(4, calls.size()); // the other 996 wait in the queue
    }

    @Test
    void awaitAllResolvesAThousandAddressesInOrder() {
        ReverseDns dns = dns(ReverseDnsTest::fake, 4, LONG, 2048);
        List<String> addresses = new ArrayList<>();
        for (int k = 0; k < 1000; k++) {
            addresses.add(k % 2 == 0 ? "10.0." + (k / 256) + "." + (k % 256) : "192.0.2." + (k % 256));
        }
        Map<String, String> names = dns.awaitAll(addresses, LONG);
        assertEquals(500, names.size());
        assertEquals("10.0.0.0", names.keySet().iterator().next());
        assertEquals("host-230.example", names.get("10.0.3.230"));
        assertEquals(500 + 128, calls.size()); // repeated 192.0.2.x addresses are looked up once
        assertFalse(names.containsKey("192.0.2.1"));
    }

    @Test
    void cacheIsBoundedAndDropsTheLeastRecentlyUsed() {
        ReverseDns dns = dns(ReverseDnsTest::fake, 1, LONG, 3);
        for (int k = 1; k <= 5; k++) {
            assertEquals("host-" + k + ".example", dns.lookupBlocking("10.0.0." + k, LONG));
        }
        assertEquals(3, dns.size());
        assertEquals("host-5.example", dns.lookup("10.0.0.5")); // still cached
        assertEquals(1, callsFor("10.0.0.5"));
        assertEquals("host-1.example", dns.lookupBlocking("10.0.0.1", LONG)); // evicted: asked again
        assertEquals(2, callsFor("10.0.0.1"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "example.com",
                "localhost",
                "abc",
                "999.1.1.1",
                "1.2.3",
                "1.2.3.4.5",
                "1..2.3",
                "1:2",
                "::g",
                "10.0.0.1 ",
                "",
                "\u001b[2J",
                "fe80::1%eth0 x"
            })
    void neverSendsNonLiteralsToTheResolver(String address) {
        ReverseDns dns = dns(address1 -> "bad.example", 1, LONG, 16);
        assertNull(dns.lookupBlocking(address, Duration.ofSeconds(2)));
        assertNull(dns.lookup(address));
        assertTrue(calls.isEmpty(), calls.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::"})
    void neverLooksUpUnspecifiedAddresses(String address) {
        ReverseDns dns = dns(address1 -> "any.example", 1, LONG, 16);
        assertNull(dns.lookupBlocking(address, LONG));
        assertTrue(calls.isEmpty());
    }

    @Test
    void acceptsIpv6AndMappedAndZonedLiterals() {
        ReverseDns dns = dns(address -> "v6.example", 1, LONG, 16);
        assertEquals("v6.example", dns.lookupBlocking("2001:db8::1", LONG));
        assertEquals("v6.example", dns.lookupBlocking("fe80::1%eth0", LONG));
        assertEquals("v6.example", dns.lookupBlocking("::ffff:10.0.0.5", LONG));
        assertEquals(1, callsFor("10.0.0.5")); // Java maps ::ffff:a.b.c.d to IPv4
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil\u001b[2J.example", "a b", "", "10.0.0.3", "h\u00f6st"})
    void rejectsUnsafeNamesAndTheAddressEcho(String returned) {
        ReverseDns dns = dns(address -> returned, 1, LONG, 16);
        assertNull(dns.lookupBlocking("10.0.0.3", LONG));
    }

    @Test
    void rejectsOverlongNames() {
        ReverseDns dns = dns(address -> "x".repeat(254), 1, LONG, 16);
        assertNull(dns.lookupBlocking("10.0.0.3", LONG));
        ReverseDns ok = dns(address -> "x".repeat(253), 1, LONG, 16);
        assertEquals(253, ok.lookupBlocking("10.0.0.3", LONG).length());
    }

    @Test
    void closedInstanceAnswersWithoutBlocking() {
        ReverseDns dns = dns(ReverseDnsTest::fake, 1, LONG, 16);
        assertEquals("host-4.example", dns.lookupBlocking("10.0.0.4", LONG));
        dns.close();
        assertEquals("host-4.example", dns.lookup("10.0.0.4"));
        assertNull(assertTimeoutPreemptively(Duration.ofSeconds(2), () -> dns.lookupBlocking("10.0.0.5", LONG)));
        assertEquals(1, dns.size()); // the rejected address was not kept
    }

    @Test
    @Tag("live")
    void systemResolverNamesLoopbackFromHostsFile() {
        try (ReverseDns dns = ReverseDns.create()) {
            assertEquals("localhost", dns.lookupBlocking("127.0.0.1", Duration.ofSeconds(5)));
            // ::1 is in /etc/hosts on some hosts only; either way the answer is a name or none, never the literal
            String v6 = dns.lookupBlocking("::1", Duration.ofSeconds(5));
            assertTrue(v6 == null || v6.equals("localhost") || v6.startsWith("ip6-"), v6);
        }
    }
}
