package dev.sockscope.source.netlink;

import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.netlink.NetlinkException;
import dev.sockscope.netlink.NetlinkSocket;
import dev.sockscope.netlink.SockDiag;
import dev.sockscope.owner.UserNames;
import dev.sockscope.source.TableSelection;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;

/**
 * Run by {@code NetlinkAsNobodyIT} as {@code nobody}: opens a loopback connection, sends 1000
 * bytes over it, reads it back through the netlink source and prints what it found of its
 * own client socket ({@code rtt=... sent=... cgroup=... holder=...}), then tries to close the
 * connection with {@code SOCK_DESTROY} and prints {@code destroy=ok} or the failure's errno and
 * message.
 */
public final class NetlinkProbe {
    private NetlinkProbe() {}

    public static void main(String[] args) throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (ServerSocket l = new ServerSocket(0, 5, lo);
                Socket c = new Socket(lo, l.getLocalPort());
                Socket a = l.accept();
                NetlinkSocketSource source = NetlinkSocketSource.open(
                        Path.of("/proc"), Path.of("/sys"), new UserNames(Path.of("/etc/passwd")))) {
            OutputStream out = c.getOutputStream();
            out.write(new byte[1000]);
            out.flush();
            a.getInputStream().readNBytes(1000);
            Thread.sleep(50);
            StringBuilder b = new StringBuilder("binding=" + NetlinkSocket.binding());
            for (SocketRow r : source.read(TableSelection.all()).rows()) {
                if (r.entry().localPort() == c.getLocalPort() && r.entry().state() == State.ESTABLISHED) {
                    var d = r.entry().details();
                    b.append(" rtt=").append(d.tcp() == null ? "null" : d.tcp().rttMs());
                    b.append(" sent=").append(d.tcp() == null ? "null" : d.tcp().bytesSent());
                    b.append(" cgroup=").append(d.cgroup());
                    b.append(" holder=")
                            .append(r.owner() == null ? "null" : r.owner().pid());
                    b.append(" uid=").append(r.entry().uid());
                }
            }
            b.append(" self=").append(ProcessHandle.current().pid());
            try (NetlinkSocket nl = NetlinkSocket.open(NetlinkSocket.NETLINK_SOCK_DIAG)) {
                SockDiag.destroy(nl, SockDiag.IPPROTO_TCP, lo, c.getLocalPort(), lo, l.getLocalPort(), 0);
                b.append(" destroy=ok");
            } catch (NetlinkException e) {
                b.append(" destroy=errno").append(e.errno()).append(" message=").append(e.getMessage());
            }
            System.out.println(b);
        }
    }
}
