package dev.sockscope.source.netlink;

import static dev.sockscope.netlink.NlBytes.align4;
import static dev.sockscope.netlink.NlBytes.be16;
import static dev.sockscope.netlink.NlBytes.u16;
import static dev.sockscope.netlink.NlBytes.u32;
import static dev.sockscope.netlink.NlBytes.u64;
import static dev.sockscope.netlink.NlBytes.u8;

import dev.sockscope.model.Address;
import dev.sockscope.model.Details;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;
import dev.sockscope.netlink.SockDiag;
import dev.sockscope.source.AddressCache;
import java.util.Objects;

/**
 * Parses one {@code struct inet_diag_msg} and its attributes (the payload of a
 * {@code SOCK_DIAG_BY_FAMILY} reply to an {@code inet_diag} dump) into a {@link SocketEntry}.
 *
 * <p>Layout ({@code include/uapi/linux/inet_diag.h}), 72 bytes, host byte order except ports:
 * <pre>
 *  0 family  1 state  2 timer  3 retrans
 *  4 sport (be16)  6 dport (be16)  8 src[16]  24 dst[16]  40 ifindex  44 cookie[8]
 * 52 expires (ms)  56 rqueue  60 wqueue  64 uid  68 inode
 * 72 attributes: {u16 len, u16 type, payload}, each padded to 4 bytes
 * </pre>
 * Attributes used: {@code INET_DIAG_INFO} ({@code struct tcp_info}: {@code tcpi_rtt} at 68,
 * {@code tcpi_total_retrans} at 100, {@code tcpi_bytes_acked} at 120,
 * {@code tcpi_bytes_received} at 128), {@code INET_DIAG_SKV6ONLY} (u8, sent for IPv6 sockets in
 * LISTEN or CLOSE), {@code INET_DIAG_CGROUP_ID} (u64, kernel 5.7+), {@code INET_DIAG_SHUTDOWN}
 * (u8, checked, not kept). Others are skipped.
 *
 * <p>Values, matching the proc source where both know them:
 * <ul>
 *   <li>State: TCP the kernel's code; UDP, UDP-Lite and raw {@code ESTABLISHED} for 1, else
 *       {@code UNCONN}. Addresses as numbers ({@link Address}); raw sockets' local port is the IP
 *       protocol number, as in {@code /proc/net/raw}.</li>
 *   <li>TIME_WAIT rows (inode 0) have uid {@link SocketEntry#UNKNOWN}. A TCP listener's
 *       {@code sendQ} is 0: the kernel reports its backlog limit in that field, which is not a
 *       send queue ({@code /proc/net/tcp} prints 0).</li>
 *   <li>{@code iface}: the bound device ({@code SO_BINDTODEVICE}, or a link-local address's
 *       scope) by name, {@code if<N>} when no interface has index N any more (as {@code ss}
 *       prints it); null when unbound.</li>
 *   <li>{@code dualStack} (IPv6 sockets whose kernel sent {@code INET_DIAG_SKV6ONLY}): true when
 *       {@code IPV6_V6ONLY} is off and the address can take IPv4 (the wildcard {@code ::} or an
 *       IPv4-mapped address), false otherwise; null when not sent.</li>
 *   <li>{@code timer} (TCP): {@code idiag_timer} 0..4 as {@code off}, {@code on},
 *       {@code keepalive}, {@code timewait}, {@code probe}; expiry in ms; retransmits (probes
 *       for keepalive and probe timers, as the kernel reports them here).</li>
 *   <li>{@code tcp}: when the attribute holds at least 136 bytes (kernel 4.1+).</li>
 *   <li>{@code cgroup}: the path of the cgroup v2 whose id the kernel sent, from
 *       {@link Names#cgroupPath}; null when unknown.</li>
 * </ul>
 *
 * <p>Untrusted input: the message is rejected (null, for the caller to count) when it is
 * shorter than 72 bytes, its family is not the requested one, its state is not a TCP state
 * code (1..12), an attribute's length is below 4 or runs past the message, a known attribute
 * is shorter than its type needs, or a value is out of the model's range (uid above
 * 2^31-1; byte counters above 2^63-1). Nothing in a rejected message is used.
 */
public final class InetDiagParser {
    /** {@code sizeof(struct inet_diag_msg)}. */
    public static final int MSG_LEN = 72;

    static final int TCP_INFO_MIN = 136;
    private static final String[] TIMERS = {"off", "on", "keepalive", "timewait", "probe"};

    /** Names for the numbers the kernel sends; both may return null for unknown. */
    public interface Names {
        /** The interface with this index, or null. */
        String interfaceName(int ifindex);

        /** The cgroup v2 path ({@code /system.slice/x.service}) with this id, or null. */
        String cgroupPath(long id);
    }

    private final Names names;
    private final AddressCache addresses = new AddressCache(true);
    private Details lastDetails;

    private long nanos = Snapshot.UNTIMED;
    private boolean bytesAlone;

    public InetDiagParser(Names names) {
        this.names = names;
    }

    /**
     * When the messages parsed from now on were received ({@link System#nanoTime()}), for their
     * {@link Details.TcpInfo#readNanos()}; {@link Snapshot#UNTIMED} (the start) leaves them untimed.
     */
    public void receivedAt(long nanos) {
        this.nanos = nanos;
    }

    /**
     * Whether the entry {@link #parse} last returned follows from its message's bytes alone: it
     * has no {@code tcp_info}, whose reading time is not in the bytes. Such an entry may stand
     * for a later message with the same bytes ({@link MessageReuse}). Interface and cgroup names
     * count as fixed: {@link Names} looks an unknown number up again in the same read, after
     * the socket holding it exists, so a name not found then stays unknown.
     */
    boolean bytesAlone() {
        return bytesAlone;
    }

    /**
     * @param proto  the protocol the dump asked for (not in the message)
     * @param family the family the dump asked for; null for a dump of both (the message's own)
     * @return the row, or null when the message is malformed
     */
    public SocketEntry parse(byte[] b, int off, int len, Proto proto, Family family) {
        bytesAlone = false;
        if (off < 0 || len < MSG_LEN || off + len > b.length || off + len < 0) {
            return null;
        }
        int fam = u8(b, off);
        boolean isV6 = fam == SockDiag.AF_INET6;
        if (family == null && (fam == SockDiag.AF_INET || isV6)) {
            family = isV6 ? Family.IPV6 : Family.IPV4;
        }
        if (!(fam == SockDiag.AF_INET && family == Family.IPV4) && !(isV6 && family == Family.IPV6)) {
            return null;
        }
        State code = State.fromTcpCode(u8(b, off + 1));
        if (code == null) {
            return null;
        }
        State state = proto == Proto.TCP ? code : (code == State.ESTABLISHED ? State.ESTABLISHED : State.UNCONN);
        int timer = u8(b, off + 2);
        int retrans = u8(b, off + 3);
        int localPort = be16(b, off + 4);
        int remotePort = be16(b, off + 6);
        Address local = address(b, off + 8, isV6);
        Address remote = address(b, off + 24, isV6);
        long ifindex = u32(b, off + 40);
        long expires = u32(b, off + 52);
        long rqueue = u32(b, off + 56);
        long wqueue = u32(b, off + 60);
        long uid = u32(b, off + 64);
        long inode = u32(b, off + 68);
        if (uid > Integer.MAX_VALUE || ifindex > Integer.MAX_VALUE) {
            return null;
        }

        Boolean v6only = null;
        Details.TcpInfo tcp = null;
        long cgroupId = 0;
        int end = off + len;
        int at = off + MSG_LEN;
        while (end - at >= 4) {
            int alen = u16(b, at);
            int type = u16(b, at + 2) & 0x3FFF; // without the nested / byte-order flags
            if (alen < 4 || alen > end - at) {
                return null;
            }
            int p = at + 4;
            int plen = alen - 4;
            switch (type) {
                case SockDiag.INET_DIAG_INFO:
                    if (plen >= TCP_INFO_MIN && proto == Proto.TCP) {
                        long rtt = u32(b, p + 68);
                        long total = u32(b, p + 100);
                        long acked = u64(b, p + 120);
                        long received = u64(b, p + 128);
                        if (acked < 0 || received < 0) {
                            return null;
                        }
                        tcp = new Details.TcpInfo(rtt / 1000.0, total, acked, received, nanos);
                    }
                    break;
                case SockDiag.INET_DIAG_SKV6ONLY:
                    if (plen < 1) {
                        return null;
                    }
                    v6only = b[p] != 0;
                    break;
                case SockDiag.INET_DIAG_CGROUP_ID:
                    if (plen < 8) {
                        return null;
                    }
                    cgroupId = u64(b, p);
                    break;
                case SockDiag.INET_DIAG_SHUTDOWN:
                    if (plen < 1) {
                        return null;
                    }
                    break;
                default:
                    break;
            }
            at += align4(alen);
        }

        boolean timeWait = state == State.TIME_WAIT && inode == 0;
        int owner = timeWait ? SocketEntry.UNKNOWN : (int) uid;
        long sendQ = proto == Proto.TCP && state == State.LISTEN ? 0 : wqueue;
        String iface = null;
        if (ifindex != 0) {
            String name = names.interfaceName((int) ifindex);
            iface = name != null ? name : "if" + ifindex;
        }
        Boolean dualStack = null;
        if (isV6 && v6only != null) {
            boolean takesV4 = local.isWildcard() || local.isV4Mapped();
            dualStack = !v6only && takesV4;
        }
        Details.Timer t = null;
        if (proto == Proto.TCP && timer < TIMERS.length) {
            t = timer == 0 && retrans == 0
                    ? TIMER_OFF
                    : new Details.Timer(TIMERS[timer], timer == 0 ? 0 : expires, retrans);
        }
        String cgroup = cgroupId != 0 ? names.cgroupPath(cgroupId) : null;
        bytesAlone = tcp == null;
        return new SocketEntry(
                proto,
                family,
                local,
                localPort,
                remote,
                remotePort,
                state,
                inode,
                owner,
                rqueue,
                sendQ,
                details(iface, dualStack, t, tcp, cgroup));
    }

    private static final Details.Timer TIMER_OFF = new Details.Timer(TIMERS[0], 0, 0);

    /**
     * The last row's details when this row's are the same, else new ones: the sockets of one
     * server share their cgroup, interface and idle timer, so 100,000 rows hold a few of these
     * (at that size, 8 MB less to collect and copy, and one collection fewer).
     */
    private Details details(String iface, Boolean dualStack, Details.Timer timer, Details.TcpInfo tcp, String cgroup) {
        Details last = lastDetails;
        if (last != null
                && tcp == null
                && last.tcp() == null
                && Objects.equals(last.iface(), iface)
                && Objects.equals(last.dualStack(), dualStack)
                && Objects.equals(last.timer(), timer)
                && Objects.equals(last.cgroup(), cgroup)) {
            return last;
        }
        Details d = new Details(iface, dualStack, null, 0, timer, tcp, cgroup, null);
        lastDetails = d;
        return d;
    }

    /**
     * The address in network byte order at {@code b[at]}: 16 bytes, or 4 for IPv4; one shared
     * object for a value many rows repeat, so its text is made once (at 40,000 sockets, text per
     * row cost a table 25 ms more than the /proc source, which already shared them).
     */
    private Address address(byte[] b, int at, boolean isV6) {
        if (!isV6) {
            return addresses.ipv4(be32(b, at));
        }
        return addresses.ipv6(be32(b, at), be32(b, at + 4), be32(b, at + 8), be32(b, at + 12));
    }

    private static int be32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
