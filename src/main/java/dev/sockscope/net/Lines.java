package dev.sockscope.net;

import java.util.ArrayList;
import java.util.List;

/** Small helpers the text parsers share: splitting on blanks without regex, hex numbers with bounds. */
final class Lines {
    private Lines() {}

    /** The lines of a text, without their line feeds; a last line without one counts too. */
    static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start < n) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** Fields separated by spaces and tabs. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>(12);
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBlank(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    /** Hex digits to bytes ({@code 2*len} digits); null when the text is not exactly that. */
    static byte[] hexBytes(String s, int len) {
        if (s.length() != 2 * len) {
            return null;
        }
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            b[i] = (byte) (hi << 4 | lo);
        }
        return b;
    }

    /** An unsigned hex number of at most {@code maxDigits} digits, or -1 when it is not one. */
    static long hex(String s, int maxDigits) {
        if (s.isEmpty() || s.length() > maxDigits) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** A hex number with an optional {@code 0x}, or -1. */
    static long hex0x(String s, int maxDigits) {
        String t = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        return hex(t, maxDigits);
    }

    /** A non-negative decimal that fits a long, or -1. */
    static long decimal(String s) {
        if (s.isEmpty() || s.length() > 19) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v < 0 ? -1 : v;
    }
}
