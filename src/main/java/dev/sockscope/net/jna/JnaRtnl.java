package dev.sockscope.net.jna;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import dev.sockscope.net.NetException;
import dev.sockscope.net.Rtnetlink;
import dev.sockscope.net.RtnlTransport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@code AF_NETLINK}/{@code NETLINK_ROUTE} datagram socket, through JNA direct mapping.
 * Receives time out after 2 seconds (SO_RCVTIMEO), so a kernel that never finishes a dump
 * cannot hang the command. Not thread-safe: one request at a time.
 */
public final class JnaRtnl implements RtnlTransport {
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int NETLINK_ROUTE = 0;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int BUFFER = 1 << 16;

    static {
        Native.register(JnaRtnl.class, Platform.C_LIBRARY_NAME);
    }

    private static native int socket(int domain, int type, int protocol) throws LastErrorException;

    private static native int setsockopt(int fd, int level, int name, long[] value, int len) throws LastErrorException;

    private static native NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, int addrLen)
            throws LastErrorException;

    private static native NativeLong recv(int fd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

    private static native int close(int fd) throws LastErrorException;

    private final int fd;
    private final byte[] buffer = new byte[BUFFER];

    /** Opens the socket. @throws NetException when the kernel or a sandbox refuses it */
    public JnaRtnl() throws NetException {
        if (!Platform.isLinux()) {
            throw new NetException("rtnetlink exists only on Linux");
        }
        try {
            fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
        } catch (LastErrorException e) {
            throw new NetException("cannot open an rtnetlink socket: errno " + e.getErrorCode(), e);
        }
        try {
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, new long[] {2, 0}, 16);
        } catch (LastErrorException e) {
            close();
            throw new NetException("cannot set a timeout on the rtnetlink socket: errno " + e.getErrorCode(), e);
        }
    }

    @Override
    public List<ByteBuffer> exchange(byte[] request, boolean dump) throws NetException {
        byte[] kernel = new byte[12]; // sockaddr_nl: family, pad, pid 0 (the kernel), groups 0
        ByteBuffer.wrap(kernel).order(ByteOrder.nativeOrder()).putShort((short) AF_NETLINK);
        try {
            sendto(fd, request, new NativeLong(request.length), 0, kernel, kernel.length);
        } catch (LastErrorException e) {
            throw new NetException("rtnetlink send failed: errno " + e.getErrorCode(), e);
        }
        List<ByteBuffer> out = new ArrayList<>();
        for (int turns = 0; turns < 100_000; turns++) {
            long n;
            try {
                n = recv(fd, buffer, new NativeLong(buffer.length), 0).longValue();
            } catch (LastErrorException e) {
                throw new NetException("rtnetlink receive failed: errno " + e.getErrorCode(), e);
            }
            if (n <= 0) {
                throw new NetException("rtnetlink: the socket closed in the middle of an answer");
            }
            ByteBuffer d = ByteBuffer.wrap(Arrays.copyOf(buffer, (int) n)).order(ByteOrder.nativeOrder());
            out.add(d);
            if (Rtnetlink.ends(d, dump)) {
                return out;
            }
        }
        throw new NetException("rtnetlink: an answer that does not end");
    }

    @Override
    public void close() {
        try {
            close(fd);
        } catch (LastErrorException e) {
            // nothing to do: the descriptor is gone either way
        }
    }
}
