package dev.sockscope.view.live;

import static dev.sockscope.view.live.Fixtures.CURL;
import static dev.sockscope.view.live.Fixtures.JAVA;
import static dev.sockscope.view.live.Fixtures.tcp4;
import static dev.sockscope.view.live.LiveStateTest.T0;
import static dev.sockscope.view.live.LiveStateTest.TCP_UDP;
import static dev.sockscope.view.live.LiveStateTest.locals;
import static dev.sockscope.view.live.LiveStateTest.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The state with a worker the test drives by hand: jobs pile up in a list and the test decides
 * when each one finishes and in which order, as the live view's two worker threads may.
 */
class LiveStateAsyncTest {
    final List<Prepared.Job> jobs = new ArrayList<>();
    final LiveState s =
            new LiveState(Fixtures.options(new LiveStateTest.FakeSource(), true), "h", ZoneOffset.UTC, jobs::add);

    static final SocketRow A = LiveStateTest.A;
    static final SocketRow B = LiveStateTest.B;
    static final SocketRow C = LiveStateTest.C;
    static final SocketRow D = tcp4("10.0.0.1", 22, "10.0.0.9", 50000, State.ESTABLISHED, 4, JAVA);

    /** Removes and returns the oldest job still waiting. */
    Prepared.Job next() {
        return jobs.remove(0);
    }

    void finish(Prepared.Job j) {
        s.install(Prepared.prepare(j, () -> false));
    }

    void finishAll() {
        while (!jobs.isEmpty()) {
            finish(next());
        }
    }

    void read(List<SocketRow> rows) {
        s.accept(Fixtures.snapshot(rows), TCP_UDP, T0);
    }

    @Test
    void aReadShowsOnlyWhenItsJobIsDone() {
        read(List.of(A, B));
        assertEquals(List.of(), s.view(), "accepting does no work itself");
        assertTrue(s.hasData());
        assertFalse(jobs.get(0).light(), "a read is marked and sorted: heavy");
        finishAll();
        assertEquals(List.of("127.0.0.1:8080", "127.0.0.1:8081"), locals(s));
    }

    @Test
    void aSortKeyAnswersAtOnceAndTheOldOrderStaysUntilTheNewOneIsReady() {
        read(List.of(C, A, B));
        finishAll();
        s.apply(Action.SORT_NEXT, "s");
        s.apply(Action.SORT_NEXT, "s");
        assertEquals(SortColumn.STATE, s.sort());
        assertTrue(s.sorting());
        assertEquals(List.of("127.0.0.1:8080", "127.0.0.1:8081", "127.0.0.1:8082"), locals(s), "old order meanwhile");
        // keys still move the selection in what is shown
        s.apply(Action.DOWN, null);
        assertEquals(1, s.selectedIndex());
        assertEquals(2, jobs.size());
        assertFalse(jobs.get(1).light(), "a new order is heavy");
        finish(jobs.remove(1));
        jobs.clear();
        assertFalse(s.sorting());
        assertEquals(
                List.of("ESTABLISHED", "LISTEN", "SYN_RECV"),
                s.view().stream().map(LiveState.Line::state).toList());
        assertEquals("127.0.0.1:8081", s.view().get(s.selectedIndex()).local(), "the selection followed its socket");
    }

    @Test
    void filterKeysAreLightJobsOverTheSortedRows() {
        read(Fixtures.baseRows());
        finishAll();
        s.apply(Action.FILTER, "/");
        type(s, "port:8080");
        assertEquals("/port:8080".substring(1), s.promptText());
        assertEquals(15, s.shownTotal(), "the table waits for the filter pass");
        assertTrue(jobs.stream().allMatch(Prepared.Job::light));
        // the worker keeps only the newest job: the last one says it all
        finish(jobs.get(jobs.size() - 1));
        jobs.clear();
        assertEquals(3, s.shownTotal());
    }

    @Test
    void aRefreshPreparedBeforeAFilterKeyDoesNotUndoTheFilter() {
        read(List.of(A, B));
        finishAll();
        read(List.of(A, B, C));
        Prepared.Job refresh = next();
        s.apply(Action.FILTER, "/");
        type(s, "curl");
        Prepared.Job filter = jobs.remove(jobs.size() - 1);
        jobs.clear();
        finish(filter);
        assertEquals(List.of(), locals(s), "no curl socket in the rows shown");
        finish(refresh);
        assertEquals(List.of(), locals(s), "the refresh was filtered before the key: not shown as it is");
        assertEquals(1, jobs.size());
        assertTrue(jobs.get(0).light(), "the filter is applied to the newer rows");
        finishAll();
        assertEquals(List.of("127.0.0.1:8082 NEW"), locals(s));
    }

    @Test
    void aFilterPreparedOnOlderRowsIsAppliedAgainToTheNewerOnes() {
        read(List.of(A, B));
        finishAll();
        read(List.of(A, B, C));
        Prepared.Job refresh = next();
        s.apply(Action.FILTER, "/");
        type(s, "curl");
        Prepared.Job filter = jobs.remove(jobs.size() - 1);
        jobs.clear();
        finish(refresh);
        assertEquals(3, s.view().size(), "the newer rows, as filtered when they were read");
        finish(filter);
        assertEquals(3, s.view().size(), "a filter of the older rows is not shown over newer ones");
        finishAll();
        assertEquals(List.of("127.0.0.1:8082 NEW"), locals(s));
    }

    @Test
    void aReadPreparedAfterPauseWaitsForTheResume() {
        read(List.of(A));
        finishAll();
        read(List.of(A, B));
        Prepared.Job refresh = next();
        s.apply(Action.PAUSE, " ");
        finish(refresh);
        assertEquals(List.of("127.0.0.1:8080"), locals(s), "paused before it was shown");
        read(List.of(A, B, C));
        assertTrue(jobs.isEmpty(), "nothing is prepared while paused");
        s.apply(Action.PAUSE, " ");
        finishAll();
        assertEquals(List.of("127.0.0.1:8080", "127.0.0.1:8081 NEW", "127.0.0.1:8082 NEW"), locals(s));
    }

    @Test
    void sortingWhilePausedReordersTheFrozenRows() {
        read(List.of(C, A, B));
        finishAll();
        s.apply(Action.PAUSE, " ");
        read(List.of(A, B, C, D));
        s.apply(Action.SORT_REVERSE, "S");
        finishAll();
        assertEquals(List.of("127.0.0.1:8082", "127.0.0.1:8081", "127.0.0.1:8080"), locals(s));
        assertEquals(1, s.waitingReads(), "the read held back");
    }

    @Test
    void aFullSortIsSkippedWhenAJobWantingAnotherOrderWaits() {
        read(List.of(A, B));
        finishAll();
        s.apply(Action.SORT_NEXT, "s");
        Prepared.Job sort = next();
        assertNull(Prepared.prepare(sort, () -> true));
        Prepared done = Prepared.prepare(sort, () -> false);
        assertEquals(SortColumn.REMOTE, done.spec().sort());
    }

    @Test
    void aNewReadInTheSameOrderIsNeverGivenUp() {
        read(List.of(A, B));
        finishAll();
        read(List.of(A, B, C));
        // even with a job waiting: giving up whenever a newer read arrives would starve a slow host
        Prepared p = Prepared.prepare(next(), () -> true);
        assertEquals(3, p.view().size());
    }

    @Test
    void detailsFollowTheSocketThroughTheWorker() {
        read(List.of(A, B));
        finishAll();
        s.apply(Action.DOWN, null);
        s.apply(Action.ENTER, "\r");
        read(List.of(A, LiveStateTest.B_EST));
        finishAll();
        assertEquals(State.ESTABLISHED, s.detailsRow().entry().state());
        read(List.of(A));
        finishAll();
        assertTrue(s.detailsClosed());
    }

    @Test
    void reversingReusesTheOrderShown() {
        List<SocketRow> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(tcp4("10.0.0." + (i % 7), 1000 + i, "10.0.1.1", 443, State.ESTABLISHED, 100 + i, CURL));
        }
        read(rows);
        finishAll();
        List<String> up = locals(s);
        s.apply(Action.SORT_REVERSE, "S");
        finishAll();
        List<String> down = locals(s);
        // the tie-break stays ascending, so the reverse is not simply the list backwards
        LiveState sync = new LiveState(Fixtures.options(new LiveStateTest.FakeSource(), true), "h", ZoneOffset.UTC);
        sync.accept(Fixtures.snapshot(rows), TCP_UDP, T0);
        sync.apply(Action.SORT_REVERSE, "S");
        assertEquals(locals(sync), down);
        assertEquals(up.get(0), down.get(down.size() - 1));
    }

    @Test
    void theSameFilterWordsAgainAreNoNewJob() {
        read(Fixtures.baseRows());
        finishAll();
        s.apply(Action.FILTER, "/");
        type(s, "curl");
        finishAll();
        Prepared before = s.shown();
        type(s, " ");
        assertTrue(jobs.isEmpty());
        assertSame(before, s.shown());
    }
}
