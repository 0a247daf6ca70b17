package dev.sockscope.source.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.owner.ProcText;
import dev.sockscope.owner.UserNames;
import dev.sockscope.source.TableSelection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A read that leaves cgroups out ({@link TableSelection#cgroups}) names none (the reads before
 * it named none either), and the next read
 * that asks for them names every one, though the sockets' messages are unchanged and their
 * entries would otherwise be carried over. A real loopback listener, read over netlink; its
 * cgroup is this JVM's, from {@code /proc/self/cgroup}.
 */
@Tag("live")
class CgroupHintTest {
    private static final UserNames USERS = new UserNames(Path.of("/etc/passwd"));
    private static final TableSelection WITH =
            new TableSelection(Set.of(Proto.TCP), Set.of(Family.IPV4, Family.IPV6)).withTcpInfo(false);
    private static final TableSelection WITHOUT = WITH.withCgroups(false);

    private static String cgroupOf(NetlinkSocketSource source, TableSelection which, int port) throws Exception {
        for (SocketRow r : source.read(which).rows()) {
            if (r.entry().localPort() == port && r.entry().state() == State.LISTEN) {
                return r.entry().details().cgroup();
            }
        }
        throw new AssertionError("no listener on " + port);
    }

    @Test
    void aReadWithoutCgroupsNamesNoneAndTheNextWithThemNamesThemAgain() throws Exception {
        String own = ProcText.cgroupPath(Files.readAllBytes(Path.of("/proc/self/cgroup")));
        assertNotNull(own, "this JVM's cgroup v2 path");
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
                NetlinkSocketSource source = NetlinkSocketSource.open(Path.of("/proc"), Path.of("/sys"), USERS)) {
            int port = server.getLocalPort();
            assertEquals(own, cgroupOf(source, WITH, port));
            // three reads without: from the second on, the unchanged message is carried
            for (int i = 0; i < 3; i++) {
                assertNull(cgroupOf(source, WITHOUT, port), "read " + i + " without cgroups");
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(own, cgroupOf(source, WITH, port), "read " + i + " with cgroups again");
            }
            // a hint: a read without may carry what the last read named, and the next with has it
            cgroupOf(source, WITHOUT, port);
            assertEquals(own, cgroupOf(source, WITH, port));
        }
    }
}
