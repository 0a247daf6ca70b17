package dev.sockscope.netlink;

import java.nio.file.Path;

/**
 * A netlink socket ({@code AF_NETLINK}, {@code SOCK_RAW}) talking to the kernel: send a
 * request, receive its replies into a buffer, close. Generic over the netlink family
 * ({@link #NETLINK_SOCK_DIAG}, {@link #NETLINK_ROUTE}, ...); the message formats are the
 * callers' (see {@link SockDiag}).
 *
 * <p>The native binding (sockscope's JNI library where the build made it, else FFM on JDK 22+,
 * else JNA) is loaded at the first {@link #open};
 * nothing of it is touched before. One socket is used by one thread at a time; sockets are
 * independent of each other.
 */
public final class NetlinkSocket implements AutoCloseable {
    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_SOCK_DIAG = 4;

    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SOL_NETLINK = 270;
    static final int NETLINK_EXT_ACK = 11;
    /** {@code recv} flag: return the datagram's real length even when the buffer is shorter. */
    static final int MSG_TRUNC = 0x20;

    private final Syscalls sys;
    private final int protocol;
    private int fd;

    private NetlinkSocket(Syscalls sys, int fd, int protocol) {
        this.sys = sys;
        this.fd = fd;
        this.protocol = protocol;
    }

    /**
     * Opens a netlink socket of {@code protocol} in this thread's network namespace.
     *
     * @throws NetlinkException when there is no native access, or the kernel refuses
     *                          ({@code EPROTONOSUPPORT}: no such netlink family; {@code EPERM}
     *                          or {@code EACCES}: a sandbox forbids netlink)
     */
    public static NetlinkSocket open(int protocol) throws NetlinkException {
        Syscalls sys = Natives.get();
        int fd = sys.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        return new NetlinkSocket(sys, fd, protocol);
    }

    /**
     * Opens a netlink socket of {@code protocol} inside the network namespace of
     * {@code netnsFile} ({@code /run/netns/NAME}, {@code /proc/PID/ns/net}); the socket stays
     * in that namespace for its life. Needs {@code CAP_SYS_ADMIN} (root).
     */
    public static NetlinkSocket openIn(Path netnsFile, int protocol) throws NetlinkException {
        return Netns.call(netnsFile, () -> open(protocol));
    }

    /** Which native binding this process uses ({@code jni}, {@code ffm} or {@code jna}), loading it if needed. */
    public static String binding() throws NetlinkException {
        return Natives.get().name();
    }

    /**
     * Whether netlink calls start in a few milliseconds here (the JNI library, or FFM on JDK
     * 22+; JNA alone takes 70-85 ms), without loading a binding.
     */
    public static boolean quickToStart() {
        return Natives.quickToStart();
    }

    /** The netlink family this socket was opened for. */
    public int protocol() {
        return protocol;
    }

    /** Asks the kernel for a receive buffer of {@code bytes} (it may give less, or double). */
    public void receiveBuffer(int bytes) throws NetlinkException {
        sys.setsockopt(checkOpen(), SOL_SOCKET, SO_RCVBUF, bytes);
    }

    /** Sends {@code msg[0, length)} to the kernel as one datagram. */
    public void send(byte[] msg, int length) throws NetlinkException {
        if (length < 0 || length > msg.length) {
            throw new IllegalArgumentException("length " + length + " outside a buffer of " + msg.length);
        }
        int sent = sys.send(checkOpen(), msg, length);
        if (sent != length) {
            throw new NetlinkException("send: " + sent + " of " + length + " bytes sent");
        }
    }

    /**
     * Receives one datagram into {@code buf}, waiting for it.
     *
     * @return the datagram's length; when it is larger than {@code buf}, the rest was lost and
     *         the caller must treat the buffer's last message as cut short
     * @throws NetlinkException {@code ENOBUFS} when the kernel dropped replies (receive buffer
     *                          overrun)
     */
    public int receive(byte[] buf) throws NetlinkException {
        while (true) {
            try {
                return sys.recv(checkOpen(), buf, buf.length, MSG_TRUNC);
            } catch (NetlinkException e) {
                if (e.errno() != NetlinkException.EINTR) {
                    throw e;
                }
                // a signal arrived while waiting: wait again
            }
        }
    }

    private int checkOpen() throws NetlinkException {
        if (fd < 0) {
            throw new NetlinkException("netlink socket is closed");
        }
        return fd;
    }

    @Override
    public void close() {
        if (fd >= 0) {
            sys.close(fd);
            fd = -1;
        }
    }
}
