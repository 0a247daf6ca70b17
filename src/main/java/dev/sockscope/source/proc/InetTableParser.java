package dev.sockscope.source.proc;

import dev.sockscope.model.Address;
import dev.sockscope.model.Details;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;
import dev.sockscope.source.AddressCache;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * Parses the bytes of {@code /proc/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6},
 * {@code udplite}, {@code udplite6}, {@code raw} and {@code raw6} into {@link SocketEntry}
 * rows. Format: <a href="https://www.kernel.org/doc/Documentation/networking/proc_net_tcp.txt">proc_net_tcp.txt</a>.
 *
 * <p>A worked example (x86, little-endian), one row of {@code /proc/net/tcp}:
 * <pre>
 *    1: 0100007F:1F90 00000000:0000 0A 00000000:00000002 00:00000000 00000000  1000        0 41342 1 ...
 *       |        |    |             |  |        |                              |             |
 *       |        |    remote 0.0.0.0:0 |  sendQ    recvQ = 2                   uid 1000      inode 41342
 *       |        port 0x1F90 = 8080    state 0x0A = LISTEN
 *       127.0.0.1: one 32-bit word printed as a number in host byte order, so the bytes
 *       7F 00 00 01 of the address read as 0x0100007F on a little-endian host
 * </pre>
 * An IPv6 address is four such words, each in host byte order:
 * {@code 00000000000000000000000001000000} is {@code ::1}.
 *
 * <p>Contract:
 * <ul>
 *   <li>The first line is skipped when it is the column header (starts with {@code sl}).
 *       Blank lines are ignored.</li>
 *   <li>Addresses become {@link dev.sockscope.model.Address}es, numbers; no text is made
 *       here.</li>
 *   <li>State: TCP rows map the kernel code with {@link State#fromTcpCode}; UDP, UDP-Lite and
 *       raw rows are {@link State#ESTABLISHED} when the code is 01 (connected) and
 *       {@link State#UNCONN} for any other valid code (unconnected sockets report 07).</li>
 *   <li>{@code tx_queue} is {@code sendQ}, {@code rx_queue} is {@code recvQ}. TIME_WAIT rows
 *       have inode 0, and uid {@link SocketEntry#UNKNOWN}: the kernel prints 0 there for a
 *       socket no user owns any more, which is not root.</li>
 *   <li>Raw rows carry the IP protocol number in the local port column (1 for ICMP).</li>
 *   <li>TCP rows carry their timer ({@code tr}, {@code tm->when}, {@code retrnsmt}) in
 *       {@link Details#timer()}, as {@code netstat -o} shows it; null when those columns do
 *       not parse. Other protocols have no timer.</li>
 * </ul>
 *
 * <p>Bad input: a line is malformed when it has fewer than the 12 columns every kernel
 * format prints, a field is not hex/decimal as expected, a value is out of range (port above
 * 0xFFFF, uid above 2^31-1, queue above 2^32-1, inode above 2^63-1), the state code is not
 * one of the kernel's TCP states (0x01..0x0C, for every protocol: UDP and raw sockets use the
 * same codes), or it is the last line and has no line feed (a truncated read).
 * Malformed lines are skipped and counted; no row ever carries an invented value. Columns
 * after the twelfth are ignored (kernels append new ones).
 *
 * <p>Parsing allocates one {@link SocketEntry} per row and nothing else on the common path:
 * addresses are cached by their raw value (see {@link AddressCache}). An instance keeps that
 * cache between calls; it is not thread-safe.
 */
public final class InetTableParser {
    /** Columns every kernel format prints (TIME_WAIT rows, the shortest, end at the pointer). */
    private static final int MIN_COLUMNS = 12;

    private static final String[] TIMERS = {"off", "on", "keepalive", "timewait", "probe"};
    private static final Details OFF =
            new Details.Builder().timer(new Details.Timer("off", 0, 0)).build();

    /** Details holding only {@code t}; the common "off" one is shared. */
    private static Details timerDetails(Details.Timer t) {
        if (t.kind().equals("off") && t.retransmits() == 0) {
            return OFF;
        }
        return new Details.Builder().timer(t).build();
    }

    private final boolean littleEndian;
    private final AddressCache addresses;

    /** A parser for tables written by this machine's kernel (native byte order). */
    public InetTableParser() {
        this(ByteOrder.nativeOrder());
    }

    /** A parser for tables written by a kernel whose host byte order is {@code hostOrder}. */
    public InetTableParser(ByteOrder hostOrder) {
        this(hostOrder, true);
    }

    InetTableParser(ByteOrder hostOrder, boolean cacheAddresses) {
        this.littleEndian = Objects.requireNonNull(hostOrder, "hostOrder") == ByteOrder.LITTLE_ENDIAN;
        this.addresses = new AddressCache(cacheAddresses);
    }

    /**
     * Parses {@code data[0, length)}, the content of one table, appending its rows to {@code out}.
     *
     * @param proto  {@link Proto#TCP}, {@link Proto#UDP}, {@link Proto#UDPLITE} or {@link Proto#RAW}
     * @param family {@link Family#IPV4} or {@link Family#IPV6}: which address width the table has
     * @return the number of malformed lines skipped
     */
    public int parse(byte[] data, int length, Proto proto, Family family, List<? super SocketEntry> out) {
        Objects.checkFromIndexSize(0, length, data.length);
        if (!proto.isInet() || family == Family.UNIX) {
            throw new IllegalArgumentException("not an inet table: " + proto + "/" + family);
        }
        Line line = new Line(data, proto, family == Family.IPV6);
        int bad = 0;
        int pos = 0;
        boolean first = true;
        while (pos < length) {
            int nl = ByteScan.lineEnd(data, pos, length);
            int end = nl < 0 ? length : nl;
            if (first && ByteScan.startsWithWord(data, pos, end, "sl")) {
                // column header
            } else if (ByteScan.skipBlanks(data, pos, end) == end) {
                // blank line: not a socket, nothing lost
            } else if (nl < 0) {
                bad++; // no line feed: the read stopped inside this line
            } else {
                SocketEntry e = line.parse(pos, end);
                if (e == null) {
                    bad++;
                } else {
                    out.add(e);
                }
            }
            first = false;
            pos = end + 1;
        }
        return bad;
    }

    /** Convenience for a whole array. */
    public int parse(byte[] data, Proto proto, Family family, List<? super SocketEntry> out) {
        return parse(data, data.length, proto, family, out);
    }

    /** The fields of one line; results of the address fields are left in these members. */
    private final class Line {
        private final byte[] d;
        private final Proto proto;
        private final boolean v6;
        private final Family family;
        private Address address;
        private int port;

        Line(byte[] d, Proto proto, boolean v6) {
            this.d = d;
            this.proto = proto;
            this.v6 = v6;
            this.family = v6 ? Family.IPV6 : Family.IPV4;
        }

        /** The row in {@code [from, to)}, or null when it is malformed. */
        SocketEntry parse(int from, int to) {
            // 0: "sl:"
            int s = ByteScan.skipBlanks(d, from, to);
            int e = ByteScan.tokenEnd(d, s, to);
            if (e - s < 2 || d[e - 1] != ':' || ByteScan.decimal(d, s, e - 1, 9) < 0) {
                return null;
            }
            // 1, 2: local and remote "ADDR:PORT"
            s = ByteScan.skipBlanks(d, e, to);
            e = ByteScan.tokenEnd(d, s, to);
            if (!endpoint(s, e)) {
                return null;
            }
            Address localAddress = address;
            int localPort = port;
            s = ByteScan.skipBlanks(d, e, to);
            e = ByteScan.tokenEnd(d, s, to);
            if (!endpoint(s, e)) {
                return null;
            }
            Address remoteAddress = address;
            int remotePort = port;
            // 3: state
            s = ByteScan.skipBlanks(d, e, to);
            e = ByteScan.tokenEnd(d, s, to);
            long code = ByteScan.hex(d, s, e, 2);
            State tcp = code < 0 ? null : State.fromTcpCode((int) code);
            if (tcp == null) {
                return null;
            }
            State state = proto == Proto.TCP ? tcp : (tcp == State.ESTABLISHED ? State.ESTABLISHED : State.UNCONN);
            // 4: "tx_queue:rx_queue"
            s = ByteScan.skipBlanks(d, e, to);
            e = ByteScan.tokenEnd(d, s, to);
            int colon = indexOf(s, e, (byte) ':');
            if (colon < 0) {
                return null;
            }
            long sendQ = ByteScan.hex(d, s, colon, 8);
            long recvQ = ByteScan.hex(d, colon + 1, e, 8);
            if (sendQ < 0 || recvQ < 0) {
                return null;
            }
            // 5, 6: "tr:tm->when", retrnsmt (must be there; TCP's timer, when they parse)
            s = ByteScan.skipBlanks(d, e, to);
            e = ByteScan.tokenEnd(d, s, to);
            if (s == e) {
                return null;
            }
            int timerFrom = s;
            int timerTo = e;
            s = ByteScan.skipBlanks(d, e, to);
            e = ByteScan.tokenEnd(d, s, to);
            if (s == e) {
                return null;
            }
            Details.Timer timer = proto == Proto.TCP ? timer(timerFrom, timerTo, s, e) : null;
            // 7: uid (decimal)
            s = ByteScan.skipBlanks(d, e, to);
            e = ByteScan.tokenEnd(d, s, to);
            long uid = ByteScan.decimal(d, s, e, 10);
            if (uid < 0 || uid > Integer.MAX_VALUE) {
                return null;
            }
            // 8: timeout (not used)
            s = ByteScan.skipBlanks(d, e, to);
            e = ByteScan.tokenEnd(d, s, to);
            if (s == e) {
                return null;
            }
            // 9: inode (decimal)
            s = ByteScan.skipBlanks(d, e, to);
            e = ByteScan.tokenEnd(d, s, to);
            long inode = ByteScan.decimal(d, s, e, 19);
            if (inode < 0) {
                return null;
            }
            // 10, 11: refcount, pointer (not used, but a row without them is cut short)
            for (int k = 0; k < MIN_COLUMNS - 10; k++) {
                s = ByteScan.skipBlanks(d, e, to);
                e = ByteScan.tokenEnd(d, s, to);
                if (s == e) {
                    return null;
                }
            }
            int owner = (int) uid;
            if (state == State.TIME_WAIT && inode == 0) {
                owner = SocketEntry.UNKNOWN;
            }
            return new SocketEntry(
                    proto,
                    family,
                    localAddress,
                    localPort,
                    remoteAddress,
                    remotePort,
                    state,
                    inode,
                    owner,
                    recvQ,
                    sendQ,
                    timer == null ? Details.NONE : timerDetails(timer));
        }

        /**
         * The timer from "tr:tm->when" in {@code [ts, te)} and retrnsmt in {@code [rs, re)}: tr is
         * 0 off, 1 retransmit ({@code on}), 2 keepalive, 3 TIME_WAIT, 4 zero-window probe; when is
         * in clock ticks (USER_HZ, 100 a second on Linux); both hex. Null when they do not parse
         * (the row stays: the timer is extra).
         */
        private Details.Timer timer(int ts, int te, int rs, int re) {
            int colon = indexOf(ts, te, (byte) ':');
            if (colon < 0) {
                return null;
            }
            long kind = ByteScan.hex(d, ts, colon, 2);
            long when = ByteScan.hex(d, colon + 1, te, 15);
            long retrans = ByteScan.hex(d, rs, re, 8);
            if (kind < 0 || kind >= TIMERS.length || when < 0 || retrans < 0 || retrans > Integer.MAX_VALUE) {
                return null;
            }
            return new Details.Timer(TIMERS[(int) kind], kind == 0 ? 0 : when * 10, (int) retrans);
        }

        /** Parses "ADDR:PORT" in {@code [s, e)} into {@link #address} and {@link #port}. */
        private boolean endpoint(int s, int e) {
            int hexDigits = v6 ? 32 : 8;
            int colon = s + hexDigits;
            if (e - s < hexDigits + 2 || d[colon] != ':') {
                return false;
            }
            long p = ByteScan.hex(d, colon + 1, e, 8);
            if (p < 0 || p > 0xFFFF) {
                return false;
            }
            if (v6) {
                long w0 = ByteScan.hex(d, s, s + 8, 8);
                long w1 = ByteScan.hex(d, s + 8, s + 16, 8);
                long w2 = ByteScan.hex(d, s + 16, s + 24, 8);
                long w3 = ByteScan.hex(d, s + 24, s + 32, 8);
                if ((w0 | w1 | w2 | w3) < 0) {
                    return false;
                }
                address = addresses.ipv6(word(w0), word(w1), word(w2), word(w3));
            } else {
                long w = ByteScan.hex(d, s, s + 8, 8);
                if (w < 0) {
                    return false;
                }
                address = addresses.ipv4(word(w));
            }
            port = (int) p;
            return true;
        }

        /** A printed host-order word as the network-order (big-endian) value of its four bytes. */
        private int word(long printed) {
            return littleEndian ? Integer.reverseBytes((int) printed) : (int) printed;
        }

        private int indexOf(int s, int e, byte b) {
            for (int i = s; i < e; i++) {
                if (d[i] == b) {
                    return i;
                }
            }
            return -1;
        }
    }
}
