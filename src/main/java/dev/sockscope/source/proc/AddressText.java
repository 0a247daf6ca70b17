package dev.sockscope.source.proc;

import java.nio.charset.StandardCharsets;

/**
 * Canonical text of IP addresses given as network-order 32-bit words, with a small
 * direct-mapped cache so that an address repeated on many rows (127.0.0.1, ::, a busy peer)
 * is one shared {@code String}. A cache slot holds the last address that hashed to it; a miss
 * formats and replaces it, so the cache never grows. Not thread-safe: one per parser.
 */
final class AddressText {
    private static final int SLOTS = 1024;
    private static final int MASK = SLOTS - 1;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final boolean caching;
    private final int[] v4Keys = new int[SLOTS];
    private final String[] v4Text = new String[SLOTS];
    private final int[] v6Keys = new int[SLOTS * 4];
    private final String[] v6Text = new String[SLOTS];
    private final byte[] scratch = new byte[64];
    private final int[] groups = new int[8];

    AddressText(boolean caching) {
        this.caching = caching;
    }

    /** Dotted quad of {@code addr}, whose most significant byte is the first octet. */
    String ipv4(int addr) {
        if (!caching) {
            return formatIpv4(addr);
        }
        int slot = (addr * 0x9E3779B9) >>> 22 & MASK;
        String s = v4Text[slot];
        if (s != null && v4Keys[slot] == addr) {
            return s;
        }
        s = formatIpv4(addr);
        v4Keys[slot] = addr;
        v4Text[slot] = s;
        return s;
    }

    /** RFC 5952 text of the address whose 128 bits are {@code w0..w3}, most significant first. */
    String ipv6(int w0, int w1, int w2, int w3) {
        if (!caching) {
            return formatIpv6(w0, w1, w2, w3);
        }
        int h = ((w0 * 31 + w1) * 31 + w2) * 31 + w3;
        int slot = (h * 0x9E3779B9) >>> 22 & MASK;
        int k = slot * 4;
        String s = v6Text[slot];
        if (s != null && v6Keys[k] == w0 && v6Keys[k + 1] == w1 && v6Keys[k + 2] == w2 && v6Keys[k + 3] == w3) {
            return s;
        }
        s = formatIpv6(w0, w1, w2, w3);
        v6Keys[k] = w0;
        v6Keys[k + 1] = w1;
        v6Keys[k + 2] = w2;
        v6Keys[k + 3] = w3;
        v6Text[slot] = s;
        return s;
    }

    private String formatIpv4(int addr) {
        int n = putIpv4(scratch, 0, addr);
        return new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static int putIpv4(byte[] out, int at, int addr) {
        int n = at;
        for (int shift = 24; shift >= 0; shift -= 8) {
            n = putDecimal(out, n, (addr >>> shift) & 0xFF);
            if (shift > 0) {
                out[n++] = '.';
            }
        }
        return n;
    }

    private static int putDecimal(byte[] out, int at, int v) {
        int n = at;
        if (v >= 100) {
            out[n++] = (byte) ('0' + v / 100);
        }
        if (v >= 10) {
            out[n++] = (byte) ('0' + v / 10 % 10);
        }
        out[n++] = (byte) ('0' + v % 10);
        return n;
    }

    private String formatIpv6(int w0, int w1, int w2, int w3) {
        byte[] out = scratch;
        int n = 0;
        if (w0 == 0 && w1 == 0 && w2 == 0xFFFF) {
            // IPv4-mapped (::ffff:0:0/96): RFC 5952 section 5 keeps the dotted tail
            out[n++] = ':';
            out[n++] = ':';
            out[n++] = 'f';
            out[n++] = 'f';
            out[n++] = 'f';
            out[n++] = 'f';
            out[n++] = ':';
            n = putIpv4(out, n, w3);
            return new String(out, 0, n, StandardCharsets.ISO_8859_1);
        }
        int[] g = groups;
        g[0] = w0 >>> 16;
        g[1] = w0 & 0xFFFF;
        g[2] = w1 >>> 16;
        g[3] = w1 & 0xFFFF;
        g[4] = w2 >>> 16;
        g[5] = w2 & 0xFFFF;
        g[6] = w3 >>> 16;
        g[7] = w3 & 0xFFFF;
        // the longest run of zero groups, at least two long, the first one on ties (RFC 5952 4.2)
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out[n++] = ':';
                out[n++] = ':';
                i += bestLen - 1;
                continue;
            }
            if (n > 0 && out[n - 1] != ':') {
                out[n++] = ':';
            }
            n = putHexGroup(out, n, g[i]);
        }
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static int putHexGroup(byte[] out, int at, int v) {
        int n = at;
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int h = (v >>> shift) & 0xF;
            if (h != 0 || started || shift == 0) {
                out[n++] = HEX[h];
                started = true;
            }
        }
        return n;
    }
}
