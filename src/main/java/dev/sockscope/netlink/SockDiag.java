package dev.sockscope.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * {@code NETLINK_SOCK_DIAG} requests: dumps of {@code inet_diag} (TCP, UDP, UDP-Lite, raw; IPv4
 * and IPv6) and {@code unix_diag} tables, and closing one TCP socket ({@code SOCK_DESTROY}).
 * Layouts from {@code include/uapi/linux/sock_diag.h}, {@code inet_diag.h},
 * {@code unix_diag.h}; the replies are walked by {@link MessageWalk} and their payloads left
 * to the caller to parse.
 *
 * <h2>Closing a socket</h2>
 * {@link #destroy} sends {@code SOCK_DESTROY} for one socket, named by its protocol, local and
 * remote address and port (and bound interface, for a scoped address), and waits for the
 * kernel's answer. The kernel closes it as if by a reset: the holder's next call fails with
 * {@code ECONNABORTED}. It needs {@code CAP_NET_ADMIN} in the socket's network namespace (root)
 * and a kernel built with {@code CONFIG_INET_DIAG_DESTROY}. Failures throw a
 * {@link NetlinkException} whose message says why in words and whose {@code errno()} is:
 * {@code EPERM} (not root), {@code EOPNOTSUPP} (the kernel cannot close sockets, or not of
 * this protocol), {@code ENOENT} (no such socket: it closed already). Example:
 * <pre>{@code
 * try (NetlinkSocket nl = NetlinkSocket.open(NetlinkSocket.NETLINK_SOCK_DIAG)) {
 *     SockDiag.destroy(nl, SockDiag.IPPROTO_TCP,
 *             InetAddress.getByName("127.0.0.1"), 8080, InetAddress.getByName("127.0.0.1"), 51234, 0);
 * }
 * }</pre>
 * An IPv6 socket with IPv4-mapped addresses ({@code ::ffff:127.0.0.1}, e.g. Java's sockets
 * reached over IPv4) is found by the plain IPv4 addresses too (Java turns a mapped address into
 * an {@link Inet4Address}); the tests close such a socket that way.
 */
public final class SockDiag {
    public static final int SOCK_DIAG_BY_FAMILY = 20;
    /** The request type {@code inet_diag} had before sock_diag: TCP, IPv4 and IPv6 in one dump. */
    public static final int TCPDIAG_GETSOCK = 18;

    public static final int SOCK_DESTROY = 21;

    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;
    public static final int IPPROTO_UDPLITE = 136;
    public static final int IPPROTO_RAW = 255;

    /** {@code inet_diag} reply attributes ({@code enum} in {@code inet_diag.h}). */
    public static final int INET_DIAG_INFO = 2;

    public static final int INET_DIAG_SHUTDOWN = 8;
    public static final int INET_DIAG_SKV6ONLY = 11;
    public static final int INET_DIAG_CGROUP_ID = 21;
    /** Request attribute: filter bytecode. */
    public static final int INET_DIAG_REQ_BYTECODE = 1;

    /** {@code unix_diag} show flags and reply attributes. */
    public static final int UDIAG_SHOW_NAME = 0x01;

    public static final int UDIAG_SHOW_PEER = 0x04;
    public static final int UDIAG_SHOW_RQLEN = 0x10;
    public static final int UDIAG_SHOW_UID = 0x40;
    public static final int UNIX_DIAG_NAME = 0;
    public static final int UNIX_DIAG_PEER = 2;
    public static final int UNIX_DIAG_RQLEN = 4;
    public static final int UNIX_DIAG_UID = 7;

    /** Every state: bit n for the kernel's state n ({@code 1 << TCP_ESTABLISHED} ...). */
    public static final int ALL_STATES = 0xFFFFFFFF;

    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_DUMP = 0x300;

    /** {@code sizeof(struct inet_diag_req_v2)}. */
    public static final int INET_REQ_LEN = 56;
    /** {@code sizeof(struct inet_diag_req)}, the request of {@link #TCPDIAG_GETSOCK}. */
    public static final int INET_COMPAT_REQ_LEN = 60;
    /** {@code sizeof(struct unix_diag_req)}. */
    public static final int UNIX_REQ_LEN = 24;

    private SockDiag() {}

    /**
     * A dump request for one inet table.
     *
     * @param family     {@link #AF_INET} or {@link #AF_INET6}
     * @param protocol   {@link #IPPROTO_TCP}, {@link #IPPROTO_UDP}, {@link #IPPROTO_UDPLITE} or
     *                   {@link #IPPROTO_RAW} (raw sockets of every protocol)
     * @param states     bit n set for the kernel's TCP state n wanted
     * @param extensions bit (n - 1) set for reply attribute n wanted, e.g.
     *                   {@code 1 << (INET_DIAG_INFO - 1)} for {@code tcp_info}
     * @param bytecode   a filter from {@link InetDiagBytecode}, or null for none
     */
    public static byte[] inetDumpRequest(
            int family, int protocol, int states, int extensions, byte[] bytecode, int seq) {
        int attr = bytecode == null || bytecode.length == 0 ? 0 : 4 + bytecode.length;
        byte[] m =
                header(MessageWalk.HEADER + INET_REQ_LEN + attr, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, seq);
        int r = MessageWalk.HEADER;
        m[r] = (byte) family;
        m[r + 1] = (byte) protocol;
        m[r + 2] = (byte) extensions;
        // for raw sockets this byte is sdiag_raw_protocol: IPPROTO_RAW asks for every protocol
        m[r + 3] = (byte) (protocol == IPPROTO_RAW ? IPPROTO_RAW : 0);
        NlBytes.putU32(m, r + 4, states);
        // the socket id stays zero: no exact-match fields; the cookie is "none"
        NlBytes.putU32(m, r + 8 + 40, 0xFFFFFFFF);
        NlBytes.putU32(m, r + 8 + 44, 0xFFFFFFFF);
        putBytecode(m, r + INET_REQ_LEN, attr, bytecode);
        return m;
    }

    /**
     * A dump request for every TCP socket, IPv4 and IPv6 in one dump ({@link #TCPDIAG_GETSOCK},
     * {@code struct inet_diag_req}): the kernel walks its TCP hash tables once, where a
     * {@link #SOCK_DIAG_BY_FAMILY} request per family walks them once for each (and skips the
     * other family's sockets). Each reply's {@code idiag_family} says which it is. Arguments as
     * {@link #inetDumpRequest}.
     */
    public static byte[] tcpDumpRequest(int states, int extensions, byte[] bytecode, int seq) {
        int attr = bytecode == null || bytecode.length == 0 ? 0 : 4 + bytecode.length;
        byte[] m = header(
                MessageWalk.HEADER + INET_COMPAT_REQ_LEN + attr, TCPDIAG_GETSOCK, NLM_F_REQUEST | NLM_F_DUMP, seq);
        int r = MessageWalk.HEADER;
        m[r] = (byte) AF_INET; // the kernel dumps both families whatever this says
        m[r + 3] = (byte) extensions;
        // the socket id (bytes 4 to 51) stays zero, its cookie "none"
        NlBytes.putU32(m, r + 4 + 40, 0xFFFFFFFF);
        NlBytes.putU32(m, r + 4 + 44, 0xFFFFFFFF);
        NlBytes.putU32(m, r + 52, states);
        putBytecode(m, r + INET_COMPAT_REQ_LEN, attr, bytecode);
        return m;
    }

    /**
     * A dump request for the unix table.
     *
     * @param states bit n for unix state n ({@code TCP_LISTEN} 10, {@code TCP_ESTABLISHED} 1,
     *               {@code TCP_CLOSE} 7 ...)
     * @param show   {@code UDIAG_SHOW_*} attributes wanted
     */
    public static byte[] unixDumpRequest(int states, int show, int seq) {
        byte[] m = header(MessageWalk.HEADER + UNIX_REQ_LEN, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, seq);
        int r = MessageWalk.HEADER;
        m[r] = (byte) AF_UNIX;
        NlBytes.putU32(m, r + 4, states);
        NlBytes.putU32(m, r + 12, show);
        NlBytes.putU32(m, r + 16, 0xFFFFFFFF);
        NlBytes.putU32(m, r + 20, 0xFFFFFFFF);
        return m;
    }

    /** The filter as the request's {@code INET_DIAG_REQ_BYTECODE} attribute at {@code at}; none when {@code attr} is 0. */
    private static void putBytecode(byte[] m, int at, int attr, byte[] bytecode) {
        if (attr > 0) {
            NlBytes.putU16(m, at, attr);
            NlBytes.putU16(m, at + 2, INET_DIAG_REQ_BYTECODE);
            System.arraycopy(bytecode, 0, m, at + 4, bytecode.length);
        }
    }

    private static byte[] header(int length, int type, int flags, int seq) {
        byte[] m = new byte[length];
        NlBytes.putU32(m, 0, length);
        NlBytes.putU16(m, 4, type);
        NlBytes.putU16(m, 6, flags);
        NlBytes.putU32(m, 8, seq);
        return m;
    }

    /**
     * Sends {@code request} and hands each reply's payload to {@code sink} until the kernel
     * says the dump is done.
     *
     * @param buffer receives datagrams; 32 KiB or more (the kernel fills at most 32 KiB)
     * @return what the walk counted (messages, malformed, an interrupted dump)
     * @throws NetlinkException when the kernel answers with an error ({@code ENOENT}: no
     *                          handler for this family or protocol)
     */
    public static MessageWalk.Result dump(NetlinkSocket s, byte[] request, byte[] buffer, MessageWalk.Sink sink)
            throws NetlinkException {
        // replies carry the request's type: SOCK_DIAG_BY_FAMILY, or TCPDIAG_GETSOCK
        return dump(s, request, buffer, NlBytes.u16(request, 4), sink);
    }

    /** {@link #dump(NetlinkSocket, byte[], byte[], MessageWalk.Sink)} of replies of {@code payloadType}. */
    public static MessageWalk.Result dump(
            NetlinkSocket s, byte[] request, byte[] buffer, int payloadType, MessageWalk.Sink sink)
            throws NetlinkException {
        return dump(s, request, buffer, payloadType, sink, (b, length, seq, walk) -> walk.datagram(b, length));
    }

    /** Takes each datagram of a dump: walks it, or accounts for its messages another way. */
    @FunctionalInterface
    public interface Datagrams {
        /**
         * @param length as {@code recv} returned it (above {@code buf.length} when cut)
         * @param seq    the request's {@code nlmsg_seq}
         */
        void take(byte[] buf, int length, int seq, MessageWalk walk) throws NetlinkException;
    }

    /**
     * A dump whose datagrams go to {@code each}, which walks them ({@link MessageWalk#datagram})
     * or counts what it took without a walk ({@link MessageWalk#carried}).
     */
    public static MessageWalk.Result dump(
            NetlinkSocket s, byte[] request, byte[] buffer, int payloadType, MessageWalk.Sink sink, Datagrams each)
            throws NetlinkException {
        int seq = NlBytes.s32(request, 8);
        s.send(request, request.length);
        MessageWalk walk = new MessageWalk(seq, payloadType, sink);
        while (!walk.done()) {
            int n = s.receive(buffer);
            each.take(buffer, n, seq, walk);
        }
        return walk.result();
    }

    /**
     * Closes one socket ({@code SOCK_DESTROY}); see the class comment.
     *
     * @param protocol {@link #IPPROTO_TCP} (the kernel can also close UDP and raw sockets)
     * @param local    the socket's local address; its family picks the request's family
     * @param ifindex  the bound interface (a link-local address's scope), 0 for none
     */
    public static void destroy(
            NetlinkSocket s,
            int protocol,
            InetAddress local,
            int localPort,
            InetAddress remote,
            int remotePort,
            int ifindex)
            throws NetlinkException {
        int family = local instanceof Inet4Address ? AF_INET : AF_INET6;
        destroy(s, family, protocol, bytes(local, family), localPort, bytes(remote, family), remotePort, ifindex);
    }

    private static byte[] bytes(InetAddress a, int family) {
        byte[] b = a.getAddress();
        if (family == AF_INET6 && b.length == 4) {
            byte[] m = new byte[16];
            m[10] = (byte) 0xFF;
            m[11] = (byte) 0xFF;
            System.arraycopy(b, 0, m, 12, 4);
            return m;
        }
        return b;
    }

    /**
     * Closes one socket given as raw addresses (4 bytes for {@link #AF_INET}, 16 for
     * {@link #AF_INET6}, network order).
     */
    public static void destroy(
            NetlinkSocket s,
            int family,
            int protocol,
            byte[] local,
            int localPort,
            byte[] remote,
            int remotePort,
            int ifindex)
            throws NetlinkException {
        byte[] m = oneSocketRequest(
                SOCK_DESTROY,
                NLM_F_REQUEST | NLM_F_ACK,
                family,
                protocol,
                local,
                localPort,
                remote,
                remotePort,
                ifindex,
                1);
        s.send(m, m.length);
        byte[] buf = new byte[8192];
        int n = s.receive(buf);
        int errno = MessageWalk.ackErrno(buf, Math.min(n, buf.length), 1);
        if (errno == 0) {
            return;
        }
        throw new NetlinkException("cannot close the socket: " + destroyReason(errno), errno, null);
    }

    /**
     * The kernel's own lookup of one inet socket by its addresses (a {@link #SOCK_DIAG_BY_FAMILY}
     * request without a dump, as {@code ss -K} names a socket): the inode of the socket it finds,
     * or 0 when it finds none ({@code ENOENT}). For TCP the lookup is the one an arriving segment
     * gets: a connection by its four addresses, else the listener that would take it; so an
     * open connection or listener is always found, and a socket only bound (no listener, no
     * connection) never is. For UDP it is the lookup of a datagram from the remote address to
     * the local one: a connected socket, else one bound to the local address (the kernel takes
     * the request's addresses the other way round there, which this method does for it). Either
     * may find another socket than the one asked about (a {@code SO_REUSEPORT} group, a more
     * specific listener): compare the inode. Addresses as {@link #destroy(NetlinkSocket, int,
     * int, byte[], int, byte[], int, int)}.
     *
     * @param buffer receives the answer; 512 bytes or more
     * @throws NetlinkException any other error the kernel answers with
     */
    public static long inetInode(
            NetlinkSocket s,
            int family,
            int protocol,
            byte[] local,
            int localPort,
            byte[] remote,
            int remotePort,
            int ifindex,
            int seq,
            byte[] buffer)
            throws NetlinkException {
        // udp_diag looks the socket up as a datagram's receiver: source and destination swapped
        boolean udp = protocol == IPPROTO_UDP || protocol == IPPROTO_UDPLITE;
        byte[] m = oneSocketRequest(
                SOCK_DIAG_BY_FAMILY,
                NLM_F_REQUEST,
                family,
                protocol,
                udp ? remote : local,
                udp ? remotePort : localPort,
                udp ? local : remote,
                udp ? localPort : remotePort,
                ifindex,
                seq);
        // struct inet_diag_msg: family, state, timer, retrans, id (48), expires, rqueue, wqueue, uid, inode
        return inodeAnswer(s, m, seq, buffer, 68);
    }

    /** The unix socket of inode {@code inode}: its inode when the kernel knows it, 0 when it does not. */
    public static long unixInode(NetlinkSocket s, long inode, int seq, byte[] buffer) throws NetlinkException {
        byte[] m = header(MessageWalk.HEADER + UNIX_REQ_LEN, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, seq);
        int r = MessageWalk.HEADER;
        m[r] = (byte) AF_UNIX;
        NlBytes.putU32(m, r + 4, ALL_STATES);
        NlBytes.putU32(m, r + 8, (int) inode);
        NlBytes.putU32(m, r + 16, 0xFFFFFFFF);
        NlBytes.putU32(m, r + 20, 0xFFFFFFFF);
        // struct unix_diag_msg: family, type, state, pad, ino
        return inodeAnswer(s, m, seq, buffer, 4);
    }

    private static long inodeAnswer(NetlinkSocket s, byte[] request, int seq, byte[] buffer, int inodeAt)
            throws NetlinkException {
        s.send(request, request.length);
        int n = Math.min(s.receive(buffer), buffer.length);
        if (n >= MessageWalk.HEADER && NlBytes.u16(buffer, 4) == MessageWalk.NLMSG_ERROR) {
            int errno = MessageWalk.ackErrno(buffer, n, seq);
            if (errno == NetlinkException.ENOENT) {
                return 0;
            }
            throw new NetlinkException("sock_diag: " + NetlinkException.describe(errno), errno, null);
        }
        int len = n >= MessageWalk.HEADER ? (int) NlBytes.u32(buffer, 0) : 0;
        if (len < MessageWalk.HEADER + inodeAt + 4 || len > n || NlBytes.s32(buffer, 8) != seq) {
            throw new NetlinkException("sock_diag: an answer of " + n + " bytes names no socket");
        }
        return NlBytes.u32(buffer, MessageWalk.HEADER + inodeAt);
    }

    /** A request naming one inet socket by its addresses, with no cookie to match. */
    private static byte[] oneSocketRequest(
            int type,
            int flags,
            int family,
            int protocol,
            byte[] local,
            int localPort,
            byte[] remote,
            int remotePort,
            int ifindex,
            int seq) {
        int width = family == AF_INET ? 4 : 16;
        if (local.length != width || remote.length != width) {
            throw new IllegalArgumentException("address width does not match the family");
        }
        byte[] m = header(MessageWalk.HEADER + INET_REQ_LEN, type, flags, seq);
        int r = MessageWalk.HEADER;
        m[r] = (byte) family;
        m[r + 1] = (byte) protocol;
        NlBytes.putU32(m, r + 4, ALL_STATES);
        int id = r + 8;
        NlBytes.putBe16(m, id, localPort);
        NlBytes.putBe16(m, id + 2, remotePort);
        System.arraycopy(local, 0, m, id + 4, width);
        System.arraycopy(remote, 0, m, id + 20, width);
        NlBytes.putU32(m, id + 36, ifindex);
        NlBytes.putU32(m, id + 40, 0xFFFFFFFF);
        NlBytes.putU32(m, id + 44, 0xFFFFFFFF);
        return m;
    }

    /** Why {@code SOCK_DESTROY} failed, in words. */
    static String destroyReason(int errno) {
        switch (errno) {
            case NetlinkException.EPERM:
            case NetlinkException.EACCES:
                return "closing another process's socket needs root (CAP_NET_ADMIN) - "
                        + NetlinkException.describe(errno);
            case NetlinkException.EOPNOTSUPP:
                return "this kernel cannot close sockets of this kind (built without CONFIG_INET_DIAG_DESTROY?) - "
                        + NetlinkException.describe(errno);
            case NetlinkException.ENOENT:
                return "no such socket: it has closed already - " + NetlinkException.describe(errno);
            default:
                return NetlinkException.describe(errno);
        }
    }
}
