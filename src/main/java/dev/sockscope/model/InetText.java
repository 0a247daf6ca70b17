package dev.sockscope.model;

/**
 * Canonical text of a raw IP address, as every source writes {@link SocketEntry} addresses.
 *
 * <ul>
 *   <li>4 bytes: dotted quad, {@code 127.0.0.1}.</li>
 *   <li>16 bytes: RFC 5952 section 4 — lower-case hex, no leading zeros in a group, the
 *       longest run of two or more zero groups replaced by {@code ::} (the first such run on a
 *       tie; a single zero group stays {@code 0}): {@code ::1}, {@code ::}, {@code fe80::1},
 *       {@code 2001:db8::1:0:0:1}.</li>
 *   <li>IPv4-mapped addresses ({@code ::ffff:0:0/96}) in mixed notation as RFC 5952 section 5
 *       recommends: {@code ::ffff:10.0.0.5}. Other embedded-IPv4 forms (the deprecated
 *       IPv4-compatible {@code ::/96}, NAT64) stay hexadecimal: {@code ::102:304}, unlike
 *       glibc's {@code inet_ntop}, which prints {@code ::1.2.3.4}.</li>
 * </ul>
 *
 * Pure and allocation-light: one {@link StringBuilder} per call, no {@link java.net.InetAddress}
 * (which would turn a mapped address into an IPv4 one and never compresses zeros).
 */
public final class InetText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private InetText() {}

    /**
     * @param addr 4 bytes (IPv4) or 16 bytes (IPv6), network byte order
     * @return the canonical text
     * @throws IllegalArgumentException when {@code addr} has another length
     */
    public static String format(byte[] addr) {
        if (addr.length == 4) {
            return dotted(new StringBuilder(15), addr, 0).toString();
        }
        if (addr.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + addr.length);
        }
        if (isV4Mapped(addr)) {
            return dotted(new StringBuilder(22).append("::ffff:"), addr, 12).toString();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (addr[2 * i] & 0xff) << 8 | (addr[2 * i + 1] & 0xff);
        }
        // longest run of zero groups (length >= 2), the first one on a tie
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            hexGroup(b, groups[i]);
        }
        return b.toString();
    }

    /** True when the 16 bytes are {@code ::ffff:a.b.c.d}. */
    public static boolean isV4Mapped(byte[] addr) {
        if (addr.length != 16 || addr[10] != (byte) 0xff || addr[11] != (byte) 0xff) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (addr[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static StringBuilder dotted(StringBuilder b, byte[] a, int from) {
        return b.append(a[from] & 0xff)
                .append('.')
                .append(a[from + 1] & 0xff)
                .append('.')
                .append(a[from + 2] & 0xff)
                .append('.')
                .append(a[from + 3] & 0xff);
    }

    private static void hexGroup(StringBuilder b, int v) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int d = (v >> shift) & 0xf;
            if (d != 0 || started || shift == 0) {
                b.append(HEX[d]);
                started = true;
            }
        }
    }
}
