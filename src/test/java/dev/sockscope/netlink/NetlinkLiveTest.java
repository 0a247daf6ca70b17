package dev.sockscope.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The transport and sock_diag requests against this machine's kernel, on loopback sockets this test opens. */
@Tag("live")
class NetlinkLiveTest {
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    /**
     * Local and remote ports of every TCP socket (IPv4 and IPv6: Java's sockets are IPv6 ones)
     * the kernel returns for this request.
     */
    private static List<int[]> tcpPorts(NetlinkSocket nl, int states, byte[] bytecode) throws NetlinkException {
        List<int[]> out = new ArrayList<>();
        for (int family : new int[] {SockDiag.AF_INET, SockDiag.AF_INET6}) {
            byte[] req = SockDiag.inetDumpRequest(family, SockDiag.IPPROTO_TCP, states, 0, bytecode, 7);
            MessageWalk.Result r = SockDiag.dump(
                    nl,
                    req,
                    new byte[65536],
                    (b, off, len) -> out.add(new int[] {NlBytes.be16(b, off + 4), NlBytes.be16(b, off + 6)}));
            assertEquals(0, r.malformed());
        }
        return out;
    }

    @Test
    void usesTheJniLibraryWhereTheBuildMadeIt() throws Exception {
        String expected =
                NativeLibrary.path() != null ? "jni" : Runtime.version().feature() >= 22 ? "ffm" : "jna";
        String forced = System.getProperty("sockscope.native", "");
        assertEquals(forced.isEmpty() ? expected : forced, NetlinkSocket.binding());
        try (NetlinkSocket nl = NetlinkSocket.open(NetlinkSocket.NETLINK_SOCK_DIAG)) {
            assertEquals(NetlinkSocket.NETLINK_SOCK_DIAG, nl.protocol());
        }
    }

    /** Family, ports and inode of each TCP socket one request's dump returns, and the longest message. */
    private static Set<String> tcpSockets(NetlinkSocket nl, byte[] request, int[] longest) throws NetlinkException {
        Set<String> out = new TreeSet<>();
        MessageWalk.Result r = SockDiag.dump(nl, request, new byte[65536], (b, off, len) -> {
            out.add(b[off] + " " + NlBytes.be16(b, off + 4) + " " + NlBytes.be16(b, off + 6) + " "
                    + NlBytes.u32(b, off + 68));
            longest[0] = Math.max(longest[0], len);
        });
        assertEquals(0, r.malformed());
        return out;
    }

    @Test
    void oneDumpOfBothFamiliesGivesWhatADumpPerFamilyGives() throws Exception {
        InetAddress v4 = InetAddress.getByAddress(LOOPBACK);
        InetAddress v6 = InetAddress.getByName("::1");
        // channels of the INET family are AF_INET sockets (a ServerSocket is an AF_INET6 one)
        try (ServerSocketChannel four = ServerSocketChannel.open(StandardProtocolFamily.INET);
                ServerSocket six = new ServerSocket(0, 5, v6);
                SocketChannel c4 = SocketChannel.open(StandardProtocolFamily.INET)) {
            four.bind(new InetSocketAddress(v4, 0));
            int p4 = ((InetSocketAddress) four.getLocalAddress()).getPort();
            int p6 = six.getLocalPort();
            c4.connect(new InetSocketAddress(v4, p4));
            try (SocketChannel a4 = four.accept();
                    Socket c6 = new Socket(v6, p6);
                    Socket a6 = six.accept();
                    NetlinkSocket nl = NetlinkSocket.open(NetlinkSocket.NETLINK_SOCK_DIAG)) {
                byte[] ours = InetDiagBytecode.ports(
                        InetDiagBytecode.Side.EITHER,
                        new int[] {Math.min(p4, p6), Math.min(p4, p6), Math.max(p4, p6), Math.max(p4, p6)});
                int info = 1 << (SockDiag.INET_DIAG_INFO - 1);
                int[] longestOne = {0};
                Set<String> one =
                        tcpSockets(nl, SockDiag.tcpDumpRequest(SockDiag.ALL_STATES, info, ours, 8), longestOne);
                Set<String> two = new TreeSet<>();
                int[] longestTwo = {0};
                for (int family : new int[] {SockDiag.AF_INET, SockDiag.AF_INET6}) {
                    two.addAll(tcpSockets(
                            nl,
                            SockDiag.inetDumpRequest(family, SockDiag.IPPROTO_TCP, SockDiag.ALL_STATES, info, ours, 9),
                            longestTwo));
                }

                assertEquals(two, one);
                assertEquals(6, one.size(), "two listeners and both ends of their connections: " + one);
                assertTrue(one.stream().anyMatch(x -> x.startsWith(SockDiag.AF_INET + " ")), one.toString());
                assertTrue(one.stream().anyMatch(x -> x.startsWith(SockDiag.AF_INET6 + " ")), one.toString());
                assertEquals(longestTwo[0], longestOne[0], "tcp_info asked for in both");
                int[] plain = {0};
                Set<String> listeners = tcpSockets(nl, SockDiag.tcpDumpRequest(1 << 10, 0, ours, 10), plain);
                assertTrue(plain[0] < longestOne[0], "without tcp_info the messages are shorter");
                assertEquals(
                        Set.of(SockDiag.AF_INET + " " + p4 + " 0", SockDiag.AF_INET6 + " " + p6 + " 0"),
                        listeners.stream()
                                .map(x -> x.substring(0, x.lastIndexOf(' ')))
                                .collect(Collectors.toSet()),
                        "the state mask applies: the two listeners");
            }
        }
    }

    @Test
    void theKernelFiltersByPortAndState() throws Exception {
        try (ServerSocket a = new ServerSocket(0, 5, InetAddress.getByAddress(LOOPBACK));
                ServerSocket b = new ServerSocket(0, 5, InetAddress.getByAddress(LOOPBACK));
                Socket c = new Socket(InetAddress.getByAddress(LOOPBACK), a.getLocalPort());
                Socket accepted = a.accept();
                NetlinkSocket nl = NetlinkSocket.open(NetlinkSocket.NETLINK_SOCK_DIAG)) {
            int pa = a.getLocalPort();
            byte[] either = InetDiagBytecode.ports(InetDiagBytecode.Side.EITHER, new int[] {pa, pa});
            List<int[]> got = tcpPorts(nl, SockDiag.ALL_STATES, either);
            assertEquals(3, got.size(), "the listener and both ends of its connection");
            for (int[] p : got) {
                assertTrue(p[0] == pa || p[1] == pa);
            }
            List<int[]> listening = tcpPorts(nl, 1 << 10, either);
            assertEquals(1, listening.size());
            assertEquals(pa, listening.get(0)[0]);
            byte[] local = InetDiagBytecode.ports(InetDiagBytecode.Side.LOCAL, new int[] {pa, pa});
            assertEquals(2, tcpPorts(nl, SockDiag.ALL_STATES, local).size(), "the listener and the accepted socket");
            int pb = b.getLocalPort();
            byte[] both = InetDiagBytecode.ports(
                    InetDiagBytecode.Side.LOCAL,
                    new int[] {Math.min(pa, pb), Math.min(pa, pb), Math.max(pa, pb), Math.max(pa, pb)});
            assertEquals(3, tcpPorts(nl, 1 << 10 | 1 << 1, both).size());
            assertEquals(0, tcpPorts(nl, 0, null).size(), "an empty state mask selects nothing");
        }
    }

    @Test
    void closesAConnectionWithSockDestroy() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "SOCK_DESTROY needs root");
        try (ServerSocket l = new ServerSocket(0, 5, InetAddress.getByAddress(LOOPBACK));
                Socket c = new Socket(InetAddress.getByAddress(LOOPBACK), l.getLocalPort());
                Socket accepted = l.accept();
                NetlinkSocket nl = NetlinkSocket.open(NetlinkSocket.NETLINK_SOCK_DIAG)) {
            // Java's sockets are IPv6 ones: an IPv4 peer shows as ::ffff:127.0.0.1
            InetAddress lo = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 1});
            SockDiag.destroy(nl, SockDiag.IPPROTO_TCP, lo, c.getLocalPort(), lo, l.getLocalPort(), 0);
            c.setSoTimeout(5000);
            InputStream in = c.getInputStream();
            assertThrows(SocketException.class, in::read, "the closed socket's holder sees an error");
            NetlinkException gone = assertThrows(
                    NetlinkException.class,
                    () -> SockDiag.destroy(nl, SockDiag.IPPROTO_TCP, lo, c.getLocalPort(), lo, l.getLocalPort(), 0));
            assertEquals(NetlinkException.ENOENT, gone.errno());
            assertTrue(gone.getMessage().contains("closed already"), gone.getMessage());
        }
    }

    /**
     * The inode of the socket with these local and remote ports in a {@code /proc/net} table
     * ({@code tcp6}, {@code udp6}: Java's sockets are IPv6 ones), read apart from sock_diag.
     */
    private static long procInode(String table, int localPort, int remotePort) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/net", table))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9
                    && f[1].endsWith(String.format(":%04X", localPort))
                    && f[2].endsWith(String.format(":%04X", remotePort))) {
                return Long.parseLong(f[9]);
            }
        }
        throw new AssertionError("no socket " + localPort + " -> " + remotePort + " in /proc/net/" + table);
    }

    /** The inode of the unix socket bound to {@code path}, from {@code /proc/net/unix}. */
    private static long unixProcInode(Path path) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/net/unix"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 7 && f[7].equals(path.toString())) {
                return Long.parseLong(f[6]);
            }
        }
        throw new AssertionError("no unix socket at " + path);
    }

    private static final byte[] MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 1};
    private static final byte[] ANY6 = new byte[16];

    /** The kernel's lookup of one of Java's sockets (IPv6 ones, IPv4 addresses in them mapped, as the dump shows them). */
    private static long lookup(NetlinkSocket nl, int protocol, int localPort, byte[] remote, int remotePort)
            throws NetlinkException {
        return SockDiag.inetInode(
                nl, SockDiag.AF_INET6, protocol, MAPPED, localPort, remote, remotePort, 0, 1, new byte[1024]);
    }

    @Test
    void theKernelsLookupFindsAnOpenSocketByItsAddressesAndNotAClosedOne() throws Exception {
        int tcp = SockDiag.IPPROTO_TCP;
        int udp = SockDiag.IPPROTO_UDP;
        Path dir = Files.createTempDirectory("sockscope-lookup");
        Path path = dir.resolve("s");
        try (NetlinkSocket nl = NetlinkSocket.open(NetlinkSocket.NETLINK_SOCK_DIAG)) {
            ServerSocket l = new ServerSocket(0, 5, InetAddress.getByAddress(LOOPBACK));
            int lp = l.getLocalPort();
            long listener = procInode("tcp6", lp, 0);
            Socket c = new Socket(InetAddress.getByAddress(LOOPBACK), lp);
            int cp = c.getLocalPort();
            long client = procInode("tcp6", cp, lp);
            java.net.DatagramSocket d = new java.net.DatagramSocket(0, InetAddress.getByAddress(LOOPBACK));
            int dp = d.getLocalPort(); // a closed DatagramSocket says -1
            long bound = procInode("udp6", dp, 0);
            java.net.DatagramSocket dc = new java.net.DatagramSocket(0, InetAddress.getByAddress(LOOPBACK));
            dc.connect(InetAddress.getByAddress(LOOPBACK), dp);
            long connected = procInode("udp6", dc.getLocalPort(), dp);
            ServerSocketChannel u = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            u.bind(java.net.UnixDomainSocketAddress.of(path));
            long unix = unixProcInode(path);
            try (Socket accepted = l.accept()) {
                assertEquals(listener, lookup(nl, tcp, lp, ANY6, 0));
                assertEquals(client, lookup(nl, tcp, cp, MAPPED, lp));
                assertEquals(bound, lookup(nl, udp, dp, ANY6, 0));
                assertEquals(
                        connected,
                        lookup(nl, udp, dc.getLocalPort(), MAPPED, dp),
                        "not the one bound to its peer's port");
                assertEquals(unix, SockDiag.unixInode(nl, unix, 3, new byte[1024]));

                c.setSoLinger(true, 0);
                c.close();
                l.close();
                d.close();
                u.close();
                assertEquals(0, lookup(nl, tcp, cp, MAPPED, lp), "the closed connection");
                assertEquals(0, lookup(nl, tcp, lp, ANY6, 0), "the closed listener");
                assertEquals(0, lookup(nl, udp, dp, ANY6, 0), "the closed UDP socket");
                assertEquals(0, SockDiag.unixInode(nl, unix, 6, new byte[1024]), "the closed unix socket");
            } finally {
                c.close();
                l.close();
                d.close();
                dc.close();
                u.close();
                Files.deleteIfExists(path);
                Files.delete(dir);
            }
        }
    }

    @Test
    void explainsWhySockDestroyFailed() {
        assertTrue(SockDiag.destroyReason(NetlinkException.EPERM).contains("needs root"));
        assertTrue(SockDiag.destroyReason(NetlinkException.EOPNOTSUPP).contains("CONFIG_INET_DIAG_DESTROY"));
        assertTrue(SockDiag.destroyReason(NetlinkException.ENOENT).contains("closed already"));
    }

    @Test
    void readsAnotherNetworkNamespace() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "setns needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")), "no ip");
        String ns = "sockscope-nl-" + ProcessHandle.current().pid();
        exec("ip", "netns", "add", ns);
        Process listener = null;
        try {
            exec("ip", "-n", ns, "link", "set", "lo", "up");
            listener = new ProcessBuilder(
                            "ip",
                            "netns",
                            "exec",
                            ns,
                            "python3",
                            "-c",
                            "import socket,sys,time\ns=socket.socket();s.bind(('127.0.0.1',0));s.listen(1)\n"
                                    + "print(s.getsockname()[1],flush=True)\nsys.stdin.read()")
                    .start();
            int port = Integer.parseInt(
                    new String(listener.getInputStream().readNBytes(6)).trim().split("\\s")[0]);
            byte[] only = InetDiagBytecode.ports(InetDiagBytecode.Side.LOCAL, new int[] {port, port});
            try (NetlinkSocket inside =
                    NetlinkSocket.openIn(Path.of("/run/netns", ns), NetlinkSocket.NETLINK_SOCK_DIAG)) {
                List<int[]> got = tcpPorts(inside, 1 << 10, null);
                assertEquals(1, got.size(), "the namespace has exactly its one listener");
                assertEquals(port, got.get(0)[0]);
            }
            try (NetlinkSocket host = NetlinkSocket.open(NetlinkSocket.NETLINK_SOCK_DIAG)) {
                for (int[] p : tcpPorts(host, 1 << 10, only)) {
                    assertTrue(p[0] != port, "the host shares no listener with the namespace on " + port);
                }
            }
            NetlinkException e = assertThrows(
                    NetlinkException.class,
                    () -> NetlinkSocket.openIn(
                            Path.of("/run/netns/sockscope-no-such-ns"), NetlinkSocket.NETLINK_SOCK_DIAG));
            assertTrue(e.getMessage().contains("ENOENT"), e.getMessage());
        } finally {
            if (listener != null) {
                listener.getOutputStream().close();
                if (!listener.waitFor(10, TimeUnit.SECONDS)) {
                    listener.destroyForcibly();
                }
            }
            exec("ip", "netns", "del", ns);
        }
    }

    private static void exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
    }
}
