package dev.sockscope.net;

import dev.sockscope.model.InetText;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP address literals: parsing without name lookups, canonical text, prefix matching. */
public final class Addresses {
    private Addresses() {}

    /**
     * The bytes of an IP literal: a dotted quad (4 bytes) or IPv6 text (16 bytes, brackets
     * and a {@code %zone} allowed and dropped). Never looks a name up.
     *
     * @return the bytes, or null when the text is not an address literal
     */
    public static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int pct = t.indexOf('%');
        if (pct >= 0) {
            if (t.indexOf(':') < 0) {
                return null;
            }
            t = t.substring(0, pct);
        }
        if (t.indexOf(':') < 0) {
            return v4(t);
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return null;
            }
        }
        try {
            // a text with a colon is only ever parsed as an IPv6 literal: no lookup
            byte[] b = InetAddress.getByName(t).getAddress();
            if (b.length == 4) {
                // ::ffff:a.b.c.d comes back as IPv4 from InetAddress: keep the 16 bytes
                byte[] m = new byte[16];
                m[10] = (byte) 0xff;
                m[11] = (byte) 0xff;
                System.arraycopy(b, 0, m, 12, 4);
                return m;
            }
            return b;
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    /** A dotted quad of four decimal numbers 0..255, or null. */
    static byte[] v4(String t) {
        byte[] b = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= t.length(); i++) {
            char c = i < t.length() ? t.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                b[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? b : null;
    }

    /** The canonical text of a dotted quad, or null when it is not one. */
    public static String canonicalV4(String t) {
        byte[] b = v4(t);
        return b == null ? null : InetText.format(b);
    }

    /** The canonical text of any literal, or null. */
    public static String canonical(String t) {
        byte[] b = parse(t);
        return b == null ? null : InetText.format(b);
    }

    /** Whether {@code addr} lies in {@code net/prefix} (same length required). */
    public static boolean inPrefix(byte[] addr, byte[] net, int prefix) {
        if (addr.length != net.length || prefix > addr.length * 8) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (addr[i] != net[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (addr[full] & mask) == (net[full] & mask);
    }

    /** Number of leading bits two addresses of the same length share. */
    public static int commonPrefix(byte[] a, byte[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            int x = (a[i] ^ b[i]) & 0xff;
            if (x == 0) {
                n += 8;
                continue;
            }
            return n + Integer.numberOfLeadingZeros(x) - 24;
        }
        return n;
    }

    /** {@code ipv4} or {@code ipv6} for 4 or 16 bytes. */
    public static String family(byte[] addr) {
        return addr.length == 4 ? "ipv4" : "ipv6";
    }

    public static boolean isLoopback(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (a[i] != 0) {
                return InetText.isV4Mapped(a) && (a[12] & 0xff) == 127;
            }
        }
        return a[15] == 1;
    }

    public static boolean isWildcard(byte[] a) {
        for (byte x : a) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    public static boolean isLinkLocal(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) == 169 && (a[1] & 0xff) == 254;
        }
        return (a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0x80;
    }
}
