package dev.sockscope.query;

import static dev.sockscope.testing.Rows.SERVICES;
import static dev.sockscope.testing.Rows.holder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.testing.Rows;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FilterTest {
    private final SocketRow sshListen =
            Rows.tcp4("0.0.0.0", 22, "0.0.0.0", 0, State.LISTEN, 11, holder(700, "sshd", "/usr/sbin/sshd -D"));
    private final SocketRow webClient = Rows.tcp4(
            "10.0.0.5",
            40000,
            "93.184.216.34",
            443,
            State.ESTABLISHED,
            12,
            holder(900, "curl", "curl https://example.org"));
    private final SocketRow preFork = Rows.tcp6(
            "::",
            8080,
            "::",
            0,
            State.LISTEN,
            13,
            holder(1200, "nginx", "nginx: master"),
            holder(1201, "nginx", "nginx: worker"));
    private final SocketRow timeWait = Rows.tcp4("127.0.0.1", 5601, "127.0.0.1", 50000, State.TIME_WAIT, 0);
    private final SocketRow dns =
            Rows.udp4("0.0.0.0", 53, "0.0.0.0", 0, State.UNCONN, 14, holder(300, "dnsmasq", "dnsmasq -k"));
    private final SocketRow unixListen =
            Rows.unix("/run/app.sock", State.LISTEN, 15, holder(400, "app", "app --serve"));
    private final List<SocketRow> all = List.of(sshListen, webClient, preFork, timeWait, dns, unixListen);

    private List<SocketRow> select(Filter f) {
        return all.stream().filter(f).collect(Collectors.toList());
    }

    @Test
    void emptyFilterKeepsEverything() {
        assertEquals(all, select(Filter.all()));
        assertEquals("", Filter.all().toString());
    }

    @Test
    void portMatchesEitherSide() throws QueryException {
        Filter f = new Filter.Builder()
                .anyPort(PortSet.parse("443,22", "--port", SERVICES))
                .build();
        assertEquals(List.of(sshListen, webClient), select(f));
    }

    @Test
    void localAndRemotePortMatchOneSideOnly() throws QueryException {
        assertEquals(
                List.of(),
                select(new Filter.Builder()
                        .localPort(PortSet.parse("443", "x", SERVICES))
                        .build()));
        assertEquals(
                List.of(webClient),
                select(new Filter.Builder()
                        .remotePort(PortSet.parse("https", "x", SERVICES))
                        .build()));
    }

    @Test
    void portRangesAndServiceNamesCombine() throws QueryException {
        Filter f = new Filter.Builder()
                .anyPort(PortSet.parse("5000-6000,http-alt", "--port", SERVICES))
                .build();
        assertEquals(List.of(preFork, timeWait), select(f));
    }

    @Test
    void optionsCombineWithAnd() throws QueryException {
        Filter f = new Filter.Builder()
                .states(Lists.states("listen", "--state"))
                .anyPort(PortSet.parse("8080,53", "--port", SERVICES))
                .build();
        assertEquals(List.of(preFork), select(f));
    }

    @Test
    void pidMatchesAnyHolderOfASharedSocket() throws QueryException {
        assertEquals(
                List.of(preFork),
                select(new Filter.Builder().pids(Lists.pids("1201", "--pid")).build()));
        assertEquals(
                List.of(sshListen, preFork),
                select(new Filter.Builder()
                        .pids(Lists.pids("700,1200", "--pid"))
                        .build()));
    }

    @Test
    void processMatchesNameOrCommandLineIgnoringCase() {
        assertEquals(
                List.of(preFork), select(new Filter.Builder().process("WORKER").build()));
        assertEquals(
                List.of(sshListen), select(new Filter.Builder().process("sshd").build()));
        assertEquals(
                List.of(webClient),
                select(new Filter.Builder().process("example.org").build()));
    }

    @Test
    void listeningKeepsListenersAndUnconnectedDatagramSockets() {
        assertEquals(
                List.of(sshListen, preFork, dns, unixListen),
                select(new Filter.Builder().listening(true).build()));
    }

    @Test
    void familyFilterLeavesUnixRowsToTheProtocolFilter() {
        Filter v6 = new Filter.Builder().families(EnumSet.of(Family.IPV6)).build();
        assertEquals(List.of(preFork, unixListen), select(v6));
        Filter tcp6 = new Filter.Builder()
                .families(EnumSet.of(Family.IPV6))
                .protos(EnumSet.of(Proto.TCP))
                .build();
        assertEquals(List.of(preFork), select(tcp6));
    }

    @Test
    void userMatchesNameOrUid() {
        assertEquals(List.of(preFork), select(new Filter.Builder().user("root").build()));
        assertEquals(List.of(preFork), select(new Filter.Builder().user("0").build()));
        // unix rows carry no uid: their holders' user decides
        assertTrue(select(new Filter.Builder().user("alice").build()).contains(unixListen));
    }

    @Test
    void statesParseInAnyCaseAndOtherToolsSpellings() throws QueryException {
        assertEquals(
                EnumSet.of(State.SYN_RECV, State.FIN_WAIT1, State.TIME_WAIT, State.LISTEN),
                Lists.states("syn-received,FIN_WAIT_1,time-wait,Listening", "--state"));
    }

    @Test
    void badValuesNameThemselves() {
        assertEquals(
                "--port: '70000' is not a port number (0-65535)",
                assertThrows(QueryException.class, () -> PortSet.parse("80,70000", "--port", SERVICES))
                        .getMessage());
        assertEquals(
                "--port: unknown service name 'nosuch'",
                assertThrows(QueryException.class, () -> PortSet.parse("nosuch", "--port", SERVICES))
                        .getMessage());
        assertEquals(
                "--port: range '9000-8000' ends before it starts",
                assertThrows(QueryException.class, () -> PortSet.parse("9000-8000", "--port", SERVICES))
                        .getMessage());
        assertEquals(
                "--port: '-1' is not a port number (0-65535)",
                assertThrows(QueryException.class, () -> PortSet.parse("-1", "--port", SERVICES))
                        .getMessage());
        assertEquals(
                "--port: empty item in port list",
                assertThrows(QueryException.class, () -> PortSet.parse("80,,443", "--port", SERVICES))
                        .getMessage());
        assertTrue(assertThrows(QueryException.class, () -> Lists.states("bogus", "--state"))
                .getMessage()
                .startsWith("--state: unknown state 'bogus'"));
        assertEquals(
                "--pid: 'x1' is not a process id",
                assertThrows(QueryException.class, () -> Lists.pids("x1", "--pid"))
                        .getMessage());
        assertEquals(
                "--pid: '0' is not a process id",
                assertThrows(QueryException.class, () -> Lists.pids("0", "--pid"))
                        .getMessage());
    }

    @Test
    void portSetBoundaries() throws QueryException {
        PortSet p = PortSet.parse("0,65535,100-102", "--port", SERVICES);
        assertTrue(p.contains(0));
        assertTrue(p.contains(65535));
        assertTrue(p.contains(101));
        assertFalse(p.contains(103));
        assertFalse(p.contains(-1));
    }

    @Test
    void liveWordsMeanTheSameAsOptions() throws QueryException {
        Filter f = FilterWords.parse("  port:8080,53   state:listen  nginx ", SERVICES);
        assertEquals(List.of(preFork), select(f));
        assertEquals(List.of(dns), select(FilterWords.parse("proto:udp listening", SERVICES)));
        assertEquals(List.of(preFork, unixListen), select(FilterWords.parse("family:6", SERVICES)));
        assertEquals(List.of(webClient), select(FilterWords.parse("rport:https pid:900 user:alice", SERVICES)));
        assertEquals("port:8080,53 state:LISTEN nginx", f.toString());
    }

    @Test
    void badLiveWordsAreOneLineErrors() {
        assertEquals(
                "unknown filter word 'colour:' (port, lport, rport, addr, laddr, raddr, iface, pid, state, user, process, proto, family)",
                assertThrows(QueryException.class, () -> FilterWords.parse("colour:red", SERVICES))
                        .getMessage());
        assertEquals(
                "'port:': no value after ':'",
                assertThrows(QueryException.class, () -> FilterWords.parse("port:", SERVICES))
                        .getMessage());
    }

    @Test
    void onlyAFilterWithNoConditionKeepsEverything() throws Exception {
        assertTrue(Filter.all().keepsEverything());
        List<Filter> some = List.of(
                new Filter.Builder().protos(EnumSet.of(Proto.TCP)).build(),
                new Filter.Builder().families(EnumSet.of(Family.IPV4)).build(),
                new Filter.Builder().listening(true).build(),
                new Filter.Builder()
                        .anyPort(PortSet.parse("22", "--port", SERVICES))
                        .build(),
                new Filter.Builder()
                        .localPort(PortSet.parse("22", "--local-port", SERVICES))
                        .build(),
                new Filter.Builder()
                        .remotePort(PortSet.parse("22", "--remote-port", SERVICES))
                        .build(),
                new Filter.Builder().pids(List.of(1)).build(),
                new Filter.Builder().process("nginx").build(),
                new Filter.Builder().states(EnumSet.of(State.LISTEN)).build(),
                new Filter.Builder().user("root").build(),
                new Filter.Builder()
                        .anyAddress(AddressSet.parse("127.0.0.1", "--address"))
                        .build(),
                new Filter.Builder()
                        .localAddress(AddressSet.parse("127.0.0.1", "--local"))
                        .build(),
                new Filter.Builder()
                        .remoteAddress(AddressSet.parse("127.0.0.1", "--remote"))
                        .build(),
                new Filter.Builder()
                        .iface(new Filter.Iface("lo", java.util.Set.of()))
                        .build(),
                new Filter.Builder().exposed(true).build(),
                new Filter.Builder().anyText("ssh", r -> null).build());
        for (Filter f : some) {
            assertFalse(f.keepsEverything(), f.toString());
        }
    }
}
