package dev.sockscope.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JNI binding on this machine's kernel: the build made the library (a Linux build needs a C
 * compiler), each call does what the other bindings do, errors come back as errno, and a library
 * that cannot load leaves the next binding in charge.
 */
class JniSyscallsTest {
    private static final int SOCK_DGRAM = 2;
    private static final int O_RDONLY = 0;
    private static Syscalls jni;

    @BeforeAll
    static void load() {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "netlink is Linux's");
        Path lib = NativeLibrary.path();
        assertNotNull(
                lib,
                "the build makes target/native/linux-" + System.getProperty("os.arch")
                        + "/libsockscope.so on Linux (needs gcc)");
        jni = new JniSyscalls(lib);
    }

    @Test
    void dumpsAListenerOverSockDiag() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            int fd = jni.socket(
                    NetlinkSocket.AF_NETLINK,
                    NetlinkSocket.SOCK_RAW | NetlinkSocket.SOCK_CLOEXEC,
                    NetlinkSocket.NETLINK_SOCK_DIAG);
            try {
                jni.setsockopt(fd, NetlinkSocket.SOL_SOCKET, NetlinkSocket.SO_RCVBUF, 1 << 20);
                byte[] filter = InetDiagBytecode.ports(InetDiagBytecode.Side.LOCAL, new int[] {port, port});
                // Java's sockets are IPv6 ones (127.0.0.1 as ::ffff:127.0.0.1)
                byte[] req = SockDiag.inetDumpRequest(SockDiag.AF_INET6, SockDiag.IPPROTO_TCP, 1 << 10, 0, filter, 1);
                assertEquals(req.length, jni.send(fd, req, req.length));
                byte[] buf = new byte[65536];
                int n = jni.recv(fd, buf, buf.length, 0);
                assertTrue(n > 16 + 72, "a reply of " + n + " bytes");
                // the first message is the listener: inet_diag_msg's source port after the 16-byte header
                assertEquals(20, NlBytes.u16(buf, 4), "SOCK_DIAG_BY_FAMILY");
                assertEquals(port, NlBytes.be16(buf, 16 + 4));
            } finally {
                jni.close(fd);
            }
        }
    }

    @Test
    void aShortBufferGetsTheDatagramsRealLengthWithMsgTrunc() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int fd = jni.socket(NetlinkSocket.AF_NETLINK, NetlinkSocket.SOCK_RAW, NetlinkSocket.NETLINK_SOCK_DIAG);
            try {
                byte[] filter = InetDiagBytecode.ports(
                        InetDiagBytecode.Side.LOCAL, new int[] {server.getLocalPort(), server.getLocalPort()});
                byte[] req = SockDiag.inetDumpRequest(SockDiag.AF_INET6, SockDiag.IPPROTO_TCP, 1 << 10, 0, filter, 2);
                jni.send(fd, req, req.length);
                byte[] small = new byte[20];
                byte[] guard = new byte[small.length + 8];
                int n = jni.recv(fd, guard, small.length, NetlinkSocket.MSG_TRUNC);
                assertTrue(n > small.length, "the real length " + n);
                assertArrayEquals(
                        new byte[8],
                        java.util.Arrays.copyOfRange(guard, small.length, guard.length),
                        "nothing written past len");
            } finally {
                jni.close(fd);
            }
        }
    }

    @Test
    void failuresComeBackAsErrno() throws Exception {
        NetlinkException proto = assertThrows(
                NetlinkException.class, () -> jni.socket(NetlinkSocket.AF_NETLINK, NetlinkSocket.SOCK_RAW, 31));
        assertEquals(93, proto.errno(), "EPROTONOSUPPORT: " + proto.getMessage());
        NetlinkException missing = assertThrows(
                NetlinkException.class, () -> jni.open("/nonexistent/sockscope-" + System.nanoTime(), O_RDONLY));
        assertEquals(NetlinkException.ENOENT, missing.errno());
        assertTrue(missing.getMessage().startsWith("open /nonexistent/"), missing.getMessage());
        NetlinkException badFd = assertThrows(NetlinkException.class, () -> jni.recv(-1, new byte[4], 4, 0));
        assertEquals(9, badFd.errno(), "EBADF");
        assertThrows(NetlinkException.class, () -> jni.open("/proc/self/ns/net\0/x", O_RDONLY), "an inner NUL");
        assertThrows(NetlinkException.class, () -> jni.send(0, new byte[2], 3), "a length past the array");
    }

    @Test
    void opensAFileAndClosesIt() throws Exception {
        int fd = jni.open("/proc/self/ns/net", O_RDONLY);
        assertTrue(fd >= 0);
        jni.close(fd);
        NetlinkException closed = assertThrows(NetlinkException.class, () -> jni.recv(fd, new byte[4], 4, 0));
        assertEquals(9, closed.errno(), "EBADF after close");
        int udp = jni.socket(2, SOCK_DGRAM, 0);
        assertTrue(udp >= 0);
        jni.close(udp);
    }

    @Test
    void aLibraryWithoutTheFunctionsLeavesTheNextBinding() throws NetlinkException {
        // a real shared library of this machine, without sockscope's functions: the JDK's own
        Path bad = Path.of(System.getProperty("java.home"), "lib", "libzip.so");
        assertTrue(Files.isRegularFile(bad), bad.toString());
        Syscalls next = Natives.load("", bad);
        assertEquals(Runtime.version().feature() >= 22 ? "ffm" : "jna", next.name());
        NetlinkException forced = assertThrows(NetlinkException.class, () -> Natives.load("jni", bad));
        assertTrue(forced.getMessage().contains("cannot be loaded"), forced.getMessage());
        NetlinkException none = assertThrows(NetlinkException.class, () -> Natives.load("jni", null));
        assertTrue(none.getMessage().contains("no JNI library"), none.getMessage());
        assertEquals("jni", Natives.load("", NativeLibrary.path()).name());
    }
}
