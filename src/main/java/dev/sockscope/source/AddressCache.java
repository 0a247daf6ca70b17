package dev.sockscope.source;

import dev.sockscope.model.Address;

/**
 * {@link Address}es from network-order 32-bit words, with a small direct-mapped cache so that an
 * address repeated on many rows (127.0.0.1, ::, a busy peer) is one shared object, whose text
 * (made when an output first asks for it) is then made once. A cache slot holds the last address
 * that hashed to it; a miss builds and replaces it, so the cache never grows. Not thread-safe:
 * one per parser (of /proc/net text and of sock_diag messages alike).
 */
public final class AddressCache {
    private static final int SLOTS = 1024;
    private static final int MASK = SLOTS - 1;

    private final boolean caching;
    private final Address[] v4 = new Address[SLOTS];
    private final Address[] v6 = new Address[SLOTS];

    public AddressCache(boolean caching) {
        this.caching = caching;
    }

    /** The IPv4 address {@code addr}, whose most significant byte is the first octet. */
    public Address ipv4(int addr) {
        if (!caching) {
            return Address.ipv4(addr);
        }
        int slot = (addr * 0x9E3779B9) >>> 22 & MASK;
        Address a = v4[slot];
        if (a != null && a.low() == (addr & 0xffffffffL)) {
            return a;
        }
        a = Address.ipv4(addr);
        v4[slot] = a;
        return a;
    }

    /** The IPv6 address whose 128 bits are {@code w0..w3}, most significant first. */
    public Address ipv6(int w0, int w1, int w2, int w3) {
        long high = (long) w0 << 32 | (w1 & 0xffffffffL);
        long low = (long) w2 << 32 | (w3 & 0xffffffffL);
        if (!caching) {
            return Address.ipv6(high, low);
        }
        int h = ((w0 * 31 + w1) * 31 + w2) * 31 + w3;
        int slot = (h * 0x9E3779B9) >>> 22 & MASK;
        Address a = v6[slot];
        if (a != null && a.high() == high && a.low() == low) {
            return a;
        }
        a = Address.ipv6(high, low);
        v6[slot] = a;
        return a;
    }
}
