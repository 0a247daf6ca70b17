package dev.sockscope.net.linux;

import dev.sockscope.net.NetException;
import dev.sockscope.net.Rtnetlink;
import dev.sockscope.net.RtnlTransport;
import dev.sockscope.netlink.NetlinkException;
import dev.sockscope.netlink.NetlinkSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * rtnetlink over the project's netlink transport ({@link NetlinkSocket}, {@code NETLINK_ROUTE}):
 * FFM on JDK 22+, JNA on 17–21, loaded at the first {@link #open}.
 */
public final class NetlinkRtnl implements RtnlTransport {
    private static final int BUFFER = 1 << 16;

    private final NetlinkSocket socket;
    private final byte[] buffer = new byte[BUFFER];

    private NetlinkRtnl(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Opens a {@code NETLINK_ROUTE} socket in this process's network namespace. */
    public static NetlinkRtnl open() throws NetException {
        try {
            return new NetlinkRtnl(NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE));
        } catch (NetlinkException e) {
            throw new NetException("cannot open an rtnetlink socket: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ByteBuffer> exchange(byte[] request, boolean dump) throws NetException {
        List<ByteBuffer> out = new ArrayList<>();
        try {
            socket.send(request, request.length);
            for (int turns = 0; turns < 1_000_000; turns++) {
                int n = socket.receive(buffer);
                if (n > buffer.length) {
                    throw new NetException("rtnetlink: an answer of " + n + " bytes does not fit " + buffer.length);
                }
                if (n <= 0) {
                    throw new NetException("rtnetlink: the socket closed in the middle of an answer");
                }
                ByteBuffer d = ByteBuffer.wrap(Arrays.copyOf(buffer, n)).order(ByteOrder.nativeOrder());
                out.add(d);
                if (Rtnetlink.ends(d, dump)) {
                    return out;
                }
            }
        } catch (NetlinkException e) {
            throw new NetException("rtnetlink: " + e.getMessage(), e);
        }
        throw new NetException("rtnetlink: an answer that does not end");
    }

    @Override
    public void close() {
        socket.close();
    }
}
