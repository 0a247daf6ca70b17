package dev.sockscope.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sockscope.model.Address;
import dev.sockscope.model.Details;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.testing.Rows;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rates per connection from the change in {@code tcp_info}'s byte counters between two reads. */
class RatesTest {
    private static final Address LOOPBACK = Address.parse("127.0.0.1");

    private static final long S = 1_000_000_000L;

    private static SocketRow conn(long inode, long sent, long received) {
        Details d = new Details.Builder()
                .tcp(new Details.TcpInfo(0.05, 0, sent, received))
                .build();
        SocketEntry e = new SocketEntry(
                Proto.TCP, Family.IPV4, LOOPBACK, 40000, LOOPBACK, 8080, State.ESTABLISHED, inode, 0, 0, 0, d);
        return new SocketRow(e, List.of(new Holder(7, "curl", "curl", 0, "root")), "root");
    }

    private static SocketRow conn(long inode, long sent, long received, long readNanos) {
        SocketRow r = conn(inode, sent, received);
        Details d = new Details.Builder()
                .tcp(new Details.TcpInfo(0.05, 0, sent, received, readNanos))
                .build();
        return new SocketRow(r.entry().withDetails(d), r.holders(), r.user());
    }

    private static Snapshot timed(long nanos, SocketRow... rows) {
        return new Snapshot(List.of(rows), 0, 0, null, List.of(), nanos);
    }

    @Test
    void aRateIsTheChangeOfTheCountersOverTheTimeBetweenReads() {
        Pipeline p = new Pipeline();
        List<SocketRow> first = p.withRates(List.of(conn(1, 1_000, 500)), 10 * S);
        assertNull(first.get(0).rates(), "a socket seen once has no rate");
        List<SocketRow> second = p.withRates(List.of(conn(1, 2_001_000, 1_500)), 12 * S);
        assertEquals(1_000_000.0, second.get(0).rates().sendPerSecond(), 1e-6);
        assertEquals(500.0, second.get(0).rates().receivePerSecond(), 1e-6);
    }

    @Test
    void theTimeIsWhenTheSourceReadTheCountersNotWhenTheReadReturned() {
        Pipeline p = new Pipeline();
        // the first read returned 1.5 s after its TCP dump (cold start, slow owner lookup), the
        // second 0.1 s after: 2 MB in the 2 s between the dumps is 1 MB/s, not 2 MB / 0.6 s
        p.withRates(timed(10 * S, conn(1, 0, 0)), 10 * S + 1_500_000_000L);
        List<SocketRow> r = p.withRates(timed(12 * S, conn(1, 2_000_000, 0)), 12 * S + 100_000_000L);
        assertEquals(1_000_000.0, r.get(0).rates().sendPerSecond(), 1e-6);
    }

    @Test
    void eachSocketIsTimedByWhenTheKernelHandedOverItsCountersWhereTheSourceSays() {
        Pipeline p = new Pipeline();
        // one dump of many sockets: socket 1 read at its start, socket 2 0.2 s later, each time
        p.withRates(timed(10 * S, conn(1, 0, 0, 10 * S), conn(2, 0, 0, 10 * S + 200_000_000L)), 0);
        List<SocketRow> r = p.withRates(
                timed(11 * S, conn(1, 1_000_000, 0, 11 * S + 200_000_000L), conn(2, 1_000_000, 0, 11 * S)), 0);
        assertEquals(1_000_000 / 1.2, r.get(0).rates().sendPerSecond(), 1e-6);
        assertEquals(1_000_000 / 0.8, r.get(1).rates().sendPerSecond(), 1e-6);
    }

    @Test
    void aTimeIsNotPartOfTheValues() {
        assertEquals(new Details.TcpInfo(1.5, 2, 3, 4), new Details.TcpInfo(1.5, 2, 3, 4, 77));
    }

    @Test
    void anUntimedSnapshotIsTimedByTheCallersClock() {
        Pipeline p = new Pipeline();
        p.withRates(new Snapshot(List.of(conn(1, 0, 0)), 0, 0, null), 10 * S);
        List<SocketRow> r = p.withRates(new Snapshot(List.of(conn(1, 0, 4_000)), 0, 0, null), 14 * S);
        assertEquals(1_000.0, r.get(0).rates().receivePerSecond(), 1e-6);
    }

    @Test
    void aCounterThatWentDownIsANewSocketWithoutARate() {
        Pipeline p = new Pipeline();
        p.withRates(timed(10 * S, conn(1, 5_000, 5_000)), 0);
        List<SocketRow> r = p.withRates(timed(11 * S, conn(1, 1, 0)), 0);
        assertNull(r.get(0).rates());
        r = p.withRates(timed(12 * S, conn(1, 1_001, 0)), 0);
        assertEquals(1_000.0, r.get(0).rates().sendPerSecond(), 1e-6, "measured again from the new start");
    }

    @Test
    void readsWithoutTcpInfoBetweenLeaveNoCountersBehind() {
        Pipeline p = new Pipeline();
        SocketRow plain = Rows.tcp4("127.0.0.1", 40000, "127.0.0.1", 8080, State.ESTABLISHED, 1);
        p.withRates(List.of(conn(1, 0, 0)), 10 * S);
        assertEquals(
                500.0,
                p.withRates(List.of(conn(1, 1_000, 0)), 12 * S).get(0).rates().sendPerSecond(),
                1e-6);
        // two reads without tcp_info (the columns that need it were hidden): both tables emptied
        List<SocketRow> quiet = List.of(plain);
        assertSame(quiet, p.withRates(quiet, 13 * S));
        assertSame(quiet, p.withRates(quiet, 14 * S));
        // the next read with it has nothing to compare with: no rate from the counters of 10 or 12 s
        assertNull(p.withRates(List.of(conn(1, 9_000, 0)), 20 * S).get(0).rates());
        assertEquals(
                1_000.0,
                p.withRates(List.of(conn(1, 10_000, 0)), 21 * S).get(0).rates().sendPerSecond(),
                1e-6);
    }
}
