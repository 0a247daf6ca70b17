package dev.sockscope.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockscope.model.Address;
import dev.sockscope.model.Details;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;
import dev.sockscope.testing.Endpoints;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tables' side of the bind check, by Linux's overlap rules. */
class BindTablesTest {
    private static SocketEntry tcp(Family f, String local, int port, String remote, int rport, State s) {
        return new SocketEntry(
                Proto.TCP,
                f,
                Endpoints.address(local),
                port,
                Endpoints.address(remote),
                rport,
                s,
                s == State.TIME_WAIT ? 0 : 5,
                0,
                0,
                0);
    }

    private static SocketEntry listen(Family f, String local, int port) {
        return tcp(f, local, port, f == Family.IPV4 ? "0.0.0.0" : "::", 0, State.LISTEN);
    }

    private static BindTables.Verdict v4(List<SocketEntry> es, String address, int port) {
        return BindTables.check(es, Proto.TCP, Family.IPV4, Address.parse(address), port, false, false)
                .verdict();
    }

    private static BindTables.Verdict v6(List<SocketEntry> es, String address, int port) {
        return BindTables.check(es, Proto.TCP, Family.IPV6, Address.parse(address), port, false, false)
                .verdict();
    }

    @Test
    void aLoopbackListenerHoldsLoopbackAndTheWildcardsNotTheOtherFamilysLoopback() {
        List<SocketEntry> es = List.of(listen(Family.IPV4, "127.0.0.1", 8080));
        assertEquals(BindTables.Verdict.HELD, v4(es, "127.0.0.1", 8080));
        assertEquals(BindTables.Verdict.HELD, v4(es, "0.0.0.0", 8080));
        assertEquals(BindTables.Verdict.HELD, v6(es, "::", 8080), "a dual-stack [::] meets IPv4");
        assertEquals(BindTables.Verdict.FREE, v6(es, "::1", 8080));
        assertEquals(BindTables.Verdict.FREE, v4(es, "127.0.0.2", 8080));
        assertEquals(BindTables.Verdict.FREE, v4(es, "127.0.0.1", 8081));
        assertEquals(
                BindTables.Verdict.FREE,
                BindTables.check(es, Proto.TCP, Family.IPV6, Address.parse("::"), 8080, true, false)
                        .verdict(),
                "an IPv6-only [::] does not");
        assertEquals(
                BindTables.Verdict.FREE,
                BindTables.check(es, Proto.UDP, Family.IPV4, Address.parse("127.0.0.1"), 8080, false, false)
                        .verdict(),
                "UDP is another port space");
    }

    @Test
    void anIpv6WildcardListenerMeetsIpv4WhenItIsDualStack() {
        List<SocketEntry> unknown = List.of(listen(Family.IPV6, "::", 22));
        assertEquals(BindTables.Verdict.HELD, v4(unknown, "0.0.0.0", 22), "the default bindv6only=0");
        assertEquals(
                BindTables.Verdict.FREE,
                BindTables.check(unknown, Proto.TCP, Family.IPV4, Address.parse("0.0.0.0"), 22, false, true)
                        .verdict(),
                "bindv6only=1");
        List<SocketEntry> v6only = List.of(listen(Family.IPV6, "::", 22)
                .withDetails(new Details.Builder().dualStack(false).build()));
        assertEquals(BindTables.Verdict.FREE, v4(v6only, "127.0.0.1", 22), "the socket's own flag wins");
        assertEquals(BindTables.Verdict.HELD, v6(v6only, "::1", 22));
    }

    @Test
    void aMappedAddressMeetsItsIpv4Address() {
        List<SocketEntry> es =
                List.of(tcp(Family.IPV6, "::ffff:127.0.0.1", 9000, "::ffff:127.0.0.1", 40000, State.ESTABLISHED));
        assertEquals(BindTables.Verdict.CONNECTIONS, v4(es, "127.0.0.1", 9000));
        assertEquals(BindTables.Verdict.FREE, v4(es, "10.0.0.1", 9000));
    }

    @Test
    void timeWaitAloneIsItsOwnVerdictAndConnectionsOutrankIt() {
        SocketEntry tw = tcp(Family.IPV4, "127.0.0.1", 8080, "127.0.0.1", 50000, State.TIME_WAIT);
        SocketEntry est = tcp(Family.IPV4, "127.0.0.1", 8080, "127.0.0.1", 50001, State.ESTABLISHED);
        assertEquals(BindTables.Verdict.TIME_WAIT_ONLY, v4(List.of(tw), "0.0.0.0", 8080));
        BindTables.Result r = BindTables.check(
                List.of(tw, est), Proto.TCP, Family.IPV4, Address.parse("0.0.0.0"), 8080, false, false);
        assertEquals(BindTables.Verdict.CONNECTIONS, r.verdict());
        assertEquals(List.of(est, tw), r.blocking());
        assertEquals(
                BindTables.Verdict.HELD, v4(List.of(tw, est, listen(Family.IPV4, "0.0.0.0", 8080)), "127.0.0.1", 8080));
    }

    @Test
    void aPendingRequestIsNotASocketOfItsOwn() {
        SocketEntry syn = tcp(Family.IPV4, "127.0.0.1", 8080, "127.0.0.1", 50000, State.NEW_SYN_RECV);
        assertEquals(BindTables.Verdict.FREE, v4(List.of(syn), "127.0.0.1", 8080));
    }

    @Test
    void everyBoundUdpSocketHolds() {
        SocketEntry udp = new SocketEntry(
                Proto.UDP,
                Family.IPV4,
                Address.parse("127.0.0.1"),
                5353,
                Address.parse("0.0.0.0"),
                0,
                State.UNCONN,
                9,
                0,
                0,
                0);
        assertEquals(
                BindTables.Verdict.HELD,
                BindTables.check(List.of(udp), Proto.UDP, Family.IPV4, Address.parse("0.0.0.0"), 5353, false, false)
                        .verdict());
    }
}
