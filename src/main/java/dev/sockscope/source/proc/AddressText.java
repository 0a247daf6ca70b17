package dev.sockscope.source.proc;

import dev.sockscope.model.InetText;

/**
 * Canonical text ({@link InetText}) of IP addresses given as network-order 32-bit words, with a small
 * direct-mapped cache so that an address repeated on many rows (127.0.0.1, ::, a busy peer)
 * is one shared {@code String}. A cache slot holds the last address that hashed to it; a miss
 * formats and replaces it, so the cache never grows. Not thread-safe: one per parser.
 */
final class AddressText {
    private static final int SLOTS = 1024;
    private static final int MASK = SLOTS - 1;

    private final boolean caching;
    private final int[] v4Keys = new int[SLOTS];
    private final String[] v4Text = new String[SLOTS];
    private final int[] v6Keys = new int[SLOTS * 4];
    private final String[] v6Text = new String[SLOTS];
    private final byte[] v4Bytes = new byte[4];
    private final byte[] v6Bytes = new byte[16];

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
        byte[] b = v4Bytes;
        putWord(b, 0, addr);
        return InetText.format(b);
    }

    private String formatIpv6(int w0, int w1, int w2, int w3) {
        byte[] b = v6Bytes;
        putWord(b, 0, w0);
        putWord(b, 4, w1);
        putWord(b, 8, w2);
        putWord(b, 12, w3);
        return InetText.format(b);
    }

    private static void putWord(byte[] b, int at, int w) {
        b[at] = (byte) (w >>> 24);
        b[at + 1] = (byte) (w >>> 16);
        b[at + 2] = (byte) (w >>> 8);
        b[at + 3] = (byte) w;
    }
}
