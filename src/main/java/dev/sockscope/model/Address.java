package dev.sockscope.model;

/**
 * The address of a socket endpoint, held as numbers: an IPv4 address (32 bits), an IPv6 address
 * (128 bits in two {@code long}s), or, for a unix socket, its path as text ({@code @name} for an
 * abstract name, {@code ""} when unnamed).
 *
 * <p>Equality, hash and order are numeric: IPv4 addresses first, in numeric order, then IPv6
 * addresses in numeric (unsigned) order, then paths by text. An IPv4-mapped IPv6 address
 * ({@code ::ffff:10.0.0.5}) is an IPv6 address, not equal to its IPv4 form.
 *
 * <p>{@link #text()} is the canonical text of {@link InetText} (dotted quad, RFC 5952), made on
 * first use and kept: sources build addresses from the kernel's bytes without making text, and
 * only the outputs that show an address pay for its text. Immutable (the cached text is a
 * benign race: every thread computes the same string).
 */
public final class Address implements Comparable<Address> {
    /** The path of an unnamed unix socket, and the peer of every unix row. */
    public static final Address NO_PATH = new Address(Family.UNIX, 0, 0, "");
    /** {@code 0.0.0.0}. */
    public static final Address IPV4_ANY = new Address(Family.IPV4, 0, 0, null);
    /** {@code ::}. */
    public static final Address IPV6_ANY = new Address(Family.IPV6, 0, 0, null);

    private final Family family;
    /** IPv6: bits 127..64; 0 otherwise. */
    private final long high;
    /** IPv6: bits 63..0; IPv4: the address, 0..2^32-1; 0 for a path. */
    private final long low;
    /** The text: set for a path, made on first use for an IP address. */
    private String text;

    private Address(Family family, long high, long low, String text) {
        this.family = family;
        this.high = high;
        this.low = low;
        this.text = text;
    }

    /** The IPv4 address whose most significant byte is the first octet ({@code 0x7f000001} is 127.0.0.1). */
    public static Address ipv4(int bits) {
        return bits == 0 ? IPV4_ANY : new Address(Family.IPV4, 0, bits & 0xffffffffL, null);
    }

    /** The IPv6 address whose 128 bits are {@code high} then {@code low}, most significant first. */
    public static Address ipv6(long high, long low) {
        return high == 0 && low == 0 ? IPV6_ANY : new Address(Family.IPV6, high, low, null);
    }

    /**
     * @param addr 4 bytes (IPv4) or 16 bytes (IPv6), network byte order
     * @throws IllegalArgumentException when {@code addr} has another length
     */
    public static Address of(byte[] addr) {
        if (addr.length == 4) {
            return ipv4(word(addr, 0));
        }
        if (addr.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + addr.length);
        }
        return ipv6(
                (long) word(addr, 0) << 32 | (word(addr, 4) & 0xffffffffL),
                (long) word(addr, 8) << 32 | (word(addr, 12) & 0xffffffffL));
    }

    /** A unix socket's path as the kernel tables show it ({@code @name} abstract, {@code ""} unnamed). */
    public static Address path(String path) {
        return path.isEmpty() ? NO_PATH : new Address(Family.UNIX, 0, 0, path);
    }

    /**
     * The address written as numeric text: a dotted quad or RFC 4291 IPv6 text (with {@code ::}
     * and a trailing dotted quad); a zone ({@code %eth0}) is ignored. Never looks a name up.
     *
     * @return the address, or null when the text is not one
     */
    public static Address parse(String s) {
        byte[] b = IpText.parse(s);
        return b == null ? null : of(b);
    }

    /** {@link Family#IPV4}, {@link Family#IPV6}, or {@link Family#UNIX} for a path. */
    public Family family() {
        return family;
    }

    public boolean isIpv4() {
        return family == Family.IPV4;
    }

    public boolean isIpv6() {
        return family == Family.IPV6;
    }

    public boolean isPath() {
        return family == Family.UNIX;
    }

    /** IPv4: the 32 bits, first octet most significant; IPv6: bits 63..0; a path: 0. */
    public long low() {
        return low;
    }

    /** IPv6: bits 127..64; 0 otherwise. */
    public long high() {
        return high;
    }

    /** The wildcard address, {@code 0.0.0.0} or {@code ::}; false for a path. */
    public boolean isWildcard() {
        return family != Family.UNIX && high == 0 && low == 0;
    }

    /** True for {@code ::ffff:a.b.c.d}. */
    public boolean isV4Mapped() {
        return family == Family.IPV6 && high == 0 && (low >>> 32) == 0xffffL;
    }

    /** True for {@code 127.0.0.0/8}, {@code ::1} and {@code ::ffff:127.0.0.0/104}; false for a path. */
    public boolean isLoopback() {
        if (family == Family.IPV4) {
            return (low >>> 24) == 127;
        }
        if (family == Family.IPV6) {
            return high == 0 && (low == 1 || (low >>> 24) == 0xffff7fL);
        }
        return false;
    }

    /** The canonical text ({@link InetText}), or the path. */
    public String text() {
        String t = text;
        if (t == null) {
            t = InetText.format(bytes());
            text = t;
        }
        return t;
    }

    /**
     * The address in network byte order: 4 or 16 bytes.
     *
     * @throws IllegalStateException for a path
     */
    public byte[] bytes() {
        if (family == Family.IPV4) {
            byte[] b = new byte[4];
            putWord(b, 0, (int) low);
            return b;
        }
        if (family == Family.IPV6) {
            byte[] b = new byte[16];
            putWord(b, 0, (int) (high >>> 32));
            putWord(b, 4, (int) high);
            putWord(b, 8, (int) (low >>> 32));
            putWord(b, 12, (int) low);
            return b;
        }
        throw new IllegalStateException("a unix path has no address bytes");
    }

    @Override
    public int compareTo(Address o) {
        if (family != o.family) {
            return family.compareTo(o.family);
        }
        if (family == Family.UNIX) {
            return text.compareTo(o.text);
        }
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Address)) {
            return false;
        }
        Address a = (Address) o;
        return family == a.family && high == a.high && low == a.low && (family != Family.UNIX || text.equals(a.text));
    }

    @Override
    public int hashCode() {
        if (family == Family.UNIX) {
            return text.hashCode();
        }
        long h = high * 31 + low;
        return (int) (h ^ (h >>> 32)) * 31 + family.ordinal();
    }

    /** {@link #text()}. */
    @Override
    public String toString() {
        return text();
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static void putWord(byte[] b, int at, int w) {
        b[at] = (byte) (w >>> 24);
        b[at + 1] = (byte) (w >>> 16);
        b[at + 2] = (byte) (w >>> 8);
        b[at + 3] = (byte) w;
    }
}
