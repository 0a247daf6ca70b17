package dev.sockscope.owner;

import dev.sockscope.model.SocketEntry;
import java.nio.charset.StandardCharsets;

/**
 * Pure parsers of the procfs text sockscope reads for a process: {@code comm}, {@code cmdline},
 * {@code status}, {@code stat}, {@code cgroup}, the names of {@code /proc} and {@code fd/}
 * entries, and the {@code socket:[N]} text of an fd link (see {@code proc(5)}). No I/O: each
 * takes the bytes or text a reader fetched. Bad input gives the sentinel named on each method,
 * never an exception and never a made-up value.
 */
public final class ProcText {
    private ProcText() {}

    /** A canonical decimal pid (no sign, no leading zero, fits an int), else -1. */
    public static int parsePid(String name) {
        return name.startsWith("0") ? -1 : decimal(name, 0);
    }

    /** The number an fd's entry is named by (the last path element); -1 when its name is not one. */
    static int fdNumber(String path) {
        return decimal(path, path.lastIndexOf('/') + 1);
    }

    /** {@code s} from {@code from} on: one to ten decimal digits that fit an int, else -1. */
    private static int decimal(String s, int from) {
        int n = s.length() - from;
        if (n == 0 || n > 10) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= Integer.MAX_VALUE ? (int) v : -1;
    }

    /** The inode of a link text {@code socket:[N]}, else -1 (not a socket, or malformed). */
    static long socketInode(String link) {
        int n = link.length();
        if (n < 10 || link.charAt(n - 1) != ']' || !link.startsWith("socket:[")) {
            return -1;
        }
        if (n - 9 > 19) {
            return -1;
        }
        long v = 0;
        for (int i = 8; i < n - 1; i++) {
            char c = link.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v < 0) {
                return -1;
            }
        }
        return v;
    }

    /** {@code comm} without its trailing newline; "" for null. UTF-8 with replacement, raw. */
    public static String comm(byte[] b) {
        if (b == null) {
            return "";
        }
        int n = b.length;
        if (n > 0 && b[n - 1] == '\n') {
            n--;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * {@code cmdline} with trailing NULs dropped and the other NULs as spaces; "" for null.
     * Rewrites {@code b} in place.
     */
    public static String commandLine(byte[] b) {
        if (b == null) {
            return "";
        }
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                // NUL never occurs inside a multi-byte UTF-8 sequence, so this cannot split one.
                b[i] = ' ';
            }
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** The real uid (first number) of the {@code Uid:} line of {@code status}, else {@link SocketEntry#UNKNOWN}. */
    public static int realUid(byte[] b) {
        int n = b.length;
        for (int i = 0; i + 4 <= n; ) {
            if (b[i] == 'U' && b[i + 1] == 'i' && b[i + 2] == 'd' && b[i + 3] == ':') {
                int j = i + 4;
                while (j < n && (b[j] == '\t' || b[j] == ' ')) {
                    j++;
                }
                long v = 0;
                int digits = 0;
                while (j < n && b[j] >= '0' && b[j] <= '9' && digits <= 10) {
                    v = v * 10 + (b[j] - '0');
                    j++;
                    digits++;
                }
                boolean ends = j == n || b[j] == '\t' || b[j] == ' ' || b[j] == '\n';
                return digits > 0 && digits <= 10 && ends && v <= Integer.MAX_VALUE ? (int) v : SocketEntry.UNKNOWN;
            }
            int nl = i;
            while (nl < n && b[nl] != '\n') {
                nl++;
            }
            i = nl + 1;
        }
        return SocketEntry.UNKNOWN;
    }

    /**
     * The fields of {@code [pid]/stat} sockscope uses. The name in parentheses may hold spaces
     * and parentheses itself, so the fields are counted from the <em>last</em> {@code ')'}.
     *
     * @param state     field 3, one letter ({@code R S D Z T t X I ...})
     * @param ppid      field 4; 0 for pid 1 and kernel threads' parent kthreadd
     * @param startTime field 22, clock ticks after boot
     */
    public record Stat(char state, int ppid, long startTime) {
        /** A zombie: exited, not yet reaped (its fds and command line are gone). */
        public boolean zombie() {
            return state == 'Z';
        }
    }

    /** {@code [pid]/stat} parsed; null when it is not well formed (fewer fields, non-digits, overflow). */
    public static Stat stat(byte[] b) {
        if (b == null) {
            return null;
        }
        int close = -1;
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == ')') {
                close = i;
                break;
            }
        }
        if (close < 0 || close + 2 >= b.length || b[close + 1] != ' ') {
            return null;
        }
        int i = close + 2;
        char state = (char) (b[i] & 0xff);
        if (state < 'A' || state > 'z' || i + 1 >= b.length || b[i + 1] != ' ') {
            return null;
        }
        i += 2;
        long ppid = -1;
        long start = -1;
        // fields 4 .. 22: ppid is the first, starttime the nineteenth
        for (int field = 4; field <= 22; field++) {
            int begin = i;
            boolean negative = i < b.length && b[i] == '-';
            if (negative) {
                i++;
            }
            long v = 0;
            int digits = 0;
            while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                if (digits == 19) {
                    return null;
                }
                v = v * 10 + (b[i] - '0');
                i++;
                digits++;
            }
            boolean ends = i == b.length || b[i] == ' ' || b[i] == '\n';
            if (digits == 0 || !ends || (negative && (field == 4 || field == 22)) || i == begin) {
                return null;
            }
            if (field == 4) {
                ppid = v;
            } else if (field == 22) {
                start = v;
            }
            if (field < 22) {
                if (i >= b.length || b[i] != ' ') {
                    return null;
                }
                i++;
            }
        }
        if (ppid > Integer.MAX_VALUE) {
            return null;
        }
        return new Stat(state, (int) ppid, start);
    }

    /**
     * {@code [pid]/task/[tid]/schedstat}: {@code RAN WAITED TIMES}, the thread's time on a CPU
     * (ns), its time waiting for one (ns) and how many times it was put on one; gives
     * {@code {RAN, TIMES}}, or null when the text is not three decimal fields on one line.
     */
    public static long[] schedstat(byte[] b) {
        if (b == null) {
            return null;
        }
        long[] f = new long[3];
        int i = 0;
        for (int k = 0; k < 3; k++) {
            int start = i;
            long v = 0;
            while (i < b.length && b[i] >= '0' && b[i] <= '9' && i - start < 19) {
                v = v * 10 + (b[i++] - '0');
            }
            char sep = k < 2 ? ' ' : '\n';
            if (i == start || i == b.length || b[i] != sep) {
                return null;
            }
            f[k] = v;
            i++;
        }
        return i == b.length ? new long[] {f[0], f[2]} : null;
    }

    /** The {@code btime} line of {@code /proc/stat}: boot time in seconds since the epoch; -1 when absent or bad. */
    public static long bootTime(byte[] b) {
        if (b == null) {
            return -1;
        }
        int n = b.length;
        for (int i = 0; i < n; ) {
            int nl = i;
            while (nl < n && b[nl] != '\n') {
                nl++;
            }
            if (nl - i > 6
                    && b[i] == 'b'
                    && b[i + 1] == 't'
                    && b[i + 2] == 'i'
                    && b[i + 3] == 'm'
                    && b[i + 4] == 'e'
                    && b[i + 5] == ' ') {
                long v = 0;
                int digits = 0;
                for (int j = i + 6; j < nl; j++) {
                    if (b[j] < '0' || b[j] > '9' || digits == 18) {
                        return -1;
                    }
                    v = v * 10 + (b[j] - '0');
                    digits++;
                }
                return digits > 0 ? v : -1;
            }
            i = nl + 1;
        }
        return -1;
    }

    /**
     * The cgroup path of {@code [pid]/cgroup}: the cgroup v2 line ({@code 0::/path}); on a
     * hybrid or v1-only machine where that line is the root, the {@code name=systemd} line's
     * path instead (systemd keeps its units there). Null when neither is present or the text is
     * not in that format. The path is raw text (a container runtime names it).
     */
    public static String cgroupPath(byte[] b) {
        if (b == null) {
            return null;
        }
        String text = new String(b, StandardCharsets.UTF_8);
        String unified = null;
        String systemd = null;
        int i = 0;
        while (i < text.length()) {
            int nl = text.indexOf('\n', i);
            if (nl < 0) {
                nl = text.length();
            }
            String line = text.substring(i, nl);
            i = nl + 1;
            int first = line.indexOf(':');
            int second = first < 0 ? -1 : line.indexOf(':', first + 1);
            if (second < 0) {
                continue;
            }
            String hierarchy = line.substring(0, first);
            String controllers = line.substring(first + 1, second);
            String path = line.substring(second + 1);
            if (!path.startsWith("/")) {
                continue;
            }
            if (hierarchy.equals("0") && controllers.isEmpty()) {
                unified = path;
            } else if (controllers.equals("name=systemd")) {
                systemd = path;
            }
        }
        if (unified != null && !unified.equals("/")) {
            return unified;
        }
        if (systemd != null && !systemd.equals("/")) {
            return systemd;
        }
        return unified != null ? unified : systemd;
    }
}
