package dev.sockscope.source.oshi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.source.TableSelection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real loopback sockets opened by this JVM, read back through OSHI with exact fields and this
 * JVM as their holder. Linux only (the expected queue values and the process details are
 * Linux's); other platforms run the same backend by hand (docs/platforms.md).
 */
@Tag("live")
class OshiLiveTest {
    private static final int U = SocketEntry.UNKNOWN;

    static final List<AutoCloseable> open = new ArrayList<>();
    static ServerSocketChannel listener;
    static SocketChannel client;
    static SocketChannel accepted;
    static DatagramChannel udp;
    static DatagramChannel udpConnected;
    static ServerSocketChannel listener6;
    static Snapshot snapshot;
    static Holder me;

    static <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    static int port(Object channel) throws IOException {
        if (channel instanceof ServerSocketChannel s) {
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
        if (channel instanceof SocketChannel s) {
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
        return ((InetSocketAddress) ((DatagramChannel) channel).getLocalAddress()).getPort();
    }

    @BeforeAll
    static void openSocketsAndRead() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "expected values are Linux's");
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        listener = keep(ServerSocketChannel.open(StandardProtocolFamily.INET)).bind(new InetSocketAddress(lo, 0));
        client = keep(SocketChannel.open(StandardProtocolFamily.INET));
        client.connect(listener.getLocalAddress());
        accepted = keep(listener.accept());
        udp = keep(DatagramChannel.open(StandardProtocolFamily.INET)).bind(new InetSocketAddress(lo, 0));
        udpConnected = keep(DatagramChannel.open(StandardProtocolFamily.INET)).bind(new InetSocketAddress(lo, 0));
        udpConnected.connect(udp.getLocalAddress());
        try {
            listener6 = keep(ServerSocketChannel.open(StandardProtocolFamily.INET6))
                    .bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        } catch (IOException | UnsupportedOperationException e) {
            listener6 = null; // no IPv6 loopback on this machine
        }

        int pid = (int) ProcessHandle.current().pid();
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        byte[] cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        int end = cmdline.length;
        while (end > 0 && cmdline[end - 1] == 0) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            if (cmdline[i] == 0) {
                cmdline[i] = ' ';
            }
        }
        String comm = Files.readString(Path.of("/proc/self/comm")).trim();
        me = new Holder(
                pid, comm, new String(cmdline, 0, end, StandardCharsets.UTF_8), uid, System.getProperty("user.name"));

        try (OshiSocketSource source = new OshiSocketSource()) {
            snapshot = source.read(TableSelection.all());
        }
    }

    @AfterAll
    static void closeSockets() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static SocketRow find(Proto proto, Family family, int localPort, int remotePort) {
        SocketRow found = null;
        for (SocketRow r : snapshot.rows()) {
            SocketEntry e = r.entry();
            if (e.proto() == proto
                    && e.family() == family
                    && e.localPort() == localPort
                    && e.remotePort() == remotePort
                    && (e.localAddress().text().equals("127.0.0.1")
                            || e.localAddress().text().equals("::1"))) {
                assertEquals(null, found, "two rows for " + proto + " " + localPort + " -> " + remotePort);
                found = r;
            }
        }
        assertTrue(found != null, "no row for " + proto + " " + localPort + " -> " + remotePort);
        return found;
    }

    private static void heldByThisJvm(SocketRow r) {
        assertEquals(List.of(me), r.holders(), r.toString());
        assertEquals(me.user(), r.user());
    }

    @Test
    void findsTheTcpListener() throws IOException {
        SocketRow r = find(Proto.TCP, Family.IPV4, port(listener), 0);
        assertEquals(
                new SocketEntry(
                        Proto.TCP,
                        Family.IPV4,
                        Address.parse("127.0.0.1"),
                        port(listener),
                        Address.parse("0.0.0.0"),
                        0,
                        State.LISTEN,
                        U,
                        U,
                        0,
                        0),
                r.entry());
        heldByThisJvm(r);
    }

    @Test
    void findsBothEndsOfTheEstablishedConnection() throws IOException {
        SocketRow out = find(Proto.TCP, Family.IPV4, port(client), port(listener));
        assertEquals(
                new SocketEntry(
                        Proto.TCP,
                        Family.IPV4,
                        Address.parse("127.0.0.1"),
                        port(client),
                        Address.parse("127.0.0.1"),
                        port(listener),
                        State.ESTABLISHED,
                        U,
                        U,
                        0,
                        0),
                out.entry());
        heldByThisJvm(out);
        SocketRow in = find(Proto.TCP, Family.IPV4, port(listener), port(client));
        assertEquals(
                new SocketEntry(
                        Proto.TCP,
                        Family.IPV4,
                        Address.parse("127.0.0.1"),
                        port(listener),
                        Address.parse("127.0.0.1"),
                        port(client),
                        State.ESTABLISHED,
                        U,
                        U,
                        0,
                        0),
                in.entry());
        heldByThisJvm(in);
    }

    @Test
    void findsTheUnconnectedUdpSocket() throws IOException {
        SocketRow r = find(Proto.UDP, Family.IPV4, port(udp), 0);
        assertEquals(
                new SocketEntry(
                        Proto.UDP,
                        Family.IPV4,
                        Address.parse("127.0.0.1"),
                        port(udp),
                        Address.parse("0.0.0.0"),
                        0,
                        State.UNCONN,
                        U,
                        U,
                        0,
                        0),
                r.entry());
        heldByThisJvm(r);
    }

    @Test
    void findsTheConnectedUdpSocketAsEstablished() throws IOException {
        SocketRow r = find(Proto.UDP, Family.IPV4, port(udpConnected), port(udp));
        assertEquals(
                new SocketEntry(
                        Proto.UDP,
                        Family.IPV4,
                        Address.parse("127.0.0.1"),
                        port(udpConnected),
                        Address.parse("127.0.0.1"),
                        port(udp),
                        State.ESTABLISHED,
                        U,
                        U,
                        0,
                        0),
                r.entry());
        heldByThisJvm(r);
    }

    @Test
    void findsTheIpv6LoopbackListener() throws IOException {
        assumeTrue(listener6 != null, "no IPv6 loopback");
        SocketRow r = find(Proto.TCP, Family.IPV6, port(listener6), 0);
        assertEquals(
                new SocketEntry(
                        Proto.TCP,
                        Family.IPV6,
                        Address.parse("::1"),
                        port(listener6),
                        Address.parse("::"),
                        0,
                        State.LISTEN,
                        U,
                        U,
                        0,
                        0),
                r.entry());
        heldByThisJvm(r);
    }

    @Test
    void saysWhatTheLinuxBackendLacks() {
        assertTrue(
                snapshot.platformNote()
                        .startsWith(
                                "oshi backend: no unix or raw sockets, no inodes, one owner per socket, NEW_SYN_RECV sockets skipped"),
                snapshot.platformNote());
        assertEquals(0, snapshot.hiddenOwners());
    }

    /**
     * A fresh JVM that reads once through this backend: nothing on stderr (no SLF4J line, no
     * native-access warning) and no JNA class loaded, because the Linux path is native-free.
     * Run with this JDK and, where installed, with JDK 25 (which warns about JNA's System::load).
     */
    @Test
    void readsInAFreshJvmWithoutJnaOrWarnings() throws Exception {
        List<String> javas = new ArrayList<>();
        javas.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path jdk25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        if (Files.isExecutable(jdk25)) {
            javas.add(jdk25.toString());
        }
        for (String java : javas) {
            Process p = new ProcessBuilder(
                            java,
                            "-verbose:class",
                            "-cp",
                            System.getProperty("java.class.path"),
                            ReadOnce.class.getName())
                    .start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), java);
            String stdout = new String(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), java + "\n" + new String(err, StandardCharsets.UTF_8));
            assertEquals("", new String(err, StandardCharsets.UTF_8), java);
            assertTrue(stdout.contains("rows="), java);
            assertTrue(
                    stdout.contains("oshi.software.os.InternetProtocolStats"), java + ": OSHI was not loaded at all?");
            assertTrue(!stdout.contains("com.sun.jna."), java + ": JNA was loaded");
        }
    }

    /** The child of {@link #readsInAFreshJvmWithoutJnaOrWarnings()}. */
    public static final class ReadOnce {
        public static void main(String[] args) throws Exception {
            try (OshiSocketSource s = new OshiSocketSource()) {
                System.out.println("rows=" + s.read(TableSelection.all()).rows().size());
            }
        }
    }
}
