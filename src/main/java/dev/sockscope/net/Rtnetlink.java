package dev.sockscope.net;

import dev.sockscope.model.InetText;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * rtnetlink requests and replies as bytes, pure: no socket here (a transport sends what this
 * builds and hands back what the kernel answered). Layouts from {@code linux/netlink.h},
 * {@code linux/rtnetlink.h}, {@code linux/if_addr.h}, {@code linux/neighbour.h}; all numbers
 * in the host's byte order, every header and attribute padded to 4 bytes.
 *
 * <pre>
 * nlmsghdr  u32 len | u16 type | u16 flags | u32 seq | u32 pid          (16 bytes)
 * ifaddrmsg u8 family | u8 prefixlen | u8 flags | u8 scope | u32 index  (8)   RTM_NEWADDR
 * ndmsg     u8 family | 3 pad | s32 ifindex | u16 state | u8 flags | u8 type (12) RTM_NEWNEIGH
 * rtmsg     u8 family dst_len src_len tos table protocol scope type | u32 flags (12) RTM_NEWROUTE
 * rtattr    u16 len | u16 type | value, padded to 4
 * </pre>
 *
 * A reply that is cut short or whose lengths do not add up is a {@link NetException}, never a
 * partial record made of zeros.
 */
public final class Rtnetlink {
    public static final int NLMSG_HDRLEN = 16;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_MULTI = 0x2;
    public static final int NLM_F_DUMP = 0x300;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_GETROUTE = 26;
    public static final int RTM_NEWNEIGH = 28;
    public static final int RTM_GETNEIGH = 30;
    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_LABEL = 3;
    static final int IFA_FLAGS = 8;
    static final int NDA_DST = 1;
    static final int NDA_LLADDR = 2;
    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PRIORITY = 6;
    static final int RTA_PREFSRC = 7;
    static final int RTA_TABLE = 15;
    static final int NTF_ROUTER = 0x80;

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private Rtnetlink() {}

    /** One netlink message: its type, flags, sequence number and body (after the 16-byte header). */
    public record Message(int type, int flags, int seq, ByteBuffer body) {}

    /** An address from {@code RTM_NEWADDR}, with the index of its interface. */
    public record AddrReply(int index, IfAddress address) {}

    /** A neighbour from {@code RTM_NEWNEIGH}: interface index, and the entry with its interface left null. */
    public record NeighReply(int index, Neighbor neighbor) {}

    /**
     * A route from {@code RTM_NEWROUTE}, e.g. the answer to {@link #routeGet}.
     *
     * @param type     {@code unicast}, {@code local}, {@code broadcast}, {@code unreachable}...
     * @param table    routing table id ({@code 254} main, {@code 255} local)
     * @param oif      output interface index, -1 when none
     * @param gateway  next hop, null when direct
     * @param prefsrc  the source address the kernel picks, null when none
     * @param metric   priority, -1 when absent
     */
    public record RouteReply(
            String family,
            String destination,
            int prefix,
            String type,
            int table,
            int oif,
            String gateway,
            String prefsrc,
            long metric) {}

    /** A dump request: {@link #RTM_GETADDR} (body {@code ifaddrmsg}), {@link #RTM_GETNEIGH} ({@code ndmsg}), {@link #RTM_GETROUTE} ({@code rtmsg}). */
    public static byte[] dumpRequest(int type, int family, int seq) {
        int bodyLen;
        switch (type) {
            case RTM_GETADDR:
                bodyLen = 8;
                break;
            case RTM_GETNEIGH:
            case RTM_GETROUTE:
                bodyLen = 12;
                break;
            default:
                throw new IllegalArgumentException("no dump request for type " + type);
        }
        ByteBuffer b = header(NLMSG_HDRLEN + bodyLen, type, NLM_F_REQUEST | NLM_F_DUMP, seq);
        b.put((byte) family);
        return b.array();
    }

    /** {@code RTM_GETROUTE} for one destination, as {@code ip route get ADDRESS} asks. */
    public static byte[] routeGet(byte[] destination, int seq) {
        int attrLen = 4 + destination.length;
        int len = NLMSG_HDRLEN + 12 + align(attrLen);
        ByteBuffer b = header(len, RTM_GETROUTE, NLM_F_REQUEST, seq);
        b.put((byte) (destination.length == 4 ? AF_INET : AF_INET6));
        b.put((byte) (destination.length * 8));
        b.position(NLMSG_HDRLEN + 12);
        b.putShort((short) attrLen).putShort((short) RTA_DST).put(destination);
        return b.array();
    }

    private static ByteBuffer header(int len, int type, int flags, int seq) {
        ByteBuffer b = ByteBuffer.allocate(len).order(ORDER);
        b.putInt(len).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        return b;
    }

    static int align(int n) {
        return (n + 3) & ~3;
    }

    /**
     * The messages of one datagram the kernel sent.
     *
     * @throws NetException when a length does not fit the datagram
     */
    public static List<Message> messages(ByteBuffer datagram) throws NetException {
        ByteBuffer d = datagram.duplicate().order(ORDER);
        List<Message> out = new ArrayList<>();
        while (d.remaining() >= NLMSG_HDRLEN) {
            int start = d.position();
            int len = d.getInt(start);
            if (len < NLMSG_HDRLEN || len > d.remaining()) {
                throw new NetException("rtnetlink: a message of " + len + " bytes in " + d.remaining() + " left");
            }
            int type = d.getShort(start + 4) & 0xffff;
            int flags = d.getShort(start + 6) & 0xffff;
            int seq = d.getInt(start + 8);
            ByteBuffer body = d.duplicate().order(ORDER);
            body.position(start + NLMSG_HDRLEN).limit(start + len);
            out.add(new Message(type, flags, seq, body.slice().order(ORDER)));
            d.position(Math.min(d.limit(), start + align(len)));
        }
        if (d.remaining() != 0) {
            throw new NetException("rtnetlink: " + d.remaining() + " stray bytes after the last message");
        }
        return out;
    }

    /**
     * Whether this datagram ends an exchange: {@code NLMSG_DONE} or an error for a dump; any
     * answer for a single request.
     *
     * @throws NetException when the kernel refused the request (errno kept) or the bytes do not parse
     */
    public static boolean ends(ByteBuffer datagram, boolean dump) throws NetException {
        boolean end = !dump;
        for (Message m : messages(datagram)) {
            if (m.type() == NLMSG_ERROR) {
                if (m.body().remaining() < 4) {
                    throw new NetException("rtnetlink: an error message without its code");
                }
                int error = m.body().getInt(0);
                if (error != 0) {
                    throw new NetException("rtnetlink: request refused, errno " + (-error), -error);
                }
                end = true;
            } else if (m.type() == NLMSG_DONE) {
                end = true;
            }
        }
        return end;
    }

    /** Attributes of a body from {@code offset}: {@code [type] -> value} (a later duplicate wins). */
    static ByteBuffer[] attributes(ByteBuffer body, int offset, int maxType) throws NetException {
        ByteBuffer[] attrs = new ByteBuffer[maxType + 1];
        int p = offset;
        int end = body.limit();
        while (p + 4 <= end) {
            int len = body.getShort(p) & 0xffff;
            int type = body.getShort(p + 2) & 0x3fff; // without NLA_F_NESTED and NLA_F_NET_BYTEORDER
            if (len < 4 || p + len > end) {
                throw new NetException("rtnetlink: an attribute of " + len + " bytes in " + (end - p) + " left");
            }
            if (type <= maxType) {
                ByteBuffer v = body.duplicate().order(ORDER);
                v.position(p + 4).limit(p + len);
                attrs[type] = v.slice().order(ORDER);
            }
            p += align(len);
        }
        return attrs;
    }

    private static void need(ByteBuffer body, int n, String what) throws NetException {
        if (body.remaining() < n) {
            throw new NetException(
                    "rtnetlink: " + what + " of " + body.remaining() + " bytes, at least " + n + " needed");
        }
    }

    private static byte[] bytes(ByteBuffer v) {
        byte[] b = new byte[v.remaining()];
        v.duplicate().get(b);
        return b;
    }

    private static String ip(ByteBuffer v) throws NetException {
        if (v == null) {
            return null;
        }
        byte[] b = bytes(v);
        if (b.length != 4 && b.length != 16) {
            throw new NetException("rtnetlink: an address of " + b.length + " bytes");
        }
        return InetText.format(b);
    }

    private static String string(ByteBuffer v) {
        byte[] b = bytes(v);
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An {@code RTM_NEWADDR} message; null for a family other than IPv4 and IPv6. */
    public static AddrReply parseAddr(Message m) throws NetException {
        ByteBuffer body = m.body();
        need(body, 8, "ifaddrmsg");
        int family = body.get(0) & 0xff;
        if (family != AF_INET && family != AF_INET6) {
            return null;
        }
        int prefix = body.get(1) & 0xff;
        int flags = body.get(2) & 0xff;
        int scope = body.get(3) & 0xff;
        int index = body.getInt(4);
        ByteBuffer[] a = attributes(body, 8, IFA_FLAGS);
        if (a[IFA_FLAGS] != null && a[IFA_FLAGS].remaining() >= 4) {
            flags = a[IFA_FLAGS].getInt(0);
        }
        String address = ip(a[IFA_LOCAL] != null ? a[IFA_LOCAL] : a[IFA_ADDRESS]);
        if (address == null) {
            throw new NetException("rtnetlink: an address message without an address");
        }
        boolean v6 = family == AF_INET6;
        if (prefix > (v6 ? 128 : 32) || (address.indexOf(':') >= 0) != v6) {
            throw new NetException("rtnetlink: address " + address + "/" + prefix + " does not fit its family");
        }
        String label = a[IFA_LABEL] == null ? null : string(a[IFA_LABEL]);
        return new AddrReply(
                index,
                new IfAddress(
                        v6 ? "ipv6" : "ipv4", address, prefix, scopeName(scope), label, AddressFlags.names(flags, v6)));
    }

    /** {@code rt_scope_t} as ip names it. */
    public static String scopeName(int scope) {
        switch (scope) {
            case 0:
                return "global";
            case 200:
                return "site";
            case 253:
                return "link";
            case 254:
                return "host";
            case 255:
                return "nowhere";
            default:
                return Integer.toString(scope);
        }
    }

    /** An {@code RTM_NEWNEIGH} message; null for a family other than IPv4 and IPv6 (bridge FDB entries). */
    public static NeighReply parseNeigh(Message m) throws NetException {
        ByteBuffer body = m.body();
        need(body, 12, "ndmsg");
        int family = body.get(0) & 0xff;
        if (family != AF_INET && family != AF_INET6) {
            return null;
        }
        int index = body.getInt(4);
        int state = body.getShort(8) & 0xffff;
        int flags = body.get(10) & 0xff;
        ByteBuffer[] a = attributes(body, 12, NDA_LLADDR);
        String dst = ip(a[NDA_DST]);
        if (dst == null) {
            throw new NetException("rtnetlink: a neighbour message without an address");
        }
        String mac = a[NDA_LLADDR] == null ? null : mac(bytes(a[NDA_LLADDR]));
        return new NeighReply(
                index,
                new Neighbor(
                        family == AF_INET6 ? "ipv6" : "ipv4",
                        dst,
                        mac,
                        null,
                        neighState(state),
                        (flags & NTF_ROUTER) != 0,
                        false));
    }

    /** {@code NUD_*} states in lower case, joined by commas when more than one bit is set. */
    public static String neighState(int state) {
        if (state == 0) {
            return "none";
        }
        String[] names = {"incomplete", "reachable", "stale", "delay", "probe", "failed", "noarp", "permanent"};
        StringBuilder b = new StringBuilder();
        for (int bit = 0; bit < 8; bit++) {
            if ((state & (1 << bit)) != 0) {
                b.append(b.length() == 0 ? "" : ",").append(names[bit]);
            }
        }
        if ((state & ~0xff) != 0) {
            b.append(b.length() == 0 ? "" : ",").append("0x").append(Integer.toHexString(state & ~0xff));
        }
        return b.toString();
    }

    /** A link-layer address as lower-case hex pairs joined by colons. */
    public static String mac(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 3);
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                s.append(':');
            }
            s.append(Character.forDigit(b[i] >> 4 & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return s.toString();
    }

    /** An {@code RTM_NEWROUTE} message. */
    public static RouteReply parseRoute(Message m) throws NetException {
        ByteBuffer body = m.body();
        need(body, 12, "rtmsg");
        int family = body.get(0) & 0xff;
        int dstLen = body.get(1) & 0xff;
        int table = body.get(4) & 0xff;
        int type = body.get(7) & 0xff;
        ByteBuffer[] a = attributes(body, 12, RTA_TABLE);
        if (a[RTA_TABLE] != null && a[RTA_TABLE].remaining() >= 4) {
            table = a[RTA_TABLE].getInt(0);
        }
        String dst = ip(a[RTA_DST]);
        if (dst == null) {
            dst = family == AF_INET6 ? "::" : "0.0.0.0";
        }
        int oif = a[RTA_OIF] != null && a[RTA_OIF].remaining() >= 4 ? a[RTA_OIF].getInt(0) : -1;
        long metric = a[RTA_PRIORITY] != null && a[RTA_PRIORITY].remaining() >= 4
                ? Integer.toUnsignedLong(a[RTA_PRIORITY].getInt(0))
                : -1;
        return new RouteReply(
                family == AF_INET6 ? "ipv6" : "ipv4",
                dst,
                dstLen,
                routeType(type),
                table,
                oif,
                ip(a[RTA_GATEWAY]),
                ip(a[RTA_PREFSRC]),
                metric);
    }

    /** {@code RTN_*} as ip names them. */
    public static String routeType(int type) {
        String[] names = {
            "unspec",
            "unicast",
            "local",
            "broadcast",
            "anycast",
            "multicast",
            "blackhole",
            "unreachable",
            "prohibit",
            "throw",
            "nat",
            "xresolve"
        };
        return type < names.length ? names[type] : Integer.toString(type);
    }
}
