package dev.sockscope.model;

/**
 * Numeric IP address text to bytes, without {@link java.net.InetAddress} (which would look a
 * host name up): dotted quads and RFC 4291 IPv6 text, with {@code ::} and a trailing dotted
 * quad. A zone ({@code %eth0}) is ignored.
 */
final class IpText {
    private IpText() {}

    /** 4 or 16 bytes, or null when the text is not an address. */
    static byte[] parse(String s) {
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        if (s.indexOf(':') >= 0) {
            return v6(s);
        }
        return v4(s);
    }

    static byte[] v4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    static byte[] v6(String s) {
        if (s.isEmpty()) {
            return null;
        }
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (s.startsWith(":")) {
            return null;
        }
        while (i < s.length()) {
            if (n >= 8) {
                return null;
            }
            int end = i;
            while (end < s.length() && s.charAt(end) != ':') {
                end++;
            }
            String g = s.substring(i, end);
            if (g.indexOf('.') >= 0) {
                if (end != s.length() || n > 6) {
                    return null;
                }
                byte[] v4 = v4(g);
                if (v4 == null) {
                    return null;
                }
                groups[n++] = (v4[0] & 0xff) << 8 | (v4[1] & 0xff);
                groups[n++] = (v4[2] & 0xff) << 8 | (v4[3] & 0xff);
                i = end;
                break;
            }
            if (g.isEmpty() || g.length() > 4) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < g.length(); k++) {
                int d = Character.digit(g.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                v = v << 4 | d;
            }
            groups[n++] = v;
            if (end == s.length()) {
                i = end;
                break;
            }
            // a "::" after this group
            if (end + 1 < s.length() && s.charAt(end + 1) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = n;
                i = end + 2;
            } else if (end + 1 == s.length()) {
                return null; // a trailing single ':'
            } else {
                i = end + 1;
            }
        }
        if (gap < 0 && n != 8 || gap >= 0 && n > 7) {
            return null;
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            int tail = n - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        byte[] out = new byte[16];
        for (int k = 0; k < 8; k++) {
            out[2 * k] = (byte) (full[k] >> 8);
            out[2 * k + 1] = (byte) full[k];
        }
        return out;
    }
}
