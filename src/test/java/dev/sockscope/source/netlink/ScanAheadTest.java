package dev.sockscope.source.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.owner.UserNames;
import dev.sockscope.source.TableSelection;
import dev.sockscope.testing.HolderScript;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A source opened with its owner scan ahead ({@link NetlinkSocketSource#open(Path, Path,
 * UserNames, boolean)}): the first read takes the holders that scan found; a socket opened after
 * the scan began, by this JVM or by a process started since, is never given a wrong holder, and
 * the next read (a scan of its own) gives it its holder. Real loopback listeners and a real
 * python3 process.
 */
@Tag("live")
class ScanAheadTest {
    private static final UserNames USERS = new UserNames(Path.of("/etc/passwd"));
    private static final TableSelection TCP =
            new TableSelection(Set.of(Proto.TCP), Set.of(Family.IPV4, Family.IPV6)).withTcpInfo(false);

    private static List<Integer> holdersOf(List<SocketRow> rows, int port) {
        for (SocketRow r : rows) {
            if (r.entry().localPort() == port && r.entry().state() == State.LISTEN) {
                return r.holders().stream().map(Holder::pid).toList();
            }
        }
        throw new AssertionError("no listener on " + port);
    }

    @Test
    void socketsOpenedAfterTheScanAheadBeganHaveTheirHolders() throws Exception {
        int self = (int) ProcessHandle.current().pid();
        try (ServerSocket before = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
                NetlinkSocketSource source = NetlinkSocketSource.open(Path.of("/proc"), Path.of("/sys"), USERS, true);
                ServerSocket after = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
                HolderScript other = HolderScript.start(List.of(), "inet")) {
            List<SocketRow> first = source.read(TCP).rows();
            assertEquals(List.of(self), holdersOf(first, before.getLocalPort()));
            // opened after the first read's scan began: that read may not know their holders yet
            // (the race of any snapshot of two sources: the first scan reads every table, and
            // looks no further), but it names no other
            assertTrue(List.of(self).containsAll(holdersOf(first, after.getLocalPort())));
            assertTrue(List.of(other.pid()).containsAll(holdersOf(first, (int) other.number("port"))));
            List<SocketRow> next = source.read(TCP).rows();
            assertEquals(List.of(self), holdersOf(next, before.getLocalPort()));
            assertEquals(List.of(self), holdersOf(next, after.getLocalPort()));
            assertEquals(List.of(other.pid()), holdersOf(next, (int) other.number("port")));
        }
    }
}
