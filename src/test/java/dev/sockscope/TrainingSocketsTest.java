package dev.sockscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.netlink.NativeLibrary;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The training run's own sockets, as the kernel lists them in {@code /proc/net}: per loopback
 * family a listener, both ends of one connection to it and two UDP sockets connected to each
 * other; all gone when closed, and no {@code TIME_WAIT} row left for the connection.
 */
class TrainingSocketsTest {
    private static final String LISTEN = "0A";
    private static final String ESTABLISHED = "01";
    private static final String TIME_WAIT = "06";

    /** A row of /proc/net/{tcp,udp}{,6}: its table, local and remote port, state and inode. */
    private record Row(String table, int localPort, int remotePort, String state, long inode) {}

    private static List<Row> rows() throws IOException {
        List<Row> out = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path file = Path.of("/proc/net", table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                out.add(new Row(table, port(f[1]), port(f[2]), f[3], Long.parseLong(f[9])));
            }
        }
        return out;
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.indexOf(':') + 1), 16);
    }

    private static Set<Long> ownSocketInodes() throws IOException {
        Set<Long> out = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                String link;
                try {
                    link = Files.readSymbolicLink(fd).toString();
                } catch (NoSuchFileException e) {
                    continue;
                }
                if (link.startsWith("socket:[")) {
                    out.add(Long.parseLong(link.substring(8, link.length() - 1)));
                }
            }
        }
        return out;
    }

    private static boolean ipv6Loopback() throws IOException {
        Path ifs = Path.of("/proc/net/if_inet6");
        return Files.exists(ifs)
                && Files.readAllLines(ifs).stream().anyMatch(l -> l.startsWith("00000000000000000000000000000001"));
    }

    @Test
    void holdsAConnectionAndAConnectedUdpPairPerLoopbackFamilyUntilClosed() throws IOException {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "/proc/net is Linux's");
        assertTrue(NativeLibrary.load(), "the build makes the JNI library on Linux (needs gcc)");
        List<String> families = ipv6Loopback() ? List.of("", "6") : List.of("");
        Set<Long> before = ownSocketInodes();
        List<Row> mine = new ArrayList<>();
        List<Integer> clientPorts = new ArrayList<>();
        try (TrainingSockets sockets = TrainingSockets.open()) {
            Set<Long> added = ownSocketInodes();
            added.removeAll(before);
            assertEquals(5 * families.size(), sockets.count(), "sockets made");
            assertEquals(sockets.count(), added.size(), "sockets in this process's fd table");
            for (Row r : rows()) {
                if (added.contains(r.inode())) {
                    mine.add(r);
                }
            }
            assertEquals(sockets.count(), mine.size(), "each in /proc/net: " + mine);
            for (String v : families) {
                List<Row> tcp =
                        mine.stream().filter(r -> r.table().equals("tcp" + v)).toList();
                List<Row> udp =
                        mine.stream().filter(r -> r.table().equals("udp" + v)).toList();
                Row listener = tcp.stream()
                        .filter(r -> r.state().equals(LISTEN))
                        .findFirst()
                        .orElseThrow();
                List<Row> ends =
                        tcp.stream().filter(r -> r.state().equals(ESTABLISHED)).toList();
                assertEquals(2, ends.size(), "both ends of the connection over tcp" + v + ": " + tcp);
                Row server = ends.stream()
                        .filter(r -> r.localPort() == listener.localPort())
                        .findFirst()
                        .orElseThrow();
                Row client = ends.stream().filter(r -> r != server).findFirst().orElseThrow();
                assertEquals(listener.localPort(), client.remotePort(), "the client reaches the listener");
                assertEquals(client.localPort(), server.remotePort(), "the accepted end's peer is the client");
                clientPorts.add(client.localPort());
                assertEquals(2, udp.size(), "two udp" + v + " sockets: " + udp);
                assertEquals(udp.get(0).localPort(), udp.get(1).remotePort(), "connected to each other");
                assertEquals(udp.get(1).localPort(), udp.get(0).remotePort(), "connected to each other");
            }
        }
        Set<Long> after = ownSocketInodes();
        for (Row r : mine) {
            assertTrue(!after.contains(r.inode()), "closed: " + r);
        }
        for (Row r : rows()) {
            if (r.table().startsWith("tcp") && r.state().equals(TIME_WAIT)) {
                assertTrue(
                        !clientPorts.contains(r.localPort()) && !clientPorts.contains(r.remotePort()),
                        "the connection closed with a reset, no TIME_WAIT: " + r);
            }
        }
    }
}
