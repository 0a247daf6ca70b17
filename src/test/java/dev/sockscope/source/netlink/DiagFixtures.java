package dev.sockscope.source.netlink;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.netlink.NetlinkException;
import dev.sockscope.netlink.NetlinkSocket;
import dev.sockscope.netlink.SockDiag;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Captured {@code sock_diag} replies in {@code src/test/resources/netlink/*.bin}: a first text
 * line saying what was captured and from which kernel, then each datagram the kernel sent as a
 * 4-byte big-endian length and its bytes. Every dump was requested with sequence number 1.
 * {@link #main} makes them (run as root beside {@code socket_holder.py --extra}).
 */
final class DiagFixtures {
    static final int SEQ = 1;

    /** A captured dump and what was asked for. */
    record Dump(String name, Proto proto, Family family, List<byte[]> datagrams) {}

    static final String[][] TABLES = {
        {"tcp4", "TCP", "IPV4"},
        {"tcp6", "TCP", "IPV6"},
        {"udp4", "UDP", "IPV4"},
        {"udp6", "UDP", "IPV6"},
        {"unix", "UNIX", "UNIX"},
    };

    private DiagFixtures() {}

    static Dump load(String name) {
        for (String[] t : TABLES) {
            if (t[0].equals(name)) {
                return new Dump(name, Proto.valueOf(t[1]), Family.valueOf(t[2]), datagrams(name));
            }
        }
        throw new IllegalArgumentException(name);
    }

    static List<Dump> all() {
        List<Dump> all = new ArrayList<>();
        for (String[] t : TABLES) {
            all.add(load(t[0]));
        }
        return all;
    }

    private static List<byte[]> datagrams(String name) {
        try (InputStream in = DiagFixtures.class.getResourceAsStream("/netlink/" + name + ".bin")) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            byte[] all = in.readAllBytes();
            int at = 0;
            while (all[at] != '\n') {
                at++;
            }
            ByteBuffer b = ByteBuffer.wrap(all, at + 1, all.length - at - 1);
            List<byte[]> out = new ArrayList<>();
            while (b.remaining() >= 4) {
                byte[] d = new byte[b.getInt()];
                b.get(d);
                out.add(d);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Captures every table of this machine into {@code args[0]} (the resources directory). */
    public static void main(String[] args) throws IOException, NetlinkException {
        Path dir = Path.of(args[0]);
        String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        try (NetlinkSocket nl = NetlinkSocket.open(NetlinkSocket.NETLINK_SOCK_DIAG)) {
            for (String[] t : TABLES) {
                byte[] request;
                if (t[1].equals("UNIX")) {
                    request = SockDiag.unixDumpRequest(SockDiag.ALL_STATES, 0x01 | 0x04 | 0x10 | 0x40, SEQ);
                } else {
                    int family = t[2].equals("IPV4") ? SockDiag.AF_INET : SockDiag.AF_INET6;
                    int proto = t[1].equals("TCP") ? SockDiag.IPPROTO_TCP : SockDiag.IPPROTO_UDP;
                    int ext = t[1].equals("TCP") ? 1 << (SockDiag.INET_DIAG_INFO - 1) : 0;
                    request = SockDiag.inetDumpRequest(family, proto, SockDiag.ALL_STATES, ext, null, SEQ);
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes);
                out.write(("# sock_diag dump of " + t[0] + " (" + (t[1].equals("UNIX") ? "unix_diag" : "inet_diag")
                                + ", all states" + (t[1].equals("TCP") ? ", tcp_info" : "") + "), kernel " + kernel
                                + ", captured beside socket_holder.py --extra; each datagram: u32 BE length, bytes\n")
                        .getBytes(StandardCharsets.UTF_8));
                nl.send(request, request.length);
                byte[] buf = new byte[65536];
                dev.sockscope.netlink.MessageWalk walk =
                        new dev.sockscope.netlink.MessageWalk(SEQ, (b, off, len) -> {});
                while (!walk.done()) {
                    int n = nl.receive(buf);
                    out.writeInt(n);
                    out.write(buf, 0, n);
                    walk.datagram(buf, n);
                }
                Files.write(dir.resolve(t[0] + ".bin"), bytes.toByteArray());
            }
        }
    }
}
