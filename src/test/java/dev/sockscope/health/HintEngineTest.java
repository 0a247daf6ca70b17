package dev.sockscope.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.testing.Endpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules on rows made here: each fires at its threshold, not below, and names its evidence. */
class HintEngineTest {
    static final Holder APP = new Holder(4242, "app", "/usr/bin/app --serve", 1000, "alice");
    static final Holder OTHER = new Holder(77, "other", "other", 1000, "alice");
    static final PortRange RANGE = new PortRange(32768, 60999);
    private static long nextInode = 1000;

    static SocketRow tcp(
            String local, int lport, String remote, int rport, State s, long recvQ, long sendQ, Holder... h) {
        boolean v6 = local.contains(":");
        long inode = s == State.TIME_WAIT || s == State.SYN_RECV ? 0 : nextInode++;
        return new SocketRow(
                new SocketEntry(
                        Proto.TCP,
                        v6 ? Family.IPV6 : Family.IPV4,
                        Endpoints.address(local),
                        lport,
                        Endpoints.address(remote),
                        rport,
                        s,
                        inode,
                        0,
                        recvQ,
                        sendQ),
                List.of(h),
                "root");
    }

    static Counters counters(long nanos, Object... kv) {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).longValue());
        }
        return new Counters(m, 0, List.of(), nanos);
    }

    static List<Hint> run(List<SocketRow> rows, List<QueueReading> history, Counters now, Counters before) {
        return new HintEngine(Thresholds.DEFAULT).evaluate(new HintEngine.Input(rows, history, now, before, RANGE));
    }

    static List<Hint> run(List<SocketRow> rows) {
        return run(rows, List.of(), Counters.NONE, null);
    }

    static List<SocketRow> closeWaits(int n, Holder... h) {
        List<SocketRow> rows = new ArrayList<>();
        rows.add(tcp("127.0.0.1", 8080, "0.0.0.0", 0, State.LISTEN, 0, 128, h));
        for (int i = 0; i < n; i++) {
            rows.add(tcp("127.0.0.1", 8080, "127.0.0.1", 40000 + i, State.CLOSE_WAIT, 0, 0, h));
        }
        return rows;
    }

    @Test
    void closeWaitPileNamesTheProcessAtTheThreshold() {
        List<Hint> hints = run(closeWaits(10, APP));
        assertEquals(1, hints.size(), hints.toString());
        Hint h = hints.get(0);
        assertEquals(Hint.Kind.CLOSE_WAIT, h.kind());
        assertEquals(List.of(APP), h.holders());
        assertEquals("127.0.0.1:8080", h.where());
        assertEquals(10L, h.figures().get("closeWait"));
        assertTrue(h.evidence().startsWith("10 TCP sockets in CLOSE_WAIT (threshold 10)"), h.evidence());
        assertEquals(List.of(), run(closeWaits(9, APP)), "one below the threshold");
    }

    @Test
    void closeWaitIsCountedPerProcess() {
        List<SocketRow> rows = new ArrayList<>(closeWaits(6, APP));
        rows.addAll(closeWaits(6, OTHER));
        assertEquals(List.of(), run(rows), "6 and 6 in two processes is not a pile in one");
    }

    @Test
    void closeWaitWithoutVisibleOwnerSaysSo() {
        List<Hint> hints = run(closeWaits(12));
        assertEquals(1, hints.size());
        assertEquals(List.of(), hints.get(0).holders());
        assertTrue(
                hints.get(0).evidence().contains("owner is not visible"),
                hints.get(0).evidence());
    }

    @Test
    void fullAcceptQueueWithKnownBacklogAndRisingOverflows() {
        SocketRow listener = tcp("0.0.0.0", 9000, "0.0.0.0", 0, State.LISTEN, 2, 1, APP);
        Counters before = counters(0, "TcpExtListenOverflows", 10);
        Counters now = counters(1_000_000_000L, "TcpExtListenOverflows", 14);
        List<Hint> hints = run(List.of(listener), List.of(), now, before);
        assertEquals(1, hints.size(), hints.toString());
        Hint h = hints.get(0);
        assertEquals(Hint.Kind.ACCEPT_QUEUE_FULL, h.kind());
        assertEquals("0.0.0.0:9000", h.where());
        assertEquals(List.of(APP), h.holders());
        assertEquals(Map.of("recvQ", 2L, "backlog", 1L, "listenOverflowsRise", 4L), h.figures());
        assertTrue(h.evidence().contains("rose by 4"), h.evidence());
    }

    @Test
    void noAcceptQueueHintWhenOverflowsDidNotRiseOrQueueIsBelowBacklog() {
        SocketRow full = tcp("0.0.0.0", 9000, "0.0.0.0", 0, State.LISTEN, 2, 1, APP);
        Counters before = counters(0, "TcpExtListenOverflows", 10);
        assertEquals(List.of(), run(List.of(full), List.of(), before.at(1), before), "counter flat");
        SocketRow notFull = tcp("0.0.0.0", 9001, "0.0.0.0", 0, State.LISTEN, 3, 128, APP);
        assertEquals(List.of(), run(List.of(notFull), List.of(), counters(1, "TcpExtListenOverflows", 99), before));
    }

    @Test
    void oneReadingUsesTheOverflowTotalAndSaysItsRiseIsUnmeasured() {
        SocketRow full = tcp("0.0.0.0", 9000, "0.0.0.0", 0, State.LISTEN, 5, 4, APP);
        List<Hint> hints = run(List.of(full), List.of(), counters(0, "TcpExtListenOverflows", 3), null);
        assertEquals(1, hints.size());
        assertTrue(hints.get(0).evidence().contains("one reading"), hints.get(0).evidence());
        assertEquals(
                List.of(),
                run(List.of(full), List.of(), counters(0, "TcpExtListenOverflows", 0), null),
                "never overflowed");
    }

    @Test
    void withoutBacklogTheQueueMustBeSeenTwiceAndTheCounterRise() {
        SocketRow listener = tcp("127.0.0.1", 9000, "0.0.0.0", 0, State.LISTEN, 2, 0, APP);
        Counters before = counters(0, "TcpExtListenOverflows", 10);
        Counters now = counters(1, "TcpExtListenOverflows", 12);
        QueueReading queued = QueueReading.of(List.of(listener));
        QueueReading empty = QueueReading.of(List.of());
        assertEquals(1, run(List.of(listener), List.of(queued), now, before).size());
        assertEquals(List.of(), run(List.of(listener), List.of(empty), now, before), "empty at the previous reading");
        assertEquals(List.of(), run(List.of(listener), List.of(queued), now, null), "one reading");
        assertEquals(List.of(), run(List.of(listener), List.of(queued), before.at(1), before), "counter flat");
    }

    @Test
    void synRecvPileIsPinnedOnItsListener() {
        List<SocketRow> rows = new ArrayList<>();
        rows.add(tcp("0.0.0.0", 443, "0.0.0.0", 0, State.LISTEN, 0, 4096, APP));
        for (int i = 0; i < 32; i++) {
            rows.add(tcp("10.0.0.5", 443, "192.0.2." + (i + 1), 50000 + i, State.SYN_RECV, 0, 0));
        }
        Counters before = counters(0, "TcpExtSyncookiesSent", 0);
        List<Hint> hints = run(rows, List.of(), counters(1, "TcpExtSyncookiesSent", 7), before);
        assertEquals(1, hints.size(), hints.toString());
        Hint h = hints.get(0);
        assertEquals(Hint.Kind.SYN_RECV, h.kind());
        assertEquals("10.0.0.5:443", h.where());
        assertEquals(List.of(APP), h.holders(), "the wildcard listener's process");
        assertEquals(32L, h.figures().get("synRecv"));
        assertEquals(4096L, h.figures().get("backlog"));
        assertEquals(7L, h.figures().get("syncookiesSentRise"));
        assertEquals(List.of(), run(rows.subList(0, 32)), "31 is below the threshold");
    }

    @Test
    void timeWaitTowardsOneDestinationNamesWhoTalksToItNow() {
        List<SocketRow> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(tcp("10.0.0.1", 33000 + i, "10.0.0.9", 5432, State.TIME_WAIT, 0, 0));
        }
        rows.add(tcp("10.0.0.1", 45000, "10.0.0.9", 5432, State.ESTABLISHED, 0, 0, APP));
        List<Hint> hints = run(rows);
        assertEquals(1, hints.size(), hints.toString());
        assertEquals(Hint.Kind.TIME_WAIT, hints.get(0).kind());
        assertEquals("10.0.0.9:5432", hints.get(0).where());
        assertEquals(List.of(APP), hints.get(0).holders());
        assertEquals(1000L, hints.get(0).figures().get("timeWait"));
        assertEquals(List.of(), run(rows.subList(1, 1000)));
    }

    @Test
    void ephemeralPortsTowardsOneDestinationAgainstTheRange() {
        PortRange small = new PortRange(40000, 40099);
        List<SocketRow> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(tcp("::1", 40000 + i, "::1", 6379, i % 2 == 0 ? State.ESTABLISHED : State.TIME_WAIT, 0, 0, APP));
        }
        List<Hint> hints = new HintEngine(Thresholds.DEFAULT)
                .evaluate(new HintEngine.Input(rows, List.of(), Counters.NONE, null, small));
        assertEquals(1, hints.size(), hints.toString());
        Hint h = hints.get(0);
        assertEquals(Hint.Kind.EPHEMERAL_PORTS, h.kind());
        assertEquals("[::1] -> [::1]:6379", h.where());
        assertEquals(50L, h.figures().get("percent"));
        assertEquals(25L, h.figures().get("timeWait"));
        assertEquals(List.of(APP), h.holders());
        assertEquals(
                List.of(),
                new HintEngine(Thresholds.DEFAULT)
                        .evaluate(new HintEngine.Input(rows.subList(1, 50), List.of(), Counters.NONE, null, small)),
                "49 of 100");
        assertEquals(
                List.of(),
                new HintEngine(Thresholds.DEFAULT)
                        .evaluate(new HintEngine.Input(rows, List.of(), Counters.NONE, null, null)),
                "no range known: no hint");
    }

    @Test
    void ephemeralPortsAreCountedPerLocalAddressAndDestination() {
        PortRange small = new PortRange(40000, 40099);
        List<SocketRow> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(tcp("127.0.0.1", 40000 + i, "127.0.0.1", 6379, State.ESTABLISHED, 0, 0, APP));
            rows.add(tcp("127.0.0.2", 40000 + i, "127.0.0.1", 6379, State.ESTABLISHED, 0, 0, APP));
            rows.add(tcp("127.0.0.1", 40030 + i, "127.0.0.1", 6380, State.ESTABLISHED, 0, 0, APP));
        }
        assertEquals(
                List.of(),
                new HintEngine(Thresholds.DEFAULT)
                        .evaluate(new HintEngine.Input(rows, List.of(), Counters.NONE, null, small)));
    }

    @Test
    void ephemeralPortsNameOnlyTheDestinationsOverTheThresholdAmongOthersOnOtherPorts() {
        PortRange small = new PortRange(40000, 40099);
        List<SocketRow> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(tcp("127.0.0.1", 40000 + i, "127.0.0.1", 6380, State.ESTABLISHED, 0, 0, APP));
            rows.add(tcp("127.0.0.1", 40000 + i, "127.0.0.3", 6379, State.ESTABLISHED, 0, 0, APP));
        }
        for (int i = 40; i < 95; i++) {
            rows.add(tcp("127.0.0.1", 40000 + i, "127.0.0.2", 6379, State.ESTABLISHED, 0, 0, APP));
        }
        List<Hint> hints = new HintEngine(Thresholds.DEFAULT)
                .evaluate(new HintEngine.Input(rows, List.of(), Counters.NONE, null, small));
        assertEquals(1, hints.size(), hints.toString());
        assertEquals("127.0.0.1 -> 127.0.0.2:6379", hints.get(0).where());
        assertEquals(55L, hints.get(0).figures().get("sockets"));
    }

    @Test
    void aQueueGrowingAtThreeReadingsIsNamedWithItsSteps() {
        SocketRow r1 = tcp("127.0.0.1", 5000, "127.0.0.1", 41000, State.ESTABLISHED, 8192, 0, APP);
        long inode = r1.entry().inode();
        SocketRow r2 = withQueues(r1, 16384, 0);
        SocketRow r3 = withQueues(r1, 24576, 0);
        List<QueueReading> history = List.of(QueueReading.of(List.of(r1)), QueueReading.of(List.of(r2)));
        List<Hint> hints = run(List.of(r3), history, Counters.NONE, null);
        assertEquals(1, hints.size(), hints.toString());
        Hint h = hints.get(0);
        assertEquals(Hint.Kind.QUEUE_GROWING, h.kind());
        assertEquals("127.0.0.1:5000 -> 127.0.0.1:41000", h.where());
        assertTrue(h.evidence().startsWith("Recv-Q 8192 -> 16384 -> 24576 bytes over 3 readings"), h.evidence());
        assertEquals(List.of(APP), h.holders());
        assertTrue(inode > 0);
        // two readings are not enough; a dip, a flat step or a small queue is not growth
        assertEquals(List.of(), run(List.of(r3), history.subList(1, 2), Counters.NONE, null));
        assertEquals(
                List.of(),
                run(
                        List.of(r3),
                        List.of(QueueReading.of(List.of(r2)), QueueReading.of(List.of(r1))),
                        Counters.NONE,
                        null));
        assertEquals(
                List.of(),
                run(
                        List.of(r2),
                        List.of(QueueReading.of(List.of(r1)), QueueReading.of(List.of(r2))),
                        Counters.NONE,
                        null));
        SocketRow s1 = withQueues(r1, 100, 0);
        SocketRow s2 = withQueues(r1, 200, 0);
        SocketRow s3 = withQueues(r1, 300, 0);
        assertEquals(
                List.of(),
                run(
                        List.of(s3),
                        List.of(QueueReading.of(List.of(s1)), QueueReading.of(List.of(s2))),
                        Counters.NONE,
                        null),
                "under 4096 bytes");
    }

    @Test
    void aGrowingSendQueueBlamesThePeer() {
        SocketRow r1 = tcp("127.0.0.1", 41000, "127.0.0.1", 5000, State.ESTABLISHED, 0, 10000, APP);
        List<QueueReading> history =
                List.of(QueueReading.of(List.of(r1)), QueueReading.of(List.of(withQueues(r1, 0, 20000))));
        List<Hint> hints = run(List.of(withQueues(r1, 0, 30000)), history, Counters.NONE, null);
        assertEquals(1, hints.size(), hints.toString());
        assertTrue(
                hints.get(0).evidence().startsWith("Send-Q 10000 -> 20000 -> 30000"),
                hints.get(0).evidence());
        assertTrue(hints.get(0).evidence().contains("the peer is not reading"));
    }

    @Test
    void aHealthyHostGivesNoHint() {
        List<SocketRow> rows = new ArrayList<>();
        rows.add(tcp("0.0.0.0", 80, "0.0.0.0", 0, State.LISTEN, 0, 511, APP));
        for (int i = 0; i < 200; i++) {
            rows.add(tcp("10.0.0.1", 80, "192.0.2.1", 50000 + i, State.ESTABLISHED, 0, 0, APP));
            rows.add(tcp("10.0.0.1", 80, "192.0.2.2", 50000 + i, State.TIME_WAIT, 0, 0));
        }
        for (int i = 0; i < 9; i++) {
            rows.add(tcp("10.0.0.1", 80, "192.0.2.3", 50000 + i, State.CLOSE_WAIT, 0, 0, APP));
        }
        for (int i = 0; i < 31; i++) {
            rows.add(tcp("10.0.0.1", 80, "192.0.2.4", 50000 + i, State.SYN_RECV, 0, 0));
        }
        Counters before = counters(0, "TcpExtListenOverflows", 5, "TcpExtSyncookiesSent", 0);
        List<QueueReading> history = List.of(QueueReading.of(rows), QueueReading.of(rows));
        assertEquals(List.of(), run(rows, history, before.at(1_000_000_000L), before));
    }

    static SocketRow withQueues(SocketRow r, long recvQ, long sendQ) {
        SocketEntry e = r.entry();
        return new SocketRow(
                new SocketEntry(
                        e.proto(),
                        e.family(),
                        e.localAddress(),
                        e.localPort(),
                        e.remoteAddress(),
                        e.remotePort(),
                        e.state(),
                        e.inode(),
                        e.uid(),
                        recvQ,
                        sendQ),
                r.holders(),
                r.user());
    }
}
