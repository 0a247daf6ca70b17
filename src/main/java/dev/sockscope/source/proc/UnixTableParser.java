package dev.sockscope.source.proc;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Parses the bytes of {@code /proc/net/unix} ({@code net/unix/af_unix.c}, {@code unix_seq_show})
 * into {@link SocketEntry} rows:
 * <pre>
 * Num       RefCount Protocol Flags    Type St Inode Path
 * 0000000000000000: 00000002 00000000 00010000 0001 01 20712 /run/dbus/system_bus_socket
 * 0000000000000000: 00000003 00000000 00000000 0001 03 20713
 * </pre>
 *
 * <p>State, as ss and netstat read it: {@link State#LISTEN} when Flags has
 * {@code __SO_ACCEPTCON} (0x10000); otherwise St 03 (connected) and 02 (connecting: a
 * connection waiting in a listener's accept queue, already joined to its peer) are
 * {@link State#CONNECTED}; St 01 (unconnected) and 04 (disconnecting: detached from its file,
 * no longer established) are {@link State#UNCONN}.
 *
 * <p>Path: everything after the single space that follows the inode, exactly (it may contain
 * or start with spaces), decoded as UTF-8 with invalid bytes replaced by U+FFFD. An abstract
 * name is printed with a leading {@code @} (and NUL bytes inside it as {@code @}) and kept so;
 * no path means an unnamed socket, {@code ""}. A path can contain a line feed: a line feed ends
 * the row only when the next bytes start a new row ({@code HEX: }) or the data ends, so such a
 * path is kept whole. Paths are untrusted text; views must sanitize them.
 *
 * <p>Every row: proto and family UNIX, ports {@link SocketEntry#NO_PORT}, remote address
 * {@link dev.sockscope.model.Address#NO_PATH}, uid, recvQ and sendQ {@link SocketEntry#UNKNOWN} (the table has no such columns).
 *
 * <p>Bad input: a row is malformed when a column is missing or not hex/decimal as expected,
 * Type is not 1, 2 or 5, St is not 01..04, the path is not separated from the inode by a
 * space, or the data ends without a line feed (a truncated read). Malformed rows are skipped
 * and counted. An instance caches repeated paths (accepted connections repeat their
 * listener's path); it is not thread-safe.
 */
public final class UnixTableParser {
    /** {@code __SO_ACCEPTCON}, set in Flags for a listening socket. */
    static final long ACCEPTCON = 0x10000;

    /** Receives each parsed row with its unix socket type. */
    @FunctionalInterface
    public interface Sink {
        void accept(SocketEntry entry, UnixSocketType type);
    }

    private static final int SLOTS = 256;
    private final byte[][] pathKeys = new byte[SLOTS][];
    private final Address[] paths = new Address[SLOTS];

    /**
     * Parses {@code data[0, length)}, appending rows to {@code out}.
     *
     * @return the number of malformed rows skipped
     */
    public int parse(byte[] data, int length, List<? super SocketEntry> out) {
        return parse(data, length, (entry, type) -> out.add(entry));
    }

    /**
     * Parses {@code data[0, length)}, handing each row and its socket type to {@code sink}.
     *
     * @return the number of malformed rows skipped
     */
    public int parse(byte[] data, int length, Sink sink) {
        Objects.checkFromIndexSize(0, length, data.length);
        int bad = 0;
        int pos = 0;
        boolean first = true;
        while (pos < length) {
            int nl = ByteScan.lineEnd(data, pos, length);
            int end = nl < 0 ? length : nl;
            if (first && ByteScan.startsWithWord(data, pos, end, "Num")) {
                pos = end + 1;
            } else if (ByteScan.skipBlanks(data, pos, end) == end) {
                pos = end + 1;
            } else {
                pos = row(data, pos, end, length, sink);
                if (pos < 0) {
                    bad++;
                    pos = end + 1;
                }
            }
            first = false;
        }
        return bad;
    }

    /**
     * Parses the row starting at {@code from}, whose first line ends at {@code end} (a line feed,
     * or {@code length} when there is none).
     *
     * @return where the next row starts, or -1 when this one is malformed
     */
    private int row(byte[] d, int from, int end, int length, Sink sink) {
        if (end == length) {
            return -1; // no line feed: the read stopped inside this row
        }
        // Num: a kernel pointer (hashed or zeros) followed by ':'
        int s = ByteScan.skipBlanks(d, from, end);
        int e = ByteScan.tokenEnd(d, s, end);
        if (e - s < 2 || e - s > 17 || d[e - 1] != ':' || !allHex(d, s, e - 1)) {
            return -1;
        }
        // RefCount, Protocol, Flags (hex, 8 digits), Type (hex, 4), St (hex, 2)
        s = ByteScan.skipBlanks(d, e, end);
        e = ByteScan.tokenEnd(d, s, end);
        if (ByteScan.hex(d, s, e, 8) < 0) {
            return -1;
        }
        s = ByteScan.skipBlanks(d, e, end);
        e = ByteScan.tokenEnd(d, s, end);
        if (ByteScan.hex(d, s, e, 8) < 0) {
            return -1;
        }
        s = ByteScan.skipBlanks(d, e, end);
        e = ByteScan.tokenEnd(d, s, end);
        long flags = ByteScan.hex(d, s, e, 8);
        if (flags < 0) {
            return -1;
        }
        s = ByteScan.skipBlanks(d, e, end);
        e = ByteScan.tokenEnd(d, s, end);
        UnixSocketType type = UnixSocketType.fromCode(ByteScan.hex(d, s, e, 4));
        if (type == null) {
            return -1;
        }
        s = ByteScan.skipBlanks(d, e, end);
        e = ByteScan.tokenEnd(d, s, end);
        long st = ByteScan.hex(d, s, e, 2);
        State state;
        if (st < 1 || st > 4) {
            return -1;
        } else if ((flags & ACCEPTCON) != 0) {
            state = State.LISTEN;
        } else if (st == 2 || st == 3) {
            state = State.CONNECTED;
        } else {
            state = State.UNCONN;
        }
        // Inode (decimal, right-aligned in 5 columns)
        s = ByteScan.skipBlanks(d, e, end);
        e = ByteScan.tokenEnd(d, s, end);
        long inode = ByteScan.decimal(d, s, e, 19);
        if (inode < 0) {
            return -1;
        }
        Address path;
        int next;
        if (e == end) {
            path = Address.NO_PATH;
            next = end + 1;
        } else if (d[e] != ' ') {
            return -1;
        } else {
            int pathEnd = pathEnd(d, e + 1, end, length);
            if (pathEnd < 0) {
                return -1;
            }
            path = path(d, e + 1, pathEnd);
            next = pathEnd + 1;
        }
        sink.accept(
                new SocketEntry(
                        Proto.UNIX,
                        Family.UNIX,
                        path,
                        SocketEntry.NO_PORT,
                        Address.NO_PATH,
                        SocketEntry.NO_PORT,
                        state,
                        inode,
                        SocketEntry.UNKNOWN,
                        SocketEntry.UNKNOWN,
                        SocketEntry.UNKNOWN),
                type);
        return next;
    }

    /**
     * The line feed that ends a path starting at {@code from}: the first one, at or after
     * {@code firstEnd}, that is followed by the end of the data or the start of a row; -1 when
     * the data ends without one.
     */
    private static int pathEnd(byte[] d, int from, int firstEnd, int length) {
        int nl = firstEnd;
        while (nl >= 0) {
            if (nl + 1 == length || looksLikeRowStart(d, nl + 1, length)) {
                return nl;
            }
            nl = ByteScan.lineEnd(d, nl + 1, length);
        }
        return -1;
    }

    /** True when {@code d[at..]} starts with at least 8 hex digits, a colon and a space. */
    private static boolean looksLikeRowStart(byte[] d, int at, int length) {
        int i = at;
        while (i < length && ByteScan.hexValue(d[i]) >= 0) {
            i++;
        }
        return i - at >= 8 && i + 1 < length && d[i] == ':' && d[i + 1] == ' ';
    }

    private static boolean allHex(byte[] d, int s, int e) {
        for (int i = s; i < e; i++) {
            if (ByteScan.hexValue(d[i]) < 0) {
                return false;
            }
        }
        return e > s;
    }

    /** The path in {@code [s, e)}, shared with earlier rows that had the same bytes. */
    private Address path(byte[] d, int s, int e) {
        int h = 1;
        for (int i = s; i < e; i++) {
            h = 31 * h + d[i];
        }
        int slot = (h * 0x9E3779B9) >>> 24 & (SLOTS - 1);
        byte[] key = pathKeys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, d, s, e)) {
            return paths[slot];
        }
        Address path = Address.path(new String(d, s, e - s, StandardCharsets.UTF_8));
        pathKeys[slot] = Arrays.copyOfRange(d, s, e);
        paths[slot] = path;
        return path;
    }
}
