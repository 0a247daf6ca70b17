package dev.sockscope.view.live;

import static dev.sockscope.view.live.Fixtures.CURL;
import static dev.sockscope.view.live.Fixtures.JAVA;
import static dev.sockscope.view.live.Fixtures.tcp4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.source.TableSelection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveStateTest {
    static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");
    static final TableSelection TCP_UDP =
            new TableSelection(EnumSet.of(Proto.TCP, Proto.UDP), EnumSet.of(Family.IPV4, Family.IPV6));

    static LiveState state() {
        return new LiveState(Fixtures.options(new FakeSource(), true), "testhost", ZoneOffset.UTC);
    }

    static void accept(LiveState s, List<SocketRow> rows) {
        s.accept(Fixtures.snapshot(rows), TCP_UDP, T0);
    }

    static List<String> locals(LiveState s) {
        List<String> out = new ArrayList<>();
        for (LiveState.Line l : s.view()) {
            out.add(l.local() + (l.mark() == LiveState.Mark.NONE ? "" : " " + l.mark()));
        }
        return out;
    }

    static final SocketRow A = tcp4("127.0.0.1", 8080, "0.0.0.0", 0, State.LISTEN, 1, JAVA);
    static final SocketRow B = tcp4("127.0.0.1", 8081, "127.0.0.1", 40000, State.SYN_RECV, 2, JAVA);
    static final SocketRow B_EST = tcp4("127.0.0.1", 8081, "127.0.0.1", 40000, State.ESTABLISHED, 2, JAVA);
    static final SocketRow C = tcp4("127.0.0.1", 8082, "127.0.0.1", 40001, State.ESTABLISHED, 3, CURL);

    @Test
    void firstSnapshotMarksNothing() {
        LiveState s = state();
        accept(s, List.of(A, B));
        assertEquals(List.of("127.0.0.1:8080", "127.0.0.1:8081"), locals(s));
    }

    @Test
    void marksNewRowsAndKeepsClosedOnesForOneRefresh() {
        LiveState s = state();
        accept(s, List.of(A, B));
        accept(s, List.of(A, C));
        assertEquals(List.of("127.0.0.1:8080", "127.0.0.1:8081 GONE", "127.0.0.1:8082 NEW"), locals(s));
        assertEquals(2, s.shownTotal(), "closed rows are not counted");
        accept(s, List.of(A, C));
        assertEquals(List.of("127.0.0.1:8080", "127.0.0.1:8082"), locals(s));
    }

    @Test
    void aStateChangeIsTheSameSocketNotANewOne() {
        LiveState s = state();
        accept(s, List.of(A, B));
        accept(s, List.of(A, B_EST));
        assertEquals(List.of("127.0.0.1:8080", "127.0.0.1:8081"), locals(s));
        assertEquals("ESTABLISHED", s.view().get(1).state());
    }

    @Test
    void aReopenedListenerWithANewInodeIsNew() {
        LiveState s = state();
        accept(s, List.of(A));
        SocketRow reopened = tcp4("127.0.0.1", 8080, "0.0.0.0", 0, State.LISTEN, 99, JAVA);
        accept(s, List.of(reopened));
        assertEquals(List.of("127.0.0.1:8080 GONE", "127.0.0.1:8080 NEW"), locals(s));
    }

    @Test
    void rowsOfATableReadForTheFirstTimeAreNotNew() {
        LiveState s = state();
        TableSelection tcpOnly = new TableSelection(EnumSet.of(Proto.TCP), EnumSet.of(Family.IPV4));
        SocketRow udp = Fixtures.row(Proto.UDP, Family.IPV4, "0.0.0.0", 68, "0.0.0.0", 0, State.UNCONN, 7);
        s.accept(Fixtures.snapshot(List.of(A)), tcpOnly, T0);
        s.accept(Fixtures.snapshot(List.of(A, udp)), TCP_UDP, T0);
        assertEquals(List.of("0.0.0.0:68", "127.0.0.1:8080"), locals(s));
        // and rows of a table no longer read did not close
        s.accept(Fixtures.snapshot(List.of(A)), tcpOnly, T0);
        assertEquals(List.of("127.0.0.1:8080"), locals(s));
    }

    @Test
    void selectionStaysOnTheSameSocketAndScreenLineAcrossRefreshes() {
        LiveState s = state();
        List<SocketRow> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(tcp4("10.0.0.1", 1000 + i, "10.0.0.2", 443, State.ESTABLISHED, 100 + i, CURL));
        }
        accept(s, rows);
        s.viewport(10);
        for (int i = 0; i < 15; i++) {
            s.apply(Action.DOWN, null);
        }
        assertEquals(15, s.selectedIndex());
        assertEquals("10.0.0.1:1015", s.view().get(15).local());
        int line = s.selectedIndex() - s.top();
        List<SocketRow> more = new ArrayList<>(rows);
        more.add(0, tcp4("10.0.0.1", 999, "10.0.0.2", 443, State.ESTABLISHED, 99, CURL));
        more.add(0, tcp4("10.0.0.1", 998, "10.0.0.2", 443, State.ESTABLISHED, 98, CURL));
        accept(s, more);
        assertEquals("10.0.0.1:1015", s.view().get(s.selectedIndex()).local());
        assertEquals(17, s.selectedIndex());
        assertEquals(line, s.selectedIndex() - s.top());
    }

    @Test
    void whenTheSelectedSocketIsGoneTheSelectionStaysOnItsLine() {
        LiveState s = state();
        accept(s, List.of(A, B, C));
        s.apply(Action.DOWN, null);
        accept(s, List.of(A, C));
        assertEquals("127.0.0.1:8081", s.view().get(s.selectedIndex()).local(), "kept one refresh, still selected");
        accept(s, List.of(A, C));
        assertEquals(1, s.selectedIndex());
        assertEquals("127.0.0.1:8082", s.view().get(1).local());
    }

    @Test
    void movesAndPagesWithinTheList() {
        LiveState s = state();
        List<SocketRow> rows = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            rows.add(tcp4("10.0.0.1", 1000 + i, "10.0.0.2", 443, State.ESTABLISHED, 100 + i, CURL));
        }
        accept(s, rows);
        s.viewport(10);
        s.apply(Action.UP, null);
        assertEquals(0, s.selectedIndex());
        s.apply(Action.PAGE_DOWN, null);
        assertEquals(10, s.selectedIndex());
        assertEquals(1, s.top());
        s.apply(Action.END, null);
        assertEquals(24, s.selectedIndex());
        assertEquals(15, s.top());
        s.apply(Action.DOWN, null);
        assertEquals(24, s.selectedIndex());
        s.apply(Action.HOME, null);
        assertEquals(0, s.selectedIndex());
        assertEquals(0, s.top());
    }

    @Test
    void filterPromptAppliesAsYouTypeAndEnterKeepsIt() {
        LiveState s = state();
        accept(s, Fixtures.baseRows());
        s.apply(Action.FILTER, "/");
        assertEquals(LiveState.Mode.PROMPT, s.mode());
        type(s, "port:8080");
        assertEquals(List.of("127.0.0.1:8080", "127.0.0.1:8080", "127.0.0.1:51234"), locals(s));
        s.apply(Action.ENTER, "\r");
        assertEquals(LiveState.Mode.TABLE, s.mode());
        assertEquals("port:8080", s.filterText());
        assertEquals(3, s.shownTotal());
    }

    @Test
    void lettersBoundToCommandsAreTextInsideThePrompt() {
        LiveState s = state();
        accept(s, Fixtures.baseRows());
        s.apply(Action.FILTER, "/");
        s.apply(Action.QUIT, "q");
        s.apply(Action.DOWN, "j");
        s.apply(Action.PAUSE, " ");
        s.apply(Action.TOGGLE_TCP, "t");
        assertFalse(s.quit());
        assertFalse(s.paused());
        assertEquals("qj t", s.promptText());
        assertEquals(EnumSet.of(Proto.TCP, Proto.UDP), s.protos());
    }

    @Test
    void escapeCancelsBackToThePreviousFilter() {
        LiveState s = state();
        accept(s, Fixtures.baseRows());
        s.apply(Action.FILTER, "/");
        type(s, "curl");
        s.apply(Action.ENTER, "\r");
        assertEquals(2, s.shownTotal());
        s.apply(Action.FILTER, "/");
        s.apply(Action.CLEAR_LINE, null);
        type(s, "port:22");
        assertEquals(3, s.shownTotal());
        s.apply(Action.ESCAPE, "\u001b");
        assertEquals("curl", s.filterText());
        assertEquals(2, s.shownTotal());
    }

    @Test
    void anInvalidFilterShowsItsErrorAndKeepsTheLastValidOne() {
        LiveState s = state();
        accept(s, Fixtures.baseRows());
        s.apply(Action.FILTER, "/");
        type(s, "port:80");
        assertEquals(1, s.shownTotal());
        type(s, "x");
        assertEquals("not a number: 80x", s.promptError());
        assertEquals(1, s.shownTotal(), "port:80 still applies");
        s.apply(Action.ENTER, "\r");
        assertEquals(LiveState.Mode.PROMPT, s.mode(), "Enter does not keep an invalid filter");
        s.apply(Action.BACKSPACE, "\u007f");
        assertNull(s.promptError());
        s.apply(Action.ENTER, "\r");
        assertEquals(LiveState.Mode.TABLE, s.mode());
    }

    @Test
    void aParserThatThrowsUncheckedDoesNotCrash() {
        LiveOptions o = Fixtures.options(new FakeSource(), false);
        o = new LiveOptions(
                o.source(),
                o.tables(),
                false,
                null,
                "",
                w -> {
                    throw new IllegalStateException("boom");
                },
                o.services(),
                o.interval(),
                false,
                false,
                null,
                o.err());
        LiveState s = new LiveState(o, "h", ZoneOffset.UTC);
        accept(s, Fixtures.baseRows());
        s.apply(Action.FILTER, "/");
        type(s, "x");
        assertEquals("boom", s.promptError());
        assertEquals(15, s.shownTotal());
    }

    @Test
    void ctrlCQuitsEvenInsideThePrompt() {
        LiveState s = state();
        s.apply(Action.FILTER, "/");
        s.apply(Action.INTERRUPT, "\u0003");
        assertTrue(s.quit());
    }

    @Test
    void togglesProtocolsFamiliesAndListening() {
        LiveState s = state();
        accept(s, Fixtures.baseRows());
        s.apply(Action.TOGGLE_TCP, "t");
        assertEquals(3, s.shownTotal());
        assertEquals(
                new TableSelection(EnumSet.of(Proto.UDP), EnumSet.of(Family.IPV4, Family.IPV6)), s.tableSelection());
        s.apply(Action.TOGGLE_UDP, "u");
        assertEquals("at least one protocol stays shown", s.message());
        assertEquals(3, s.shownTotal());
        s.apply(Action.TOGGLE_TCP, "t");
        s.apply(Action.TOGGLE_IPV6, "6");
        assertEquals(11, s.shownTotal());
        s.apply(Action.TOGGLE_LISTENING, "l");
        assertEquals(6, s.shownTotal(), "LISTEN and UNCONN over IPv4");
        s.apply(Action.TOGGLE_IPV4, "4");
        assertEquals("at least one address family stays shown", s.message());
    }

    @Test
    void pauseFreezesTheDataAndResumeShowsTheLatest() {
        LiveState s = state();
        accept(s, List.of(A));
        s.apply(Action.PAUSE, " ");
        accept(s, List.of(A, B));
        accept(s, List.of(A, B, C));
        assertEquals(List.of("127.0.0.1:8080"), locals(s));
        s.apply(Action.DOWN, null);
        s.apply(Action.PAUSE, " ");
        assertEquals(List.of("127.0.0.1:8080", "127.0.0.1:8081 NEW", "127.0.0.1:8082 NEW"), locals(s));
    }

    @Test
    void sortsByTheNextColumnAndReverses() {
        LiveState s = state();
        accept(s, List.of(C, A, B));
        assertEquals(SortColumn.LOCAL, s.sort());
        s.apply(Action.SORT_NEXT, "s");
        s.apply(Action.SORT_NEXT, "s");
        assertEquals(SortColumn.STATE, s.sort());
        assertEquals(
                List.of("ESTABLISHED", "LISTEN", "SYN_RECV"),
                s.view().stream().map(LiveState.Line::state).toList());
        s.apply(Action.SORT_REVERSE, "S");
        assertEquals(
                List.of("SYN_RECV", "LISTEN", "ESTABLISHED"),
                s.view().stream().map(LiveState.Line::state).toList());
    }

    @Test
    void detailsFollowTheSocketAndSayWhenItClosed() {
        LiveState s = state();
        accept(s, List.of(A, B));
        s.apply(Action.DOWN, null);
        s.apply(Action.ENTER, "\r");
        assertEquals(LiveState.Mode.DETAILS, s.mode());
        accept(s, List.of(A, B_EST));
        assertEquals(State.ESTABLISHED, s.detailsRow().entry().state());
        assertFalse(s.detailsClosed());
        accept(s, List.of(A));
        assertTrue(s.detailsClosed());
        s.apply(Action.QUIT, "q");
        assertEquals(LiveState.Mode.TABLE, s.mode());
        assertFalse(s.quit(), "q closes the details, it does not quit");
    }

    @Test
    void comparesAddressesByTheValueOfTheirNumbers() {
        assertTrue(LiveState.naturalCompare("10.0.0.9", "10.0.0.10") < 0);
        assertTrue(LiveState.naturalCompare("10.0.0.10", "9.0.0.1") > 0);
        assertEquals(0, LiveState.naturalCompare("127.0.0.1", "127.0.0.1"));
        assertTrue(LiveState.naturalCompare("10.0.0.1", "10.0.0.1a") < 0);
    }

    static void type(LiveState s, String text) {
        for (int i = 0; i < text.length(); i++) {
            s.apply(Action.CHAR, String.valueOf(text.charAt(i)));
        }
    }

    /** A source never read by the pure tests. */
    static final class FakeSource implements dev.sockscope.source.SocketSource {
        @Override
        public Snapshot read(TableSelection which) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String name() {
            return "fake";
        }
    }
}
