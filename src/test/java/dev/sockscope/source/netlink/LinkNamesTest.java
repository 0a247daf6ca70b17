package dev.sockscope.source.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.netlink.MessageWalk;
import dev.sockscope.netlink.NetlinkException;
import dev.sockscope.netlink.NetlinkSocket;
import dev.sockscope.netlink.NlBytes;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link LinkNames}: the interface names of a namespace from an {@code RTM_GETLINK} dump, on a
 * dump captured from a namespace with {@code lo} and a veth pair ({@code links.bin}, made by
 * {@link #main}), on malformed messages, and live against {@code /sys/class/net}.
 */
class LinkNamesTest {

    /** The captured datagrams: a text line, then each datagram as a 4-byte big-endian length and its bytes. */
    static List<byte[]> captured() throws IOException {
        try (InputStream in = LinkNamesTest.class.getResourceAsStream("/netlink/links.bin")) {
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
        }
    }

    static Map<Integer, String> walk(List<byte[]> datagrams, int[] malformed) throws NetlinkException {
        Map<Integer, String> names = new TreeMap<>();
        MessageWalk w = new MessageWalk(1, LinkNames.RTM_NEWLINK, (b, off, len) -> {
            if (!LinkNames.parse(b, off, len, names)) {
                malformed[0]++;
            }
        });
        for (byte[] d : datagrams) {
            w.datagram(d, d.length);
        }
        assertTrue(w.done(), "the captured dump ends with NLMSG_DONE");
        malformed[0] += w.result().malformed();
        return names;
    }

    @Test
    void namesEveryInterfaceOfACapturedDump() throws Exception {
        int[] malformed = {0};
        Map<Integer, String> names = walk(captured(), malformed);
        assertEquals(Map.of(1, "lo", 2, "sstcap1", 3, "sstcap0"), names);
        assertEquals(0, malformed[0]);
    }

    @Test
    void skipsAndCountsMalformedMessages() throws Exception {
        byte[] good = message(7, "eth7");
        Map<Integer, String> m = new HashMap<>();
        assertTrue(LinkNames.parse(good, 0, good.length, m));
        assertEquals(Map.of(7, "eth7"), m);

        m.clear();
        assertFalse(LinkNames.parse(good, 0, 15, m), "shorter than ifinfomsg");
        assertFalse(LinkNames.parse(good, 0, good.length + 1, m), "longer than the buffer");
        assertFalse(LinkNames.parse(good, 0, 22, m), "the name attribute runs past the message");
        byte[] zero = message(0, "eth0");
        assertFalse(LinkNames.parse(zero, 0, zero.length, m), "index 0");
        byte[] longName = message(5, "a-name-too-long-for-ifnamsiz");
        assertFalse(LinkNames.parse(longName, 0, longName.length, m), "longer than IFNAMSIZ");
        byte[] empty = message(5, "");
        assertFalse(LinkNames.parse(empty, 0, empty.length, m), "empty name");
        byte[] badLen = good.clone();
        NlBytes.putU16(badLen, 16, 2);
        assertFalse(LinkNames.parse(badLen, 0, badLen.length, m), "attribute length below 4");
        assertTrue(m.isEmpty());

        // one cut datagram of the real capture: the walk counts it, the names before it stay
        List<byte[]> cut = new ArrayList<>(captured());
        byte[] first = cut.get(0);
        cut.set(0, Arrays.copyOf(first, first.length - 7));
        int[] malformed = {0};
        Map<Integer, String> names = new TreeMap<>();
        MessageWalk w = new MessageWalk(1, LinkNames.RTM_NEWLINK, (b, off, len) -> {
            if (!LinkNames.parse(b, off, len, names)) {
                malformed[0]++;
            }
        });
        w.datagram(cut.get(0), cut.get(0).length);
        assertTrue(w.result().malformed() + malformed[0] > 0);
    }

    @Test
    void agreesWithSysfsInThisNamespace() throws Exception {
        Map<Integer, String> sysfs = new TreeMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/sys/class/net"))) {
            for (Path p : dir) {
                sysfs.put(
                        Integer.parseInt(Files.readString(p.resolve("ifindex")).trim()),
                        p.getFileName().toString());
            }
        }
        NetlinkSocket route;
        try {
            route = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE);
        } catch (NetlinkException e) {
            assumeTrue(false, "no netlink here: " + e.getMessage());
            return;
        }
        try (route) {
            assertEquals(sysfs, new TreeMap<>(LinkNames.read(route, 1)));
        }
    }

    /** One RTM_NEWLINK payload: ifinfomsg with {@code index}, one IFLA_IFNAME. */
    static byte[] message(int index, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int alen = 4 + n.length + 1;
        byte[] b = new byte[LinkNames.IFINFO_LEN + NlBytes.align4(alen)];
        NlBytes.putU32(b, 4, index);
        NlBytes.putU16(b, 16, alen);
        NlBytes.putU16(b, 18, LinkNames.IFLA_IFNAME);
        System.arraycopy(n, 0, b, 20, n.length);
        return b;
    }

    /**
     * Writes {@code links.bin}: run as root inside a namespace with lo and a veth pair
     * ({@code ip netns exec NS java -cp ... dev.sockscope.source.netlink.LinkNamesTest FILE}).
     */
    public static void main(String[] args) throws Exception {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE)) {
            byte[] request = LinkNames.request(1);
            s.send(request, request.length);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(("# RTM_GETLINK dump (every link, seq 1) of a namespace with lo and veth pair sstcap0/sstcap1,"
                            + " kernel " + System.getProperty("os.version") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] buf = new byte[65536];
            MessageWalk w = new MessageWalk(1, LinkNames.RTM_NEWLINK, (b, off, len) -> {});
            while (!w.done()) {
                int n = s.receive(buf);
                out.writeInt(n);
                out.write(buf, 0, n);
                w.datagram(buf, n);
            }
            Files.write(Path.of(args[0]), bytes.toByteArray());
        }
    }
}
