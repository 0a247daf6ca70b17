package dev.sockscope.hardening;

import java.util.ArrayList;
import java.util.List;

/** Checks for output that reaches a terminal, and an RFC 4180 reader for the CSV output. */
final class Hostile {
    private Hostile() {}

    /**
     * Index of the first code point in {@code s} that a terminal would act on rather than show
     * (C0 controls but LF, DEL, C1 controls, format characters such as bidi overrides, line and
     * paragraph separators, surrogates, private use, unassigned), or -1 when there is none.
     */
    static int firstUnsafe(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp != '\n' && !safe(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    private static boolean safe(int cp) {
        if (cp < 0x20 || cp == 0x7f || cp >= 0x80 && cp < 0xa0) {
            return false;
        }
        int t = Character.getType(cp);
        return t != Character.FORMAT
                && t != Character.LINE_SEPARATOR
                && t != Character.PARAGRAPH_SEPARATOR
                && t != Character.CONTROL
                && t != Character.SURROGATE
                && t != Character.PRIVATE_USE
                && t != Character.UNASSIGNED;
    }

    static String describeUnsafe(String s) {
        int i = firstUnsafe(s);
        if (i < 0) {
            return "none";
        }
        int from = Math.max(0, i - 40);
        return String.format("U+%04X at %d after \"%s\"", s.codePointAt(i), i, s.substring(from, i));
    }

    /**
     * Records of RFC 4180 text: fields separated by commas, records by LF or CRLF; a quoted field
     * may hold commas, CR, LF and doubled quotes. Strict: a quote inside an unquoted field, or
     * anything but a comma or a record end after a closing quote, is an error.
     */
    static List<List<String>> csv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = text.length();
        boolean fieldStart = true;
        while (i < n) {
            char c = text.charAt(i);
            if (fieldStart && c == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quoted field in record " + records.size());
                    }
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.append(q);
                    i++;
                }
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && !text.startsWith("\r\n", i)) {
                    throw new IllegalArgumentException("text after a closing quote in record " + records.size());
                }
                fieldStart = false;
                continue;
            }
            if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                i++;
            } else if (c == '\n' || text.startsWith("\r\n", i)) {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                fieldStart = true;
                i += c == '\n' ? 1 : 2;
            } else if (c == '"' || c == '\r') {
                throw new IllegalArgumentException(
                        "bare " + (c == '"' ? "quote" : "CR") + " in record " + records.size());
            } else {
                field.append(c);
                fieldStart = false;
                i++;
            }
        }
        if (!fieldStart || !record.isEmpty()) {
            throw new IllegalArgumentException("last record has no line end");
        }
        return records;
    }
}
