package dev.sockscope.hardening;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An independent reading of the table formats, written from their documented contracts
 * ({@code InetTableParser}, {@code UnixTableParser} Javadoc and the kernel's
 * {@code proc_net_tcp.txt}) with plain string code, slow and obvious: it says which lines of a
 * mutated table are rows and what each row holds, so a fuzz case knows exactly what the parser
 * must return and how many lines it must count as unparsed.
 *
 * <p>Rows are compared as {@link #key} strings (addresses as their bytes, so the oracle does not
 * have to format RFC 5952 text itself); rows from untouched lines are also compared with the
 * parser's own reading of the original file, as whole records.
 */
final class TableOracle {
    /** The kernel's TCP state codes 1..12, in order. */
    private static final State[] TCP = {
        null,
        State.ESTABLISHED,
        State.SYN_SENT,
        State.SYN_RECV,
        State.FIN_WAIT1,
        State.FIN_WAIT2,
        State.TIME_WAIT,
        State.CLOSE,
        State.CLOSE_WAIT,
        State.LAST_ACK,
        State.LISTEN,
        State.CLOSING,
        State.NEW_SYN_RECV
    };

    /**
     * One expected row.
     *
     * @param key      {@link #key} of the row
     * @param baseline the parser's row for the untouched original line this row comes from, or null
     * @param extended a unix row from an untouched line whose path took in the following line(s)
     */
    record Row(String key, SocketEntry baseline, boolean extended) {}

    /** @param intactDropped untouched unix rows made malformed by a truncated line after them (a path may hold line feeds) */
    record Expected(List<Row> rows, int bad, int intactDropped) {}

    private TableOracle() {}

    /** A line of {@code d}: [start, end), and whether a line feed ends it. */
    private record Line(int start, int end, boolean lf, String text) {}

    private static List<Line> lines(byte[] d) {
        List<Line> out = new ArrayList<>();
        int start = 0;
        while (start < d.length) {
            int nl = start;
            while (nl < d.length && d[nl] != '\n') {
                nl++;
            }
            out.add(new Line(start, nl, nl < d.length, new String(d, start, nl - start, StandardCharsets.ISO_8859_1)));
            start = nl + 1;
        }
        return out;
    }

    /** Columns of a line: maximal runs of characters other than space and tab, with their positions. */
    private static List<int[]> columns(String s) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            int b = i;
            while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
                i++;
            }
            if (i > b) {
                out.add(new int[] {b, i});
            }
        }
        return out;
    }

    // ---- inet ----

    static Expected inet(byte[] d, Proto proto, Family family, Map<Integer, SocketEntry> intactAt) {
        List<Row> rows = new ArrayList<>();
        int bad = 0;
        List<Line> lines = lines(d);
        for (int n = 0; n < lines.size(); n++) {
            Line l = lines.get(n);
            List<int[]> cols = columns(l.text);
            if (n == 0 && !cols.isEmpty() && l.text.startsWith("sl", cols.get(0)[0])) {
                continue; // the column header
            }
            if (cols.isEmpty()) {
                continue; // blank
            }
            String key = l.lf ? inetRow(l.text, cols, proto, family == Family.IPV6) : null;
            if (key == null) {
                bad++;
            } else {
                rows.add(new Row(key, intactAt.get(l.start), false));
            }
        }
        return new Expected(rows, bad, 0);
    }

    private static String inetRow(String s, List<int[]> cols, Proto proto, boolean v6) {
        if (cols.size() < 12) {
            return null;
        }
        String[] t = new String[12];
        for (int i = 0; i < 12; i++) {
            t[i] = s.substring(cols.get(i)[0], cols.get(i)[1]);
        }
        if (t[0].length() < 2 || !t[0].endsWith(":") || !digits(t[0].substring(0, t[0].length() - 1), 9)) {
            return null;
        }
        String local = endpoint(t[1], v6);
        String remote = endpoint(t[2], v6);
        if (local == null || remote == null || !hex(t[3], 2)) {
            return null;
        }
        int code = Integer.parseInt(t[3], 16);
        if (code < 1 || code > 12) {
            return null;
        }
        State state = proto == Proto.TCP ? TCP[code] : code == 1 ? State.ESTABLISHED : State.UNCONN;
        int colon = t[4].indexOf(':');
        if (colon < 0 || !hex(t[4].substring(0, colon), 8) || !hex(t[4].substring(colon + 1), 8)) {
            return null;
        }
        long sendQ = Long.parseLong(t[4].substring(0, colon), 16);
        long recvQ = Long.parseLong(t[4].substring(colon + 1), 16);
        if (!digits(t[7], 10) || new BigInteger(t[7]).compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            return null;
        }
        if (!digits(t[9], 19) || new BigInteger(t[9]).compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
            return null;
        }
        long inode = Long.parseLong(t[9]);
        int uid = state == State.TIME_WAIT && inode == 0 ? -1 : Integer.parseInt(t[7]);
        return proto.label() + "|" + (v6 ? "ipv6" : "ipv4") + "|" + local + "|" + remote + "|" + state + "|" + inode
                + "|" + uid + "|" + recvQ + "|" + sendQ;
    }

    /** "ADDR:PORT" as "hexbytes:port" (address in network order), or null. */
    private static String endpoint(String t, boolean v6) {
        int w = v6 ? 32 : 8;
        if (t.length() < w + 2 || t.charAt(w) != ':' || !hex(t.substring(0, w), w) || !hex(t.substring(w + 1), 8)) {
            return null;
        }
        long port = Long.parseLong(t.substring(w + 1), 16);
        if (port > 0xFFFF) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int word = 0; word < w; word += 8) {
            // each 32-bit word is printed in host (little-endian) order: its bytes reversed
            for (int k = 6; k >= 0; k -= 2) {
                b.append(t.substring(word + k, word + k + 2).toLowerCase());
            }
        }
        return b + ":" + port;
    }

    /** The key of an actual parsed row, in the same shape. */
    static String key(SocketEntry e) {
        if (e.proto() == Proto.UNIX) {
            return "unix|" + e.localAddress().text() + "|" + e.state() + "|" + e.inode() + "|" + e.localPort() + "|"
                    + e.remoteAddress().text() + "|" + e.remotePort() + "|" + e.uid() + "|" + e.recvQ() + "|"
                    + e.sendQ();
        }
        boolean v6 = e.family() == Family.IPV6;
        return e.proto().label() + "|" + e.family().label() + "|"
                + bytes(e.localAddress().text(), v6) + ":" + e.localPort()
                + "|" + bytes(e.remoteAddress().text(), v6) + ":" + e.remotePort() + "|" + e.state() + "|" + e.inode()
                + "|"
                + e.uid() + "|" + e.recvQ() + "|" + e.sendQ();
    }

    private static String bytes(String text, boolean v6) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == ':' || c == '.')) {
                return "not-an-address(" + text + ")"; // never hand such text to a resolver
            }
        }
        try {
            byte[] a = InetAddress.getByName(text).getAddress();
            if (v6 && a.length == 4) {
                // Java reads ::ffff:a.b.c.d as an IPv4 address
                byte[] m = new byte[16];
                m[10] = (byte) 0xff;
                m[11] = (byte) 0xff;
                System.arraycopy(a, 0, m, 12, 4);
                a = m;
            }
            if (!v6 && !(InetAddress.getByName(text) instanceof Inet4Address)) {
                return "not-ipv4(" + text + ")";
            }
            return HexFormat.of().formatHex(a);
        } catch (UnknownHostException e) {
            return "unparsable(" + text + ")";
        }
    }

    // ---- unix ----

    static Expected unix(byte[] d, Map<Integer, SocketEntry> intactAt) {
        List<Row> rows = new ArrayList<>();
        int bad = 0;
        int dropped = 0;
        List<Line> lines = lines(d);
        int n = 0;
        boolean first = true;
        while (n < lines.size()) {
            Line l = lines.get(n);
            List<int[]> cols = columns(l.text);
            boolean wasFirst = first;
            first = false;
            if (wasFirst && !cols.isEmpty() && l.text.startsWith("Num", cols.get(0)[0])) {
                n++;
                continue;
            }
            if (cols.isEmpty()) {
                n++;
                continue;
            }
            int pathFrom = l.lf ? unixHead(l.text, cols) : -2;
            if (pathFrom == -2) {
                bad++;
                n++;
                continue;
            }
            String head = unixKeyHead(l.text, cols);
            if (pathFrom == -1) {
                rows.add(new Row(key(head, new byte[0]), intactAt.get(l.start), false));
                n++;
                continue;
            }
            // The path runs to a line feed followed by the end of the data or by a row start
            // (8+ hex digits, ':', ' '); other line feeds belong to the path.
            int last = n;
            boolean complete = true;
            while (true) {
                Line cur = lines.get(last);
                if (cur.end + 1 == d.length) {
                    break;
                }
                Line next = lines.get(last + 1);
                if (looksLikeRowStart(next.text)) {
                    break;
                }
                if (!next.lf) {
                    complete = false;
                    break;
                }
                last++;
            }
            if (!complete) {
                bad++;
                dropped += intactAt.containsKey(l.start) ? 1 : 0;
                n++; // the following lines are read again as rows of their own
                continue;
            }
            int start = l.start + pathFrom;
            int end = lines.get(last).end;
            byte[] path = java.util.Arrays.copyOfRange(d, start, end);
            rows.add(new Row(
                    key(head, path),
                    last == n ? intactAt.get(l.start) : null,
                    last != n && intactAt.containsKey(l.start)));
            n = last + 1;
        }
        return new Expected(rows, bad, dropped);
    }

    private static String key(String head, byte[] path) {
        String[] h = head.split("\\|");
        return "unix|" + new String(path, StandardCharsets.UTF_8) + "|" + h[0] + "|" + h[1] + "|-1||-1|-1|-1|-1";
    }

    /**
     * Checks the columns before the path: -2 malformed, -1 no path, else the offset where the path
     * starts (after the single space that follows the inode).
     */
    private static int unixHead(String s, List<int[]> cols) {
        if (cols.size() < 7) {
            return -2;
        }
        String num = s.substring(cols.get(0)[0], cols.get(0)[1]);
        if (num.length() < 2
                || num.length() > 17
                || !num.endsWith(":")
                || !hex(num.substring(0, num.length() - 1), 16)) {
            return -2;
        }
        for (int i = 1; i <= 3; i++) {
            if (!hex(col(s, cols, i), 8)) {
                return -2;
            }
        }
        String type = col(s, cols, 4);
        if (!hex(type, 4)) {
            return -2;
        }
        int t = Integer.parseInt(type, 16);
        if (t != 1 && t != 2 && t != 5) {
            return -2;
        }
        String st = col(s, cols, 5);
        if (!hex(st, 2) || Integer.parseInt(st, 16) < 1 || Integer.parseInt(st, 16) > 4) {
            return -2;
        }
        String inode = col(s, cols, 6);
        if (!digits(inode, 19) || new BigInteger(inode).compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
            return -2;
        }
        int after = cols.get(6)[1];
        if (after == s.length()) {
            return -1;
        }
        return s.charAt(after) == ' ' ? after + 1 : -2;
    }

    private static String unixKeyHead(String s, List<int[]> cols) {
        long flags = Long.parseLong(col(s, cols, 3), 16);
        int st = Integer.parseInt(col(s, cols, 5), 16);
        State state = (flags & 0x10000) != 0 ? State.LISTEN : st == 2 || st == 3 ? State.CONNECTED : State.UNCONN;
        return state + "|" + Long.parseLong(col(s, cols, 6));
    }

    private static boolean looksLikeRowStart(String s) {
        int i = 0;
        while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 0x80) {
            i++;
        }
        return i >= 8 && i + 1 < s.length() && s.charAt(i) == ':' && s.charAt(i + 1) == ' ';
    }

    private static String col(String s, List<int[]> cols, int i) {
        return s.substring(cols.get(i)[0], cols.get(i)[1]);
    }

    private static boolean hex(String s, int max) {
        if (s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(String s, int max) {
        if (s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
