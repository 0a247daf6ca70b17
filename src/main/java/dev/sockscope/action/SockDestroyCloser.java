package dev.sockscope.action;

import dev.sockscope.model.Address;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.netlink.NetlinkException;
import dev.sockscope.netlink.NetlinkSocket;
import dev.sockscope.netlink.SockDiag;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * Closes one TCP connection with {@code SOCK_DESTROY} over a {@code NETLINK_SOCK_DIAG} socket
 * ({@link SockDiag#destroy}), opened for each close and closed after it. The native binding is
 * loaded at the first close, never before.
 *
 * <p>Nothing is checked ahead of the kernel: the request is sent and the kernel's answer is the
 * result, so what a user reads is the kernel's reason ({@code EPERM} without
 * {@code CAP_NET_ADMIN}, {@code EOPNOTSUPP} from a kernel built without
 * {@code CONFIG_INET_DIAG_DESTROY}, {@code ENOENT} when the socket closed meanwhile). Only rows
 * that cannot be a TCP connection ({@link ConnectionCloser#unsuitable}) and sockets of another
 * network namespace are refused here, without asking the kernel.
 */
public final class SockDestroyCloser implements ConnectionCloser {
    @Override
    public CloseResult close(SocketEntry e) {
        String unsuitable = ConnectionCloser.unsuitable(e);
        if (unsuitable != null) {
            return CloseResult.refused(unsuitable);
        }
        String netns = e.details().netns();
        if (netns != null && !netns.equals("host")) {
            return CloseResult.refused(
                    "this socket is in network namespace " + netns + "; only the host namespace's are closed");
        }
        InetAddress local;
        InetAddress remote;
        try {
            local = literal(e.localAddress());
            remote = literal(e.remoteAddress());
        } catch (UnknownHostException x) {
            return CloseResult.refused("not an address: " + x.getMessage());
        }
        int ifindex = 0;
        String iface = e.details().iface();
        if (iface != null && local instanceof Inet6Address v6 && v6.isLinkLocalAddress()) {
            try {
                NetworkInterface ni = NetworkInterface.getByName(iface);
                ifindex = ni == null ? 0 : ni.getIndex();
            } catch (SocketException x) {
                // no index: the kernel matches without the scope and says ENOENT if that is not enough
                ifindex = 0;
            }
        }
        NetlinkSocket nl;
        try {
            nl = NetlinkSocket.open(NetlinkSocket.NETLINK_SOCK_DIAG);
        } catch (NetlinkException x) {
            return CloseResult.refused("netlink unavailable: " + x.getMessage());
        }
        try (nl) {
            SockDiag.destroy(nl, SockDiag.IPPROTO_TCP, local, e.localPort(), remote, e.remotePort(), ifindex);
            return CloseResult.done();
        } catch (NetlinkException x) {
            return CloseResult.refused("the kernel refused: " + x.getMessage());
        }
    }

    /** The JDK's form of a model address; never a name lookup. */
    private static InetAddress literal(Address a) throws UnknownHostException {
        if (a.isPath()) {
            throw new UnknownHostException(a.text());
        }
        return InetAddress.getByAddress(a.bytes());
    }
}
