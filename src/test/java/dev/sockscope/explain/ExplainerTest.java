package dev.sockscope.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.service.BundledServiceRegistry;
import dev.sockscope.testing.Endpoints;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * How the explanation weighs the tables against the bind attempts. The attempts here are
 * scripted (what a kernel would answer), so every disagreement can be posed; the real attempts
 * run in ExplainIT.
 */
class ExplainerTest {
    private static final KernelPorts KERNEL = new KernelPorts(1024, 32768, 60999, new BitSet(), false);

    /** Answers by address text and SO_REUSEADDR. */
    private static final class Scripted extends BindProbe {
        final BiFunction<String, Boolean, Outcome> answer;
        final List<String> asked = new ArrayList<>();

        Scripted(BiFunction<String, Boolean, Outcome> answer) {
            this.answer = answer;
        }

        @Override
        public Attempt attempt(Proto proto, InetAddress address, int port, boolean reuseAddress) {
            String a = address instanceof Inet6Address
                    ? (address.isAnyLocalAddress() ? "::" : "::1")
                    : address.getHostAddress();
            asked.add(a + ":" + port + (reuseAddress ? "+reuse" : ""));
            Outcome o = port == 8080 ? answer.apply(a, reuseAddress) : Outcome.BOUND;
            return new Attempt(o, o == Outcome.BOUND ? null : o.name());
        }
    }

    private static Explanation explain(List<SocketRow> rows, BindProbe probe, boolean root) {
        Explainer x = new Explainer(
                BundledServiceRegistry.withEphemeralRange(32768, 60999),
                KERNEL,
                null,
                probe,
                root,
                Instant.parse("2026-11-26T08:00:00Z"));
        return x.explain(new Snapshot(rows, 0, 0, null), 8080, List.of(Proto.TCP), List.of());
    }

    private static SocketRow row(Family f, String local, String remote, int rport, State s, Holder... holders) {
        SocketEntry e = new SocketEntry(
                Proto.TCP,
                f,
                Endpoints.address(local),
                8080,
                Endpoints.address(remote),
                rport,
                s,
                s == State.TIME_WAIT ? 0 : 77,
                0,
                0,
                0);
        return new SocketRow(e, List.of(holders), "root");
    }

    private static Explanation.BindReport bind(Explanation x, String address) {
        return x.binds().stream()
                .filter(b -> b.address().equals(Address.parse(address)))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aListenerOnTheWildcardHoldsEveryAddressAndNamesItsHolder() {
        Holder nginx = new Holder(812, "nginx", "nginx: master", 0, "root");
        Explanation x = explain(
                List.of(row(Family.IPV4, "0.0.0.0", "0.0.0.0", 0, State.LISTEN, nginx)),
                new Scripted((a, reuse) ->
                        a.contains(":") && !a.equals("::") ? BindProbe.Outcome.BOUND : BindProbe.Outcome.IN_USE),
                true);

        Explanation.BindReport any = bind(x, "0.0.0.0");
        assertFalse(any.boundReuse());
        assertEquals("held by pid 812 (nginx) on 0.0.0.0:8080 LISTEN", any.reason());
        assertEquals("tables and bind attempt", any.decidedBy());
        assertTrue(bind(x, "::1").bound(), "an IPv4 wildcard leaves ::1 free");
        assertFalse(x.bindable());
        assertEquals(
                "alternative HTTP: application servers (Tomcat, Jetty), Jenkins, proxies",
                x.about().application());
        assertEquals(8079, x.nearest().get(0).below());
        assertEquals(8081, x.nearest().get(0).above());
    }

    @Test
    void onlyTimeWaitLeftBindsWithReuseAndCountsAsBindable() {
        Scripted probe = new Scripted((a, reuse) -> reuse ? BindProbe.Outcome.BOUND : BindProbe.Outcome.IN_USE);
        Explanation x =
                explain(List.of(row(Family.IPV4, "127.0.0.1", "127.0.0.1", 50000, State.TIME_WAIT)), probe, true);

        Explanation.BindReport lo = bind(x, "127.0.0.1");
        assertEquals(BindTables.Verdict.TIME_WAIT_ONLY, lo.tables());
        assertFalse(lo.bound());
        assertTrue(lo.boundReuse());
        assertTrue(lo.reason().startsWith("only TIME_WAIT left (1): a server using SO_REUSEADDR"), lo.reason());
        assertEquals("tables and bind attempt", lo.decidedBy());
        assertTrue(probe.asked.contains("127.0.0.1:8080+reuse"));
        assertTrue(x.bindable());
        assertTrue(x.sockets().get(0).holders().isEmpty());
    }

    @Test
    void theAttemptOverrulesTablesThatSeeNothing() {
        Explanation x = explain(List.of(), new Scripted((a, reuse) -> BindProbe.Outcome.IN_USE), true);

        Explanation.BindReport any = bind(x, "0.0.0.0");
        assertEquals(BindTables.Verdict.FREE, any.tables());
        assertFalse(any.boundReuse());
        assertEquals("bind attempt", any.decidedBy());
        assertTrue(any.reason().startsWith("address in use (by a socket not in the tables read"), any.reason());
        assertFalse(x.bindable());
    }

    @Test
    void aDeniedAttemptIsThePrivilegeOfThePortNotAHolder() {
        Explainer x = new Explainer(
                BundledServiceRegistry.withEphemeralRange(32768, 60999),
                new KernelPorts(9000, 32768, 60999, new BitSet(), false),
                null,
                new Scripted((a, reuse) -> BindProbe.Outcome.DENIED),
                false,
                Instant.EPOCH);
        Explanation e = x.explain(new Snapshot(List.of(), 0, 0, null), 8080, List.of(Proto.TCP), List.of());

        assertTrue(e.about().privileged());
        Explanation.BindReport any = bind(e, "0.0.0.0");
        assertEquals(
                "permission denied: port 8080 is below net.ipv4.ip_unprivileged_port_start (9000);"
                        + " binding it needs root or CAP_NET_BIND_SERVICE",
                any.reason());
        assertEquals("bind attempt", any.decidedBy());
        assertFalse(e.bindable());
        assertTrue(e.nearest().get(0).above() >= 9000, "a non-root user is offered unprivileged ports only");
    }

    @Test
    void theIpv4WildcardAttemptTellsWhetherAnIpv6WildcardListenerTakesIpv4() {
        SocketRow v6 = row(Family.IPV6, "::", "::", 0, State.LISTEN);
        Explanation dual = explain(
                List.of(v6),
                new Scripted((a, reuse) -> a.equals("::1") ? BindProbe.Outcome.BOUND : BindProbe.Outcome.IN_USE),
                true);
        assertEquals(Boolean.TRUE, dual.sockets().get(0).dualStack());
        assertEquals("bind attempt", dual.sockets().get(0).dualStackSource());

        Explanation v6only = explain(
                List.of(v6),
                new Scripted((a, reuse) -> a.contains(":") ? BindProbe.Outcome.IN_USE : BindProbe.Outcome.BOUND),
                true);
        assertEquals(Boolean.FALSE, v6only.sockets().get(0).dualStack());
        assertEquals("bind attempt", bind(v6only, "0.0.0.0").decidedBy(), "the tables assumed the default, dual");

        SocketRow v4 = row(Family.IPV4, "127.0.0.1", "0.0.0.0", 0, State.LISTEN);
        Explanation both = explain(List.of(v6, v4), new Scripted((a, reuse) -> BindProbe.Outcome.IN_USE), true);
        SocketRow first = List.of(v6, v4).get(0);
        Explanation.SocketReport s = both.sockets().stream()
                .filter(r -> r.entry() == first.entry())
                .findFirst()
                .orElseThrow();
        assertEquals("default", s.dualStackSource(), "an IPv4 listener in the way: the attempt cannot tell");
        assertEquals(Boolean.TRUE, s.dualStack());
        assertNull(both.sockets().stream()
                .filter(r -> r.entry() == v4.entry())
                .findFirst()
                .orElseThrow()
                .dualStack());
    }

    @Test
    void listenersComeFirstThenConnectionsThenTimeWait() {
        Explanation x = explain(
                List.of(
                        row(Family.IPV4, "127.0.0.1", "127.0.0.1", 50001, State.TIME_WAIT),
                        row(Family.IPV4, "127.0.0.1", "127.0.0.1", 50002, State.ESTABLISHED),
                        row(Family.IPV4, "127.0.0.1", "0.0.0.0", 0, State.LISTEN)),
                new Scripted((a, reuse) -> BindProbe.Outcome.IN_USE),
                true);
        assertEquals(
                List.of(State.LISTEN, State.ESTABLISHED, State.TIME_WAIT),
                x.sockets().stream().map(s -> s.entry().state()).toList());
    }
}
