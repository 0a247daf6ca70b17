package dev.sockscope.net;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Sends one rtnetlink request built by {@link Rtnetlink} and returns what the kernel answered:
 * every datagram up to {@code NLMSG_DONE} for a dump, the one answer otherwise. An
 * implementation holds a native socket ({@code AF_NETLINK}, {@code NETLINK_ROUTE}) in the
 * current network namespace.
 */
public interface RtnlTransport extends AutoCloseable {

    /**
     * @param request a whole netlink message
     * @param dump    whether the request asks for a dump ({@code NLM_F_DUMP})
     * @throws NetException when the socket fails or the kernel refuses the request (errno kept)
     */
    List<ByteBuffer> exchange(byte[] request, boolean dump) throws NetException;

    @Override
    void close();
}
