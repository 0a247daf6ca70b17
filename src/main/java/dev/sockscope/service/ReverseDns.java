package dev.sockscope.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reverse DNS for {@code --resolve}: a bounded cache in front of a small pool of daemon threads.
 *
 * <p>Source: the system resolver ({@link InetAddress#getCanonicalHostName()}: {@code /etc/hosts},
 * then DNS, as {@code nsswitch.conf} says), or an injected {@link Resolver}. Contract:
 * <ul>
 *   <li>{@link #lookup} never blocks: it answers from the cache, or returns null at once and
 *       queues a lookup. The live view calls it on every refresh.</li>
 *   <li>{@link #awaitAll} resolves a whole table for {@code --list} within one total deadline:
 *       every address is queued first and resolved concurrently, then the caller waits until all
 *       are done or the deadline passes, so 1000 rows cost at most the deadline, not 1000 timeouts.</li>
 *   <li>At most {@code maxConcurrent} lookups run at once. Each is given {@code timeout} (about
 *       1 s) and counts as "no name" after it; an answer that arrives later still fills the cache.</li>
 *   <li>Negative results (no name, timeout, resolver error) are cached too. The cache holds at
 *       most {@code maxEntries} addresses and drops the least recently used.</li>
 * </ul>
 * Sentinels: null means no name (unknown yet, none, timed out, or not an address). Only IP
 * literals are accepted ({@code 10.0.0.5}, {@code ::1}, {@code fe80::1%eth0}); a host name or
 * garbage is never sent to the resolver. The unspecified addresses {@code 0.0.0.0} and {@code ::}
 * are not looked up. Names are untrusted: one with a byte outside {@code [A-Za-z0-9._-]} or longer
 * than 253 characters is treated as no name. The resolver's fallback of the address's own text is
 * no name. Thread-safe.
 */
public final class ReverseDns implements AutoCloseable {

    /** Looks up the host name of an address; returns null (or the address text) for none, may throw. */
    @FunctionalInterface
    public interface Resolver {
        String resolve(InetAddress address) throws Exception;
    }

    public static final int DEFAULT_MAX_CONCURRENT = 4;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_ENTRIES = 4096;
    private static final int MAX_NAME = 253;

    private final Resolver resolver;
    private final long timeoutNanos;
    private final int maxEntries;
    private final ThreadPoolExecutor pool;
    private final Map<String, Lookup> cache;

    /** One cache entry; {@code done} completes with the name or null, {@code name} may improve later. */
    private static final class Lookup {
        final CompletableFuture<String> done = new CompletableFuture<>();
        volatile String name;

        void settle(String value) {
            if (value != null) {
                name = value; // a late answer after a timeout still fills the cache
            }
            done.complete(value);
        }
    }

    /** The system resolver, {@value #DEFAULT_MAX_CONCURRENT} threads, 1 s timeout, 4096 entries. */
    public static ReverseDns create() {
        return new ReverseDns(
                InetAddress::getCanonicalHostName, DEFAULT_MAX_CONCURRENT, DEFAULT_TIMEOUT, DEFAULT_MAX_ENTRIES);
    }

    /**
     * @param resolver      the lookup, run on the pool's daemon threads
     * @param maxConcurrent lookups running at once (threads), at least 1
     * @param timeout       per lookup, from when it starts running; positive
     * @param maxEntries    cached addresses, at least 1; also bounds the queue of waiting lookups
     */
    public ReverseDns(Resolver resolver, int maxConcurrent, Duration timeout, int maxEntries) {
        if (resolver == null || maxConcurrent < 1 || timeout.isNegative() || timeout.isZero() || maxEntries < 1) {
            throw new IllegalArgumentException("bad reverse DNS settings");
        }
        this.resolver = resolver;
        this.timeoutNanos = timeout.toNanos();
        this.maxEntries = maxEntries;
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                maxConcurrent, maxConcurrent, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(maxEntries), task -> {
                    Thread thread = new Thread(task, "sockscope-rdns-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Lookup> eldest) {
                return size() > ReverseDns.this.maxEntries;
            }
        };
    }

    /**
     * The cached host name of {@code address}, or null at once when none is known yet (a lookup is
     * then queued), when it has none, or when {@code address} is not an IP literal. Never blocks.
     */
    public String lookup(String address) {
        Lookup entry = entry(address);
        return entry == null ? null : entry.name;
    }

    /** Queues lookups of every address not cached yet; returns at once. */
    public void prefetch(Collection<String> addresses) {
        for (String address : addresses) {
            entry(address);
        }
    }

    /**
     * The host name of {@code address}, waiting at most {@code maxWait} for it; null when it has
     * none or the wait ends first (the lookup goes on and fills the cache).
     */
    public String lookupBlocking(String address, Duration maxWait) {
        Lookup entry = entry(address);
        if (entry == null) {
            return null;
        }
        await(entry, System.nanoTime() + maxWait.toNanos());
        return entry.name;
    }

    /**
     * Resolves every address within one total deadline: queues them all, then waits until all are
     * done or {@code maxWait} has passed. Returns the names found, by address (addresses without
     * a name are absent), in the order given.
     */
    public Map<String, String> awaitAll(Collection<String> addresses, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        List<String> keys = new ArrayList<>(addresses.size());
        List<Lookup> entries = new ArrayList<>(addresses.size());
        for (String address : addresses) {
            Lookup entry = entry(address);
            if (entry != null) {
                keys.add(address);
                entries.add(entry);
            }
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (int k = 0; k < entries.size(); k++) {
            Lookup entry = entries.get(k);
            await(entry, deadline);
            String name = entry.name;
            if (name != null) {
                names.put(keys.get(k), name);
            }
        }
        return names;
    }

    /** Addresses in the cache, settled or not. */
    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    /** Stops the pool; lookups still running are abandoned. Later calls answer from the cache only. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static void await(Lookup entry, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return;
        }
        try {
            entry.done.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the deadline came first: the caller goes on without this name
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The cache entry of {@code address}, queuing its lookup when new; null when it is no IP literal. */
    private Lookup entry(String address) {
        if (address == null || !looksLikeIpLiteral(address)) {
            return null;
        }
        Lookup entry;
        synchronized (cache) {
            entry = cache.get(address);
            if (entry != null) {
                return entry;
            }
            entry = new Lookup();
            cache.put(address, entry);
        }
        if (isUnspecified(address)) {
            entry.settle(null);
            return entry;
        }
        Lookup queued = entry;
        try {
            pool.execute(() -> run(address, queued));
        } catch (RejectedExecutionException e) {
            // queue full or closed: forget the entry so a later call tries again
            synchronized (cache) {
                cache.remove(address, queued);
            }
            queued.settle(null);
        }
        return entry;
    }

    /** On a pool thread: parse, resolve, settle. The timeout runs from here, not from queuing. */
    private void run(String address, Lookup entry) {
        entry.done.completeOnTimeout(null, timeoutNanos, TimeUnit.NANOSECONDS);
        InetAddress inet = parse(address);
        String name = null;
        if (inet != null) {
            try {
                name = accept(resolver.resolve(inet), inet);
            } catch (Exception e) {
                name = null; // resolver failure: cached as no name, like NXDOMAIN
            }
        }
        entry.settle(name);
    }

    private static String accept(String name, InetAddress inet) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME || name.equals(inet.getHostAddress())) {
            return null;
        }
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '-'
                    || c == '_';
            if (!ok) {
                return null;
            }
        }
        return name;
    }

    /** Cheap screen on the caller's thread: digits and dots, or hex digits and colons (a zone may follow '%'). */
    static boolean looksLikeIpLiteral(String s) {
        int n = s.length();
        if (n < 2 || n > 64) {
            return false;
        }
        int zone = s.indexOf('%');
        int end = zone < 0 ? n : zone;
        boolean colon = false;
        boolean hexLetter = false;
        for (int k = 0; k < end; k++) {
            char c = s.charAt(k);
            if (c == ':') {
                colon = true;
            } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                hexLetter = true;
            } else if (!((c >= '0' && c <= '9') || c == '.')) {
                return false;
            }
        }
        for (int k = end + 1; k < n; k++) {
            char c = s.charAt(k);
            if (!((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '-'
                    || c == '_')) {
                return false; // an interface name or index
            }
        }
        return colon || (!hexLetter && zone < 0);
    }

    private static boolean isUnspecified(String s) {
        return s.equals("0.0.0.0") || s.equals("::") || s.equals("::ffff:0.0.0.0");
    }

    /**
     * Parses an IP literal without any name lookup: IPv4 dotted quads by hand (Java would send
     * anything else to the resolver as a host name); text with a colon through
     * {@link InetAddress#getByName}, which treats it as an IPv6 literal only. Null when invalid.
     */
    static InetAddress parse(String s) {
        try {
            if (s.indexOf(':') < 0) {
                byte[] v4 = parseIpv4(s);
                return v4 == null ? null : InetAddress.getByAddress(v4);
            }
            int zone = s.indexOf('%');
            return InetAddress.getByName(zone < 0 ? s : s.substring(0, zone));
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static byte[] parseIpv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int k = 0; k <= s.length(); k++) {
            char c = k < s.length() ? s.charAt(k) : '.';
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && part < 4) {
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }
}
