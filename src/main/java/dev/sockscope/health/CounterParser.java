package dev.sockscope.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the kernel's counter files into {@code nstat}-style names. Pure: text in, counters out.
 *
 * <p>{@code /proc/net/snmp} and {@code /proc/net/netstat} are pairs of lines per group, a header
 * line naming the counters and a value line with as many values, both starting with the group
 * and a colon:
 *
 * <pre>
 * Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens ...
 * Tcp: 1 200 120000 -1 1702 ...
 * </pre>
 *
 * gives {@code TcpRtoAlgorithm=1}, {@code TcpMaxConn=-1}, {@code TcpActiveOpens=1702}. A pair
 * whose value line names another group, or has a different number of fields, is skipped whole
 * (the values cannot be matched to names without guessing) and counted, as is a pair whose
 * header holds something other than names (a value line first); a value that is not a
 * decimal number fitting a signed 64-bit integer is skipped alone and counted; a group seen twice
 * keeps its first pair. {@code /proc/net/snmp6} is one {@code Name value} pair a line.
 */
public final class CounterParser {
    private CounterParser() {}

    /** Counters parsed from text, and how many lines or values were skipped. */
    public record Parsed(Map<String, Long> values, int malformed) {}

    /** Parses {@code /proc/net/snmp} or {@code /proc/net/netstat} text (header/value line pairs). */
    public static Parsed parsePairs(String text) {
        Map<String, Long> values = new LinkedHashMap<>();
        java.util.Set<String> groups = new java.util.HashSet<>();
        int malformed = 0;
        String header = null;
        String headerGroup = null;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String group = colon > 0 ? line.substring(0, colon) : null;
            if (group == null || !isName(group)) {
                malformed++;
                if (header != null) {
                    malformed++; // its value line never came
                    header = null;
                }
                continue;
            }
            if (header == null || !group.equals(headerGroup)) {
                if (header != null) {
                    malformed++; // a header followed by another group's line: no values for it
                }
                header = line.substring(colon + 1);
                headerGroup = group;
                continue;
            }
            String[] names = fields(header);
            String[] numbers = fields(line.substring(colon + 1));
            header = null;
            if (names.length != numbers.length || names.length == 0 || !allNames(names) || !groups.add(group)) {
                malformed++; // not a header (values first?), or not as many values as names
                continue;
            }
            for (int i = 0; i < names.length; i++) {
                Long v = parseValue(numbers[i]);
                if (v == null) {
                    malformed++;
                } else {
                    values.put(group + names[i], v);
                }
            }
        }
        if (header != null) {
            malformed++; // the text ended after a header
        }
        return new Parsed(values, malformed);
    }

    /** Parses {@code /proc/net/snmp6}: {@code Udp6InDatagrams   27}, one counter a line. */
    public static Parsed parseNameValue(String text) {
        Map<String, Long> values = new LinkedHashMap<>();
        int malformed = 0;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = fields(line);
            Long v = f.length == 2 && isName(f[0]) ? parseValue(f[1]) : null;
            if (v == null || values.containsKey(f[0])) {
                malformed++;
            } else {
                values.put(f[0], v);
            }
        }
        return new Parsed(values, malformed);
    }

    private static boolean allNames(String[] names) {
        for (String n : names) {
            if (!isName(n)) {
                return false;
            }
        }
        return true;
    }

    /** The fields of {@code s}, stripped, between runs of spaces and tabs (no regex: read every second). */
    private static String[] fields(String line) {
        String s = line.strip();
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isBlank(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBlank(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Letters, digits and underscores, starting with a letter: what the kernel names counters. */
    static boolean isName(String s) {
        if (s.isEmpty() || s.length() > 64 || !Character.isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
                return false;
            }
        }
        return true;
    }

    /** A signed decimal that fits a long ({@code MaxConn} is -1), or null. */
    static Long parseValue(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start || s.length() > 20) {
            return null;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null; // beyond 64 bits
        }
    }
}
