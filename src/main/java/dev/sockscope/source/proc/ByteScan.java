package dev.sockscope.source.proc;

/**
 * Byte-level helpers shared by the table parsers: hex and decimal digits without creating strings.
 * Every parse method returns {@link #BAD} on a malformed or out-of-range field; values are never
 * negative, so the sentinel cannot collide with a real value.
 */
final class ByteScan {
    /** Returned by the parse methods for a malformed field. */
    static final long BAD = -1;

    private static final byte[] HEX_VALUE = new byte[256];

    static {
        java.util.Arrays.fill(HEX_VALUE, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX_VALUE[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX_VALUE[c] = (byte) (c - 'a' + 10);
        }
        for (int c = 'A'; c <= 'F'; c++) {
            HEX_VALUE[c] = (byte) (c - 'A' + 10);
        }
    }

    private ByteScan() {}

    /** Value of one hex digit, or -1. */
    static int hexValue(byte b) {
        return HEX_VALUE[b & 0xFF];
    }

    static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    /** Index of the first byte at or after {@code from} that is not a blank, or {@code end}. */
    static int skipBlanks(byte[] d, int from, int end) {
        int i = from;
        while (i < end && isBlank(d[i])) {
            i++;
        }
        return i;
    }

    /** Index of the first blank at or after {@code from}, or {@code end}. */
    static int tokenEnd(byte[] d, int from, int end) {
        int i = from;
        while (i < end && !isBlank(d[i])) {
            i++;
        }
        return i;
    }

    /** Index of the first '\n' at or after {@code from}, or -1 when there is none before {@code end}. */
    static int lineEnd(byte[] d, int from, int end) {
        for (int i = from; i < end; i++) {
            if (d[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Hex number in {@code [from, to)}: 1 to {@code maxDigits} digits (at most 15), nothing else.
     *
     * @return the value, or {@link #BAD}
     */
    static long hex(byte[] d, int from, int to, int maxDigits) {
        int n = to - from;
        if (n <= 0 || n > maxDigits) {
            return BAD;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int h = HEX_VALUE[d[i] & 0xFF];
            if (h < 0) {
                return BAD;
            }
            v = (v << 4) | h;
        }
        return v;
    }

    /**
     * Decimal number in {@code [from, to)}: 1 to {@code maxDigits} digits, nothing else, at most
     * {@link Long#MAX_VALUE}.
     *
     * @return the value, or {@link #BAD}
     */
    static long decimal(byte[] d, int from, int to, int maxDigits) {
        int n = to - from;
        if (n <= 0 || n > maxDigits) {
            return BAD;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int c = d[i] - '0';
            if (c < 0 || c > 9 || v > (Long.MAX_VALUE - c) / 10) {
                return BAD;
            }
            v = v * 10 + c;
        }
        return v;
    }

    /** True when {@code [from, to)} starts, after blanks, with the ASCII word {@code w}. */
    static boolean startsWithWord(byte[] d, int from, int to, String w) {
        int i = skipBlanks(d, from, to);
        if (to - i < w.length()) {
            return false;
        }
        for (int k = 0; k < w.length(); k++) {
            if (d[i + k] != w.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
