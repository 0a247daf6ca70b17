package dev.sockscope.view;

/**
 * Makes untrusted system strings (process names, command lines, unix socket paths) safe for a
 * terminal: every character that could move the cursor, change colours, ring the bell, reorder
 * text or hide other text is replaced by a visible escape.
 *
 * <ul>
 *   <li>{@code \n}, {@code \r}, {@code \t}, {@code \b}, ESC as {@code \n \r \t \b \e};</li>
 *   <li>other C0 controls, DEL and C1 controls (U+0080..U+009F, which some terminals treat as
 *       CSI/OSC) as {@code \xHH};</li>
 *   <li>format characters (Unicode category Cf: bidi overrides such as U+202E, isolates,
 *       zero-width joiners), line/paragraph separators, lone surrogates, private-use and
 *       unassigned code points as backslash-u and four hex digits (backslash-U and eight
 *       beyond the BMP).</li>
 * </ul>
 *
 * Everything else, including U+FFFD from invalid UTF-8, passes unchanged. Machine-readable
 * output (JSON, CSV) does not use this: it keeps strings exact.
 */
public final class Sanitizer {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Sanitizer() {}

    /** The string with every unsafe character escaped; the same instance when nothing needed it. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            if (!isSafe(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n + 16);
        b.append(s, 0, i);
        while (i < n) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isSafe(cp)) {
                b.appendCodePoint(cp);
                continue;
            }
            switch (cp) {
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                case '\b':
                    b.append("\\b");
                    break;
                case 0x1b:
                    b.append("\\e");
                    break;
                default:
                    if (cp < 0x100) {
                        b.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xf]);
                    } else if (cp < 0x10000) {
                        b.append("\\u");
                        hex(b, cp, 4);
                    } else {
                        b.append("\\U");
                        hex(b, cp, 8);
                    }
            }
        }
        return b.toString();
    }

    private static void hex(StringBuilder b, int v, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            b.append(HEX[(v >> shift) & 0xf]);
        }
    }

    /** Whether a code point may reach a terminal as it is. */
    static boolean isSafe(int cp) {
        if (cp >= 0x20 && cp < 0x7f) {
            return true;
        }
        if (cp < 0xa0) {
            return false;
        }
        switch (Character.getType(cp)) {
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.CONTROL:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
                return false;
            default:
                return true;
        }
    }
}
