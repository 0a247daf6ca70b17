package dev.sockscope.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sockscope.model.Address;
import dev.sockscope.model.Details;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineRatesTest {
    private static final long SECOND = 1_000_000_000L;

    private static SocketRow tcp(long inode, long sent, long received) {
        Details d = new Details.Builder()
                .tcp(new Details.TcpInfo(0.05, 0, sent, received))
                .build();
        SocketEntry e = new SocketEntry(
                Proto.TCP,
                Family.IPV4,
                Address.parse("127.0.0.1"),
                40000,
                Address.parse("127.0.0.1"),
                8080,
                State.ESTABLISHED,
                inode,
                0,
                0,
                0,
                d);
        return new SocketRow(e, List.of(), "root");
    }

    private static SocketRow withoutInfo(long inode) {
        SocketEntry e = new SocketEntry(
                Proto.TCP,
                Family.IPV4,
                Address.parse("127.0.0.1"),
                40001,
                Address.parse("127.0.0.1"),
                8080,
                State.ESTABLISHED,
                inode,
                0,
                0,
                0);
        return new SocketRow(e, List.of(), "root");
    }

    @Test
    void theFirstReadingHasNoRatesTheSecondTheChangePerSecond() {
        Pipeline p = new Pipeline();
        List<SocketRow> first = p.withRates(List.of(tcp(11, 1000, 500), tcp(12, 0, 0)), 5 * SECOND);
        assertNull(first.get(0).rates());
        assertNull(first.get(1).rates());

        List<SocketRow> second = p.withRates(List.of(tcp(11, 3000, 1500), tcp(12, 0, 0)), 7 * SECOND);
        assertEquals(1000.0, second.get(0).rates().sendPerSecond(), 1e-9);
        assertEquals(500.0, second.get(0).rates().receivePerSecond(), 1e-9);
        assertEquals(0.0, second.get(1).rates().sendPerSecond(), 1e-9);
    }

    @Test
    void aNewSocketACounterThatWentDownAndARowWithoutTcpInfoHaveNone() {
        Pipeline p = new Pipeline();
        p.withRates(List.of(tcp(21, 5000, 5000), withoutInfo(22)), SECOND);
        SocketRow noInfo = withoutInfo(22);
        List<SocketRow> next = p.withRates(List.of(tcp(21, 100, 100), noInfo, tcp(23, 10, 10)), 2 * SECOND);
        assertNull(next.get(0).rates(), "inode reused by a new socket: its counters restarted");
        assertSame(noInfo, next.get(1));
        assertNull(next.get(2).rates(), "seen once");
    }

    @Test
    void onlyTheReadingJustBeforeCounts() {
        Pipeline p = new Pipeline();
        p.withRates(List.of(tcp(31, 0, 0)), SECOND);
        p.withRates(List.of(tcp(32, 0, 0)), 2 * SECOND);
        List<SocketRow> third = p.withRates(List.of(tcp(31, 4000, 0)), 3 * SECOND);
        assertNull(third.get(0).rates(), "31 was not in the reading before");
    }

    @Test
    void manyConnectionsEachGetTheirOwnRate() {
        Pipeline p = new Pipeline();
        List<SocketRow> a = new ArrayList<>();
        List<SocketRow> b = new ArrayList<>();
        for (int i = 1; i <= 50_000; i++) {
            a.add(tcp(i * 7L, i, 2L * i));
            b.add(tcp(i * 7L, 3L * i, 2L * i));
        }
        p.withRates(a, SECOND);
        List<SocketRow> out = p.withRates(b, 2 * SECOND);
        for (int i = 1; i <= 50_000; i++) {
            SocketRow.Rates r = out.get(i - 1).rates();
            assertEquals(2.0 * i, r.sendPerSecond(), 1e-9);
            assertEquals(0.0, r.receivePerSecond(), 1e-9);
        }
    }

    @Test
    void rowsOfWhichNoneHasARateAreTheListGivenAndARateMakesANewListInTheSameOrder() {
        Pipeline p = new Pipeline();
        List<SocketRow> none = List.of(withoutInfo(31), tcp(32, 10, 10), withoutInfo(33));
        assertSame(none, p.withRates(none, SECOND), "the first reading: no rate yet");
        List<SocketRow> again = List.of(withoutInfo(31), tcp(32, 30, 10), withoutInfo(33));
        List<SocketRow> rated = p.withRates(again, 2 * SECOND);
        assertNotSame(again, rated);
        assertSame(again.get(0), rated.get(0));
        assertEquals(20.0, rated.get(1).rates().sendPerSecond(), 1e-9);
        assertSame(again.get(2), rated.get(2));
        assertEquals(3, rated.size());
    }
}
