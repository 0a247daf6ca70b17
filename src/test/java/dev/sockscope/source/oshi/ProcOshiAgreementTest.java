package dev.sockscope.source.oshi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.InetText;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.owner.UserNames;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SocketSources;
import dev.sockscope.source.TableSelection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The {@code proc} and {@code oshi} backends, opened as {@code --backend proc|oshi} opens them,
 * agree on the TCP and UDP sockets this test opens: the same (proto, family, local, remote,
 * state) and the same pid. Other sockets on the machine
 * may come and go between the two reads (and may share a port number with these), so only rows
 * with exactly the fields of the test's own sockets are compared.
 */
@Tag("live")
class ProcOshiAgreementTest {
    private static final TableSelection TCP_UDP =
            new TableSelection(EnumSet.of(Proto.TCP, Proto.UDP), EnumSet.of(Family.IPV4, Family.IPV6));

    private static SocketSource open(String backend) throws Exception {
        return SocketSources.open(backend, Path.of("/proc"), new UserNames(Path.of("/etc/passwd")));
    }

    private static String key(
            Proto proto, Family family, InetSocketAddress local, InetSocketAddress remote, State state) {
        return key(proto.label(), family.label(), text(local), local.getPort(), text(remote), remote.getPort(), state);
    }

    private static String text(InetSocketAddress a) {
        byte[] raw = a.getAddress().getAddress();
        return raw.length == 4 && a.getAddress().isAnyLocalAddress() ? "0.0.0.0" : InetText.format(raw);
    }

    private static String key(
            String proto, String family, String local, int lport, String remote, int rport, State state) {
        return proto + " " + family + " " + local + ":" + lport + " -> " + remote + ":" + rport + " " + state;
    }

    /** The rows among {@code rows} whose key is one of {@code keys}, to the pids holding them. */
    private static Map<String, Set<Integer>> ours(List<SocketRow> rows, Set<String> keys) {
        Map<String, Set<Integer>> out = new TreeMap<>();
        for (SocketRow r : rows) {
            SocketEntry e = r.entry();
            String key = key(
                    e.proto().label(),
                    e.family().label(),
                    e.localAddress().text(),
                    e.localPort(),
                    e.remoteAddress().text(),
                    e.remotePort(),
                    e.state());
            if (!keys.contains(key)) {
                continue;
            }
            Set<Integer> pids = new TreeSet<>();
            for (Holder h : r.holders()) {
                pids.add(h.pid());
            }
            out.merge(key, pids, (a, b) -> {
                a.addAll(b);
                return a;
            });
        }
        return out;
    }

    @Test
    void procAndOshiAgreeOnThisJvmsSockets() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "the proc backend is Linux's");
        SocketSource proc = open("proc");
        List<AutoCloseable> open = new ArrayList<>();
        try {
            InetAddress lo = InetAddress.getByName("127.0.0.1");
            ServerSocketChannel listener =
                    ServerSocketChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(lo, 0));
            open.add(listener);
            SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET);
            open.add(client);
            client.connect(listener.getLocalAddress());
            open.add(listener.accept());
            DatagramChannel udp =
                    DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(lo, 0));
            open.add(udp);
            DatagramChannel udpConnected =
                    DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(lo, 0));
            open.add(udpConnected);
            udpConnected.connect(udp.getLocalAddress());
            InetSocketAddress any4 = new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0);
            InetSocketAddress l = (InetSocketAddress) listener.getLocalAddress();
            InetSocketAddress c = (InetSocketAddress) client.getLocalAddress();
            InetSocketAddress u = (InetSocketAddress) udp.getLocalAddress();
            InetSocketAddress uc = (InetSocketAddress) udpConnected.getLocalAddress();
            Set<String> keys = new TreeSet<>(List.of(
                    key(Proto.TCP, Family.IPV4, l, any4, State.LISTEN),
                    key(Proto.TCP, Family.IPV4, c, l, State.ESTABLISHED),
                    key(Proto.TCP, Family.IPV4, l, c, State.ESTABLISHED),
                    key(Proto.UDP, Family.IPV4, u, any4, State.UNCONN),
                    key(Proto.UDP, Family.IPV4, uc, u, State.ESTABLISHED)));
            try {
                ServerSocketChannel v6 = ServerSocketChannel.open(StandardProtocolFamily.INET6)
                        .bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
                open.add(v6);
                InetSocketAddress l6 = (InetSocketAddress) v6.getLocalAddress();
                keys.add(key(
                        Proto.TCP,
                        Family.IPV6,
                        l6,
                        new InetSocketAddress(InetAddress.getByName("::"), 0),
                        State.LISTEN));
            } catch (IOException | UnsupportedOperationException e) {
                // no IPv6 loopback here: compare the IPv4 sockets only
            }
            int pid = (int) ProcessHandle.current().pid();
            Map<String, Set<Integer>> expected = new TreeMap<>();
            for (String k : keys) {
                expected.put(k, Set.of(pid));
            }

            Map<String, Set<Integer>> fromOshi;
            Map<String, Set<Integer>> fromProc;
            try (SocketSource oshi = open("oshi")) {
                assertEquals("oshi", oshi.name());
                fromProc = ours(proc.read(TCP_UDP).rows(), keys);
                fromOshi = ours(oshi.read(TCP_UDP).rows(), keys);
            }
            assertEquals(expected, fromProc, "proc");
            assertEquals(fromProc, fromOshi, "oshi against proc");
        } finally {
            proc.close();
            for (AutoCloseable c : open) {
                c.close();
            }
        }
    }
}
