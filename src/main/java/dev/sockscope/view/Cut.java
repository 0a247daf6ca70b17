package dev.sockscope.view;

/**
 * Terminal-cell arithmetic on sanitized text, the one width function of the table and the live
 * view: a wide East Asian character or emoji takes two cells, a combining mark none.
 *
 * <p>Cutting keeps what identifies a cell: an endpoint keeps its port ({@code [2001:db8:…:5]:443}),
 * other text is cut in its middle ({@code /run/us…/docker.sock}). The ellipsis is {@code …} on a
 * UTF-8 terminal and {@code ~} elsewhere ({@code LANG=C}).
 */
public final class Cut {
    private static final int[] WIDE = {
        0x1100, 0x115F, 0x231A, 0x231B, 0x2329, 0x232A, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3, 0x25FD, 0x25FE,
        0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F, 0x2693, 0x2693, 0x26A1, 0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE,
        0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4, 0x26EA, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26F5, 0x26FA, 0x26FA,
        0x26FD, 0x26FD, 0x2705, 0x2705, 0x270A, 0x270B, 0x2728, 0x2728, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755,
        0x2757, 0x2757, 0x2795, 0x2797, 0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55,
        0x2E80, 0x303E, 0x3041, 0x33FF, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xA000, 0xA4CF, 0xA960, 0xA97F, 0xAC00, 0xD7A3,
        0xF900, 0xFAFF, 0xFE10, 0xFE19, 0xFE30, 0xFE6F, 0xFF00, 0xFF60, 0xFFE0, 0xFFE6, 0x16FE0, 0x16FE4, 0x17000,
        0x18CFF, 0x1B000, 0x1B2FF, 0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF, 0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F200,
        0x1F251, 0x1F300, 0x1F64F, 0x1F680, 0x1F6FF, 0x1F7E0, 0x1F7EB, 0x1F90C, 0x1F9FF, 0x1FA70, 0x1FAFF, 0x20000,
        0x2FFFD, 0x30000, 0x3FFFD
    };

    private final String ellipsis;
    private final int ellipsisCells;

    private Cut(String ellipsis, int ellipsisCells) {
        this.ellipsis = ellipsis;
        this.ellipsisCells = ellipsisCells;
    }

    /**
     * Cutting with {@code …} (one cell: given, not measured, because measuring it loads the JDK's
     * Unicode tables, 1.5 ms of every start, which ASCII output never needs).
     */
    public static final Cut UNICODE = new Cut("\u2026", 1);
    /** Cutting with {@code ~}, for terminals whose locale is not UTF-8. */
    public static final Cut ASCII = new Cut("~", 1);

    /** {@link #UNICODE} when the locale variables name UTF-8, else {@link #ASCII}. */
    public static Cut forLocale(java.util.Map<String, String> env) {
        for (String k : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = env.get(k);
            if (v != null && !v.isEmpty()) {
                String u = v.toLowerCase(java.util.Locale.ROOT);
                return u.contains("utf-8") || u.contains("utf8") ? UNICODE : ASCII;
            }
        }
        return ASCII;
    }

    public String ellipsis() {
        return ellipsis;
    }

    /** Cells one code point takes: 0 for combining marks and format characters, 2 for wide ones. */
    public static int cells(int cp) {
        if (cp < 0x300) {
            return 1;
        }
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return 0;
        }
        if (cp >= 0x1160 && cp <= 0x11FF) {
            return 0; // Hangul medial vowels and final consonants join the syllable before them
        }
        int lo = 0;
        int hi = WIDE.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < WIDE[2 * mid]) {
                hi = mid - 1;
            } else if (cp > WIDE[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return 2;
            }
        }
        return 1;
    }

    /** Cells the string takes on a terminal. */
    public static int cells(String s) {
        int n = s.length();
        int w = 0;
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            if (c < 0x300) {
                // one cell, no surrogate: addresses, ports, states, most names
                w++;
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            w += cells(cp);
        }
        return w;
    }

    /** The string cut at its end to at most {@code max} cells, ending in the ellipsis when cut. */
    public String end(String s, int max) {
        if (max <= 0) {
            return "";
        }
        if (cells(s) <= max) {
            return s;
        }
        if (max <= ellipsisCells) {
            return prefix(s, max);
        }
        return prefix(s, max - ellipsisCells) + ellipsis;
    }

    /** The string cut in its middle to at most {@code max} cells: its head and tail stay. */
    public String middle(String s, int max) {
        if (max <= 0) {
            return "";
        }
        if (cells(s) <= max) {
            return s;
        }
        if (max <= ellipsisCells + 1) {
            return end(s, max);
        }
        int room = max - ellipsisCells;
        int tail = room / 2;
        String head = prefix(s, room - tail);
        return head + ellipsis + suffix(s, max - ellipsisCells - cells(head));
    }

    /**
     * An endpoint cut in the middle of its address, never at its port: {@code [2001:db8:…:5]:443},
     * {@code 10.1…7.3:8080}. Text without a port (a unix path) is cut in its middle.
     */
    public String endpoint(String s, int max) {
        if (cells(s) <= max) {
            return s;
        }
        int bracket = s.lastIndexOf("]:");
        int colon = bracket > 0 ? bracket + 1 : s.lastIndexOf(':');
        if (colon <= 0 || s.indexOf('/') >= 0 && bracket < 0 && s.indexOf(':') != colon) {
            return middle(s, max);
        }
        String port = s.substring(colon);
        int portCells = cells(port);
        String addr = s.substring(0, colon);
        boolean bracketed = bracket > 0 && addr.startsWith("[");
        if (bracketed) {
            // keep both brackets: [2001:db8:…:5]:443
            String inner = addr.substring(1, addr.length() - 1);
            int room = max - portCells - 2;
            if (room < ellipsisCells + 2) {
                return end(s, max);
            }
            return "[" + middle(inner, room) + "]" + port;
        }
        int room = max - portCells;
        if (room < ellipsisCells + 2) {
            return end(s, max);
        }
        return middle(addr, room) + port;
    }

    /** The longest prefix that fits in {@code max} cells. */
    public static String prefix(String s, int max) {
        int w = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int cw = cells(cp);
            if (w + cw > max) {
                break;
            }
            w += cw;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    /** The longest suffix that fits in {@code max} cells. */
    public static String suffix(String s, int max) {
        int w = 0;
        int i = s.length();
        while (i > 0) {
            int cp = s.codePointBefore(i);
            int cw = cells(cp);
            if (w + cw > max) {
                break;
            }
            w += cw;
            i -= Character.charCount(cp);
        }
        return s.substring(i);
    }

    /**
     * Fits column widths into {@code width}: columns shrink, the one furthest above its minimum
     * first, never below their minimum; the result may still exceed {@code width} when the
     * minimums do.
     *
     * @param natural the cells each column wants
     * @param min     the least cells each column accepts
     * @param gap     spaces between columns
     */
    public static int[] fit(int[] natural, int[] min, int gap, int width) {
        int[] w = natural.clone();
        int total = gap * (w.length - 1);
        for (int x : w) {
            total += x;
        }
        while (total > width) {
            int widest = -1;
            for (int i = 0; i < w.length; i++) {
                if (w[i] > min[i] && (widest < 0 || w[i] - min[i] > w[widest] - min[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                break;
            }
            w[widest]--;
            total--;
        }
        return w;
    }
}
