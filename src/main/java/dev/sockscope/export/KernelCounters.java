package dev.sockscope.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's protocol counters of this network namespace, from {@code <procRoot>/net/snmp}
 * (RFC 1213 MIB: {@code Tcp: ActiveOpens PassiveOpens ...}, {@code Udp: ...}) and
 * {@code <procRoot>/net/netstat} (Linux extensions: {@code TcpExt: ListenOverflows ...}).
 * Both files hold pairs of lines, a header line of names and a line of values, each starting
 * with the same {@code Group:} word.
 *
 * <p>Values are keyed {@code Group.Name} ({@code Tcp.ActiveOpens}, {@code TcpExt.ListenDrops}).
 * A counter the kernel does not print is absent (never 0); a pair whose lines disagree in length
 * or hold a value that is not a number is skipped whole and counted in {@link #unparsed()}.
 */
public final class KernelCounters {
    private final Map<String, Long> values;
    private final int unparsed;

    private KernelCounters(Map<String, Long> values, int unparsed) {
        this.values = Collections.unmodifiableMap(values);
        this.unparsed = unparsed;
    }

    /** No counters (a platform without {@code /proc/net/snmp}). */
    public static final KernelCounters NONE = new KernelCounters(new LinkedHashMap<>(), 0);

    /** Reads both files under {@code procRoot}; a missing or unreadable file adds nothing. */
    public static KernelCounters read(Path procRoot) {
        Map<String, Long> values = new LinkedHashMap<>();
        int unparsed = 0;
        for (String file : List.of("net/snmp", "net/netstat")) {
            String text;
            try {
                text = Files.readString(procRoot.resolve(file), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                continue; // not Linux, or a captured tree without it: the counters are unknown
            }
            unparsed += parse(text, values);
        }
        return new KernelCounters(values, unparsed);
    }

    /** Parses the text of one file. */
    public static KernelCounters parse(String text) {
        Map<String, Long> values = new LinkedHashMap<>();
        int unparsed = parse(text, values);
        return new KernelCounters(values, unparsed);
    }

    /** Adds the pairs of {@code text} to {@code values}; returns the pairs it skipped. */
    private static int parse(String text, Map<String, Long> values) {
        String[] lines = text.split("\n", -1);
        int bad = 0;
        for (int i = 0; i + 1 < lines.length; i++) {
            String[] names = lines[i].trim().split(" +");
            String[] nums = lines[i + 1].trim().split(" +");
            if (names.length < 2 || !names[0].endsWith(":") || !names[0].equals(nums[0])) {
                continue;
            }
            i++;
            if (names.length != nums.length) {
                bad++;
                continue;
            }
            String group = names[0].substring(0, names[0].length() - 1);
            Map<String, Long> pair = new LinkedHashMap<>();
            boolean ok = true;
            for (int k = 1; k < names.length && ok; k++) {
                try {
                    pair.put(group + "." + names[k], Long.parseLong(nums[k]));
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (ok) {
                values.putAll(pair);
            } else {
                bad++;
            }
        }
        return bad;
    }

    /** The counter {@code Group.Name}, or null when the kernel does not print it. */
    public Long get(String key) {
        return values.get(key);
    }

    /** Every counter read, in the files' order. */
    public Map<String, Long> all() {
        return values;
    }

    /** Header/value pairs skipped as malformed. */
    public int unparsed() {
        return unparsed;
    }
}
