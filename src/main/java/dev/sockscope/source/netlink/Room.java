package dev.sockscope.source.netlink;

import java.util.Arrays;

/**
 * How the netlink source's kept bytes ({@link MessageReuse}, {@link DatagramReuse}) are sized: a
 * read keeps about what the last one did, so its buffer is made that size at once, an eighth to
 * spare, and grows by a quarter when it must. Grown by doubling, each buffer ended up to twice
 * its use (16 MB at 80,000 sockets), and grown a step at a time on the second read, the first to
 * keep anything, its garbage raised the live view's peak RSS by 18 MB at 80,000 sockets.
 */
final class Room {
    private Room() {}

    /**
     * The buffer for read number {@code read} (1 for the first): {@code b} when it holds what the
     * last read kept ({@code lastKept} bytes), or on the second read what the first received
     * ({@code lastReceived}); else a new, empty one.
     */
    static byte[] forRead(byte[] b, int read, int lastKept, int lastReceived) {
        int want = read == 2 ? Math.max(lastKept, lastReceived) : lastKept;
        return want <= b.length ? b : new byte[want + want / 8];
    }

    /** {@code b}, or a copy of it with room for {@code need} bytes. */
    static byte[] forBytes(byte[] b, int need) {
        return need <= b.length ? b : Arrays.copyOf(b, Math.max(need, b.length + b.length / 4 + 65536));
    }
}
