package dev.sockscope.view.live;

import org.jline.utils.WCWidth;

/** Terminal-column arithmetic on sanitized text: width, cutting with an ellipsis, padding. */
final class Text {
    static final char ELLIPSIS = '\u2026';

    private Text() {}

    /** Columns the string takes on a terminal (wide East Asian characters count two). */
    static int columns(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            w += width(cp);
        }
        return w;
    }

    private static int width(int cp) {
        if (cp < 0x7f) {
            return 1;
        }
        int w = WCWidth.wcwidth(cp);
        return w < 0 ? 1 : w;
    }

    /** The string cut to at most {@code max} columns, ending in an ellipsis when cut. */
    static String fit(String s, int max) {
        if (max <= 0) {
            return "";
        }
        if (columns(s) <= max) {
            return s;
        }
        return prefix(s, max - 1) + ELLIPSIS;
    }

    /**
     * Like {@link #fit} but cuts the middle, keeping the tail from the last {@code ':'} (the
     * port of an endpoint; {@code ]:} for a bracketed IPv6 one: {@code [2001:db8…]:443}) or
     * the end of a path.
     */
    static String fitKeepTail(String s, int max) {
        if (max <= 0) {
            return "";
        }
        if (columns(s) <= max) {
            return s;
        }
        int bracket = s.lastIndexOf("]:");
        int colon = bracket > 0 ? bracket : s.lastIndexOf(':');
        String tail = colon > 0 ? s.substring(colon) : "";
        int tailCols = columns(tail);
        if (tail.isEmpty() || tailCols + 2 > max) {
            if (colon < 0 && max >= 2) {
                return ELLIPSIS + suffix(s, max - 1);
            }
            return fit(s, max);
        }
        return prefix(s.substring(0, colon), max - tailCols - 1) + ELLIPSIS + tail;
    }

    /** The longest prefix that fits in {@code cols} columns. */
    static String prefix(String s, int cols) {
        int w = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int cw = width(cp);
            if (w + cw > cols) {
                break;
            }
            w += cw;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    /** The longest suffix that fits in {@code cols} columns. */
    static String suffix(String s, int cols) {
        int w = 0;
        int i = s.length();
        while (i > 0) {
            int cp = s.codePointBefore(i);
            int cw = width(cp);
            if (w + cw > cols) {
                break;
            }
            w += cw;
            i -= Character.charCount(cp);
        }
        return s.substring(i);
    }

    /** The string fitted and padded with spaces to exactly {@code cols} columns. */
    static String pad(String s, int cols) {
        String f = fit(s, cols);
        int w = columns(f);
        if (w >= cols) {
            return f;
        }
        StringBuilder b = new StringBuilder(f.length() + cols - w).append(f);
        for (int i = w; i < cols; i++) {
            b.append(' ');
        }
        return b.toString();
    }
}
