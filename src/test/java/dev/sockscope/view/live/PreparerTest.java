package dev.sockscope.view.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.query.SortKey;
import dev.sockscope.source.TableSelection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The diff between reads and the order kept across them, on the side-by-side path and the hashed one. */
class PreparerTest {
    private final LiveOptions options = Fixtures.builder(new Fixtures.Feed()).build();
    private final Settings settings = Settings.initial(options).withSort(SortKey.LOCAL, false);
    private final TableSelection tables = settings.tables();
    private final Preparer p = new Preparer(Fixtures.SERVICES, null, null, List.of());
    private long nanos = 1;

    /** New objects for the same sockets, as each read makes. */
    private static List<SocketRow> copies(List<SocketRow> rows) {
        List<SocketRow> out = new ArrayList<>();
        for (SocketRow r : rows) {
            out.add(new SocketRow(r.entry().withDetails(r.entry().details()), r.holders(), r.user()));
        }
        return out;
    }

    private Frame read(List<SocketRow> rows) {
        p.read(Fixtures.snapshot(rows), tables, Instant.EPOCH, nanos += 1_000_000_000L);
        return p.prepare(settings, null);
    }

    @Test
    void theSameSocketsAgainAreNeitherNewNorClosedAndKeepTheirOrder() {
        Frame first = read(Fixtures.baseRows());
        List<SocketRow> again = copies(Fixtures.baseRows());
        Frame second = read(again);
        assertTrue(second.fresh.isEmpty());
        assertTrue(second.gone.isEmpty());
        assertEquals(first.rows.size(), second.rows.size());
        for (int i = 0; i < first.rows.size(); i++) {
            assertEquals(first.rows.get(i).entry(), second.rows.get(i).entry(), "row " + i);
            SocketRow shown = second.rows.get(i);
            assertTrue(again.stream().anyMatch(r -> r == shown), "this read's row objects");
            assertNotSame(first.rows.get(i), second.rows.get(i));
        }
    }

    @Test
    void aSocketOpenedAndOneClosedAreMarkedThenTheQuietReadAfterMarksNothing() {
        read(Fixtures.baseRows());
        List<SocketRow> next = copies(Fixtures.baseRows());
        SocketRow closed = next.remove(3);
        SocketRow opened = Fixtures.tcp4("127.0.0.1", 8080, "127.0.0.1", 51300, State.ESTABLISHED, 30100);
        next.add(1, opened);
        Frame f = read(next);
        assertEquals(Frame.Mark.NEW, f.mark(opened));
        assertEquals(1, f.gone.size());
        SocketRow gone = f.gone.iterator().next();
        assertEquals(closed.entry(), gone.entry());
        assertTrue(f.rows.contains(gone), "a closed row is shown once more");

        List<SocketRow> quiet = copies(next);
        Frame g = read(quiet);
        assertTrue(g.fresh.isEmpty());
        assertTrue(g.gone.isEmpty());
        assertEquals(quiet.size(), g.rows.size(), "the closed row is gone after its one frame");

        // the same sockets in another order: the hashed path, still nothing new or closed
        List<SocketRow> shuffled = copies(quiet);
        java.util.Collections.reverse(shuffled);
        Frame h = read(shuffled);
        assertTrue(h.fresh.isEmpty());
        assertTrue(h.gone.isEmpty());
        for (int i = 0; i < g.rows.size(); i++) {
            assertEquals(g.rows.get(i).entry(), h.rows.get(i).entry(), "same order by local address, row " + i);
        }
    }

    @Test
    void theOrderKeptAcrossQuietReadsIsTheOrderASortGives() {
        read(Fixtures.baseRows());
        Frame sortedNow = read(copies(Fixtures.baseRows()));
        Preparer fresh = new Preparer(Fixtures.SERVICES, null, null, List.of());
        fresh.read(Fixtures.snapshot(copies(Fixtures.baseRows())), tables, Instant.EPOCH, 1);
        Frame sortedAnew = fresh.prepare(settings, null);
        for (int i = 0; i < sortedAnew.rows.size(); i++) {
            assertEquals(sortedAnew.rows.get(i).entry(), sortedNow.rows.get(i).entry(), "row " + i);
        }
        assertSame(settings, sortedNow.settings);
    }

    @Test
    void settingsShowEveryRowOnlyWithNoFilterNoListeningToggleAndEveryTableReadShown() {
        assertTrue(settings.showsEvery(tables));
        assertFalse(
                settings.withShown(settings.protos(), settings.families(), true).showsEvery(tables));
        assertFalse(settings.withFilter(r -> true, "x").showsEvery(tables));
        EnumSet<Proto> tcpOnly = EnumSet.of(Proto.TCP);
        assertFalse(settings.withShown(tcpOnly, settings.families(), false).showsEvery(tables), "udp read, not shown");
        assertTrue(settings.withShown(tcpOnly, settings.families(), false)
                .showsEvery(new TableSelection(tcpOnly, settings.families())));
        assertFalse(settings.withShown(settings.protos(), EnumSet.of(Family.IPV4), false)
                .showsEvery(tables));
        Settings based = Settings.initial(Fixtures.builder(new Fixtures.Feed())
                .baseFilter(r -> true, "port 22")
                .build());
        assertFalse(based.showsEvery(based.tables()));

        // and the frame of every row is the frame that asks each row
        Frame all = read(Fixtures.baseRows());
        Frame asked = p.prepare(settings.withFilter(r -> true, "all"), null);
        assertEquals(asked.rows, all.rows);
        assertEquals(asked.total, all.total);
        assertArrayEquals(asked.byProto, all.byProto);
        assertArrayEquals(asked.byState, all.byState);
    }

    @Test
    void aQuietReadOfTheSameListMarksNothingAndShowsTheLastFramesRowsUntilSomethingChanges() {
        List<SocketRow> base = List.copyOf(Fixtures.baseRows());
        read(base);
        List<SocketRow> next = new ArrayList<>(copies(base));
        SocketRow opened = Fixtures.tcp4("127.0.0.1", 8080, "127.0.0.1", 51301, State.ESTABLISHED, 30101);
        next.add(opened);
        List<SocketRow> withOpened = List.copyOf(next);
        Frame marked = read(withOpened);
        assertTrue(marked.fresh.contains(opened));

        // the source hands on the same list: nothing new any more, the same rows shown
        Frame quiet = read(withOpened);
        assertTrue(quiet.fresh.isEmpty());
        assertTrue(quiet.gone.isEmpty());
        assertSame(marked.rows, quiet.rows, "the last frame's list, not a new pass");
        assertEquals(marked.total, quiet.total);
        assertArrayEquals(marked.byState, quiet.byState);
        assertArrayEquals(marked.widths, quiet.widths);
        assertTrue(quiet.seq > marked.seq);
        Frame again = read(withOpened);
        assertSame(quiet.rows, again.rows);

        // other settings on the same rows: worked out again
        Frame listening = p.prepare(settings.withShown(settings.protos(), settings.families(), true), null);
        assertTrue(listening.rows.size() < again.rows.size());

        // a socket closes: marked, and the quiet read after it no longer shows it
        List<SocketRow> closedOne = List.copyOf(withOpened.subList(0, withOpened.size() - 1));
        Frame closing = read(closedOne);
        assertTrue(closing.gone.contains(opened));
        assertTrue(closing.rows.contains(opened), "shown once more, as closed");
        Frame after = read(closedOne);
        assertTrue(after.gone.isEmpty());
        assertFalse(after.rows.contains(opened));
        assertEquals(closedOne.size(), after.total);
    }
}
