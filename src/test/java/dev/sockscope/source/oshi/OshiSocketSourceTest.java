package dev.sockscope.source.oshi;

import static dev.sockscope.source.oshi.Conn.NONE;
import static dev.sockscope.source.oshi.Conn.of;
import static dev.sockscope.source.oshi.Conn.v4;
import static dev.sockscope.source.oshi.Conn.v6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.InternetProtocolStats.TcpState;
import oshi.software.os.OSProcess;

class OshiSocketSourceTest {
    private static final int U = SocketEntry.UNKNOWN;

    /** A backend answering from lists, recording every process lookup. */
    static final class FakeBackend implements OshiSocketSource.Backend {
        List<IPConnection> connections = new ArrayList<>();
        final Map<Integer, OSProcess> processes = new HashMap<>();
        final List<List<Integer>> lookups = new ArrayList<>();
        boolean elevated = true;
        RuntimeException failConnections;
        RuntimeException failProcesses;

        @Override
        public List<IPConnection> connections() {
            if (failConnections != null) {
                throw failConnections;
            }
            return connections;
        }

        @Override
        public Map<Integer, OSProcess> processes(Collection<Integer> pids) {
            lookups.add(List.copyOf(pids));
            if (failProcesses != null) {
                throw failProcesses;
            }
            Map<Integer, OSProcess> out = new HashMap<>();
            for (int pid : pids) {
                if (processes.containsKey(pid)) {
                    out.put(pid, processes.get(pid));
                }
            }
            return out;
        }

        @Override
        public boolean elevated() {
            return elevated;
        }
    }

    private static TableSelection select(EnumSet<Proto> protos, EnumSet<Family> families) {
        return new TableSelection(protos, families);
    }

    private static final TableSelection TCP_UDP =
            select(EnumSet.of(Proto.TCP, Proto.UDP), EnumSet.of(Family.IPV4, Family.IPV6));

    @Test
    void joinsEachSocketToItsOwningProcessFetchedOncePerRead() throws SourceException {
        FakeBackend b = new FakeBackend();
        b.connections = List.of(
                of("tcp4", v4(127, 0, 0, 1), 8080, v4(0, 0, 0, 0), 0, TcpState.LISTEN, 0, 3, 700),
                of("tcp4", v4(127, 0, 0, 1), 8080, v4(127, 0, 0, 1), 41000, TcpState.ESTABLISHED, 10, 20, 700),
                of("udp6", new byte[16], 5353, new byte[16], 0, TcpState.CLOSED, 0, 0, 701));
        b.processes.put(700, Conn.process(700, "java", "java -jar app.jar", "alice", "1000"));
        b.processes.put(701, Conn.process(701, "avahi-daemon", "avahi-daemon: running", "avahi", "107"));
        Snapshot s = new OshiSocketSource(OshiPlatform.LINUX, b).read(TCP_UDP);

        Holder java = new Holder(700, "java", "java -jar app.jar", 1000, "alice");
        Holder avahi = new Holder(701, "avahi-daemon", "avahi-daemon: running", 107, "avahi");
        assertEquals(
                List.of(
                        new SocketRow(
                                new SocketEntry(
                                        Proto.TCP,
                                        Family.IPV4,
                                        Address.parse("127.0.0.1"),
                                        8080,
                                        Address.parse("0.0.0.0"),
                                        0,
                                        State.LISTEN,
                                        U,
                                        U,
                                        3,
                                        0),
                                List.of(java),
                                "alice"),
                        new SocketRow(
                                new SocketEntry(
                                        Proto.TCP,
                                        Family.IPV4,
                                        Address.parse("127.0.0.1"),
                                        8080,
                                        Address.parse("127.0.0.1"),
                                        41000,
                                        State.ESTABLISHED,
                                        U,
                                        U,
                                        20,
                                        10),
                                List.of(java),
                                "alice"),
                        new SocketRow(
                                new SocketEntry(
                                        Proto.UDP,
                                        Family.IPV6,
                                        Address.parse("::"),
                                        5353,
                                        Address.parse("::"),
                                        0,
                                        State.UNCONN,
                                        U,
                                        U,
                                        0,
                                        0),
                                List.of(avahi),
                                "avahi")),
                s.rows());
        assertEquals(List.of(List.of(700, 701)), b.lookups);
        assertEquals(0, s.unparsedLines());
        assertEquals(0, s.hiddenOwners());
        assertEquals(
                "oshi backend: no unix or raw sockets, no inodes, one owner per socket, NEW_SYN_RECV sockets skipped.",
                s.platformNote());
    }

    @Test
    void keepsThePidOfAProcessThatExitedMidRead() throws SourceException {
        FakeBackend b = new FakeBackend();
        b.connections = List.of(of("tcp4", v4(127, 0, 0, 1), 9000, NONE, 0, TcpState.LISTEN, 0, 0, 555));
        SocketRow row =
                new OshiSocketSource(OshiPlatform.LINUX, b).read(TCP_UDP).rows().get(0);
        assertEquals(List.of(new Holder(555, "", "", U, null)), row.holders());
        assertNull(row.user());
    }

    @Test
    void keepsPidsWhenTheProcessLookupFails() throws SourceException {
        FakeBackend b = new FakeBackend();
        b.connections = List.of(of("tcp4", v4(127, 0, 0, 1), 9000, NONE, 0, TcpState.LISTEN, 0, 0, 556));
        b.failProcesses = new IllegalStateException("access denied");
        SocketRow row = new OshiSocketSource(OshiPlatform.WINDOWS, b)
                .read(TCP_UDP)
                .rows()
                .get(0);
        assertEquals(List.of(new Holder(556, "", "", U, null)), row.holders());
    }

    @Test
    void givesNoHolderWithoutAPid() throws SourceException {
        FakeBackend b = new FakeBackend();
        b.connections = List.of(
                of("tcp4", v4(10, 0, 0, 1), 22, v4(10, 0, 0, 2), 50000, TcpState.ESTABLISHED, 0, 0, -1),
                of("tcp4", v4(10, 0, 0, 1), 22, v4(10, 0, 0, 3), 50001, TcpState.TIME_WAIT, 0, 0, 0));
        Snapshot s = new OshiSocketSource(OshiPlatform.NETSTAT, b).read(TCP_UDP);
        assertEquals(2, s.rows().size());
        for (SocketRow r : s.rows()) {
            assertEquals(List.of(), r.holders());
            assertNull(r.owner());
            assertNull(r.user());
        }
        assertEquals(List.of(), b.lookups);
    }

    @Test
    void countsConnectionsItCannotMapAndKeepsTheRest() throws SourceException {
        FakeBackend b = new FakeBackend();
        b.connections = List.of(
                of("tcp4", v4(127, 0, 0, 1), 1, NONE, 0, TcpState.UNKNOWN, 0, 0, 1), // Linux NEW_SYN_RECV
                of("sctp", v4(127, 0, 0, 1), 2, NONE, 0, TcpState.LISTEN, 0, 0, 1),
                of("tcp4", new byte[7], 3, NONE, 0, TcpState.LISTEN, 0, 0, 1),
                of("tcp4", v4(127, 0, 0, 1), 70000, NONE, 0, TcpState.LISTEN, 0, 0, 1),
                of("tcp4", v4(127, 0, 0, 1), 4, NONE, 0, TcpState.LISTEN, 0, 0, -1));
        Snapshot s = new OshiSocketSource(OshiPlatform.LINUX, b).read(TCP_UDP);
        assertEquals(4, s.unparsedLines());
        assertEquals(1, s.rows().size());
        assertEquals(4, s.rows().get(0).entry().localPort());
    }

    @Test
    void skipsUnwantedTablesWithoutCountingTheirRows() throws SourceException {
        FakeBackend b = new FakeBackend();
        b.connections = List.of(
                of("tcp4", v4(127, 0, 0, 1), 1, NONE, 0, TcpState.UNKNOWN, 0, 0, 1),
                of("tcp6", v6(0, 0, 0, 0, 0, 0, 0, 1), 2, NONE, 0, TcpState.LISTEN, 0, 0, 1),
                of("udp4", v4(127, 0, 0, 1), 3, NONE, 0, TcpState.CLOSED, 0, 0, -1),
                of("udp6", v6(0, 0, 0, 0, 0, 0, 0, 1), 4, NONE, 0, TcpState.CLOSED, 0, 0, -1),
                of("udp46", v4(0, 0, 0, 0), 5, NONE, 0, TcpState.NONE, 0, 0, -1));
        OshiSocketSource source = new OshiSocketSource(OshiPlatform.LINUX, b);

        Snapshot udp6 = source.read(select(EnumSet.of(Proto.UDP), EnumSet.of(Family.IPV6)));
        assertEquals(
                List.of(4, 5),
                udp6.rows().stream().map(r -> r.entry().localPort()).toList());
        assertEquals(0, udp6.unparsedLines());

        Snapshot tcp4 = source.read(select(EnumSet.of(Proto.TCP), EnumSet.of(Family.IPV4)));
        assertEquals(List.of(), tcp4.rows());
        assertEquals(1, tcp4.unparsedLines());
    }

    @Test
    void readsNothingWhenOnlyUnixOrRawSocketsAreWanted() throws SourceException {
        FakeBackend b = new FakeBackend();
        b.failConnections = new IllegalStateException("must not be read");
        Snapshot s = new OshiSocketSource(OshiPlatform.MACOS, b)
                .read(select(EnumSet.of(Proto.UNIX, Proto.RAW), EnumSet.of(Family.IPV4, Family.IPV6)));
        assertEquals(List.of(), s.rows());
        assertTrue(s.platformNote().startsWith("oshi backend: no unix or raw sockets"), s.platformNote());
    }

    @Test
    void joinsOneRowPerDescriptorIntoOneSocketWithEveryHolderOnMacos() throws SourceException {
        FakeBackend b = new FakeBackend();
        // a pre-fork server: the parent and two children hold the same listener; the parent twice (dup)
        b.connections = List.of(
                of("tcp46", v4(0, 0, 0, 0), 80, v4(0, 0, 0, 0), 0, TcpState.LISTEN, 5, 0, 300),
                of("tcp46", v4(0, 0, 0, 0), 80, v4(0, 0, 0, 0), 0, TcpState.LISTEN, 5, 0, 302),
                of("tcp46", v4(0, 0, 0, 0), 80, v4(0, 0, 0, 0), 0, TcpState.LISTEN, 5, 0, 301),
                of("tcp46", v4(0, 0, 0, 0), 80, v4(0, 0, 0, 0), 0, TcpState.LISTEN, 5, 0, 300),
                of("tcp4", v4(127, 0, 0, 1), 80, v4(127, 0, 0, 1), 50000, TcpState.ESTABLISHED, 0, 0, 301));
        b.processes.put(300, Conn.process(300, "httpd", "/usr/sbin/httpd -D FOREGROUND", "root", "0"));
        b.processes.put(301, Conn.process(301, "httpd", "/usr/sbin/httpd -D FOREGROUND", "_www", "70"));
        b.processes.put(302, Conn.process(302, "httpd", "/usr/sbin/httpd -D FOREGROUND", "_www", "70"));
        b.elevated = false;
        Snapshot s = new OshiSocketSource(OshiPlatform.MACOS, b).read(TCP_UDP);

        assertEquals(2, s.rows().size());
        SocketRow listener = s.rows().get(0);
        assertEquals(
                new SocketEntry(
                        Proto.TCP,
                        Family.IPV6,
                        Address.parse("::"),
                        80,
                        Address.parse("::"),
                        0,
                        State.LISTEN,
                        U,
                        U,
                        U,
                        U),
                listener.entry());
        assertEquals(
                List.of(300, 301, 302),
                listener.holders().stream().map(Holder::pid).toList());
        assertEquals("root", listener.user());
        SocketRow conn = s.rows().get(1);
        assertEquals(List.of(301), conn.holders().stream().map(Holder::pid).toList());
        assertEquals("_www", conn.user());
        assertEquals(List.of(List.of(300, 301, 302)), b.lookups);
        assertEquals(
                "oshi backend: no unix or raw sockets, no inodes, no queue sizes, no sockets without an open file"
                        + " (TIME_WAIT), and other users' sockets are not listed unless run as root.",
                s.platformNote());
    }

    @Test
    void keepsEqualRowsApartWhereOshiListsEachSocketOnce() throws SourceException {
        // two SO_REUSEPORT UDP sockets on Linux are two sockets, even with equal fields
        FakeBackend b = new FakeBackend();
        b.connections = List.of(
                of("udp4", v4(0, 0, 0, 0), 4789, v4(0, 0, 0, 0), 0, TcpState.CLOSED, 0, 0, 900),
                of("udp4", v4(0, 0, 0, 0), 4789, v4(0, 0, 0, 0), 0, TcpState.CLOSED, 0, 0, 900));
        Snapshot s = new OshiSocketSource(OshiPlatform.LINUX, b).read(TCP_UDP);
        assertEquals(2, s.rows().size());
    }

    @Test
    void failsWithOneLineWhenTheTablesCannotBeRead() {
        FakeBackend b = new FakeBackend();
        b.failConnections = new IllegalStateException("netstat not found");
        SourceException e =
                assertThrows(SourceException.class, () -> new OshiSocketSource(OshiPlatform.NETSTAT, b).read(TCP_UDP));
        assertEquals(
                "oshi backend: cannot read the connection tables: java.lang.IllegalStateException: netstat not found",
                e.getMessage());
    }

    @Test
    void isNamedOshi() {
        assertEquals("oshi", new OshiSocketSource().name());
    }
}
