package dev.sockscope.view.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.action.CloseResult;
import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.query.Pipeline;
import dev.sockscope.query.SortKey;
import dev.sockscope.source.TableSelection;
import dev.sockscope.view.Column;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live view's state machine, driven key by key over frames prepared on the test's thread. */
class LiveStateTest {
    /** Records what the actions were asked to do; signals succeed, the process stays alive. */
    static final class FakeActions implements LiveActions {
        final List<String> calls = new ArrayList<>();
        List<SocketRow> exported;
        boolean alive = true;
        CloseResult closeAnswer = CloseResult.done();

        @Override
        public String export(List<SocketRow> rows, Snapshot snapshot, Path file) {
            exported = rows;
            calls.add("export " + file);
            return rows.size() + " rows written to " + file;
        }

        @Override
        public boolean signal(int pid, boolean force) {
            calls.add((force ? "KILL " : "TERM ") + pid);
            return true;
        }

        @Override
        public boolean alive(int pid) {
            return alive;
        }

        @Override
        public CloseResult close(SocketEntry e) {
            calls.add(
                    "CLOSE " + e.localAddress() + ":" + e.localPort() + " " + e.remoteAddress() + ":" + e.remotePort());
            return closeAnswer;
        }
    }

    final FakeActions actions = new FakeActions();
    final List<SocketRow> rows = Fixtures.baseRows();
    LiveState st;
    Preparer prep;

    LiveState start(LiveOptions o) {
        st = new LiveState(o, "testhost", ZoneOffset.UTC, actions);
        prep = new Preparer(Fixtures.SERVICES, null, null, LiveState.EXTRAS);
        read(rows);
        return st;
    }

    LiveState start() {
        return start(Fixtures.builder(new Fixtures.Feed()).build());
    }

    void read(List<SocketRow> r) {
        prep.read(Fixtures.snapshot(r), st.settings().tables(), Instant.EPOCH, 0);
        show();
    }

    /** What the worker would do after a key: prepare the newest settings. */
    void show() {
        st.install(prep.prepare(st.settings(), null));
    }

    void key(Action a) {
        key(a, "");
    }

    void key(Action a, String typed) {
        st.apply(a, typed);
        show();
    }

    void type(String text) {
        for (char c : text.toCharArray()) {
            key(Action.CHAR, String.valueOf(c));
        }
    }

    @Test
    void ordersRowsExactlyAsTheListPipelineForEveryShownSortKeyBothWays() {
        for (Column c : Column.DEFAULT) {
            for (boolean rev : new boolean[] {false, true}) {
                start(Fixtures.builder(new Fixtures.Feed())
                        .sort(c.sortKey(), rev)
                        .build());
                List<SocketRow> want = new ArrayList<>();
                for (SocketRow r : Pipeline.select(rows, x -> true, c.sortKey(), rev, Fixtures.SERVICES)) {
                    if (r.entry().proto() == Proto.TCP || r.entry().proto() == Proto.UDP) {
                        want.add(r);
                    }
                }
                assertEquals(want, st.frame().rows, c + (rev ? " reversed" : ""));
            }
        }
    }

    @Test
    void sCyclesTheShownColumnsSortKeysAndCapitalSReverses() {
        start();
        st.viewport(20, 80);
        List<SortKey> seen = new ArrayList<>();
        for (int i = 0; i < st.shownColumns().size(); i++) {
            seen.add(st.settings().sort());
            key(Action.SORT_NEXT);
        }
        assertEquals(
                List.of(SortKey.LOCAL, SortKey.REMOTE, SortKey.STATE, SortKey.PID, SortKey.SERVICE, SortKey.PROTO),
                seen);
        assertEquals(SortKey.LOCAL, st.settings().sort(), "back to the first after a full turn");
        List<SocketRow> ascending = st.frame().rows;
        key(Action.SORT_REVERSE);
        assertTrue(st.settings().reversed());
        assertEquals(Pipeline.select(ascending, x -> true, SortKey.LOCAL, true, Fixtures.SERVICES), st.frame().rows);
    }

    @Test
    void everyToggleReturnsToTheStartingStateAndWAndXAddTheirTables() {
        start();
        Settings first = st.settings();
        Action[] toggles = {
            Action.TOGGLE_LISTENING,
            Action.TOGGLE_TCP,
            Action.TOGGLE_UDP,
            Action.TOGGLE_RAW,
            Action.TOGGLE_UNIX,
            Action.TOGGLE_IPV4,
            Action.TOGGLE_IPV6
        };
        for (Action a : toggles) {
            key(a);
            assertTrue(st.settings().generation() > first.generation(), a + " changed something");
            key(a);
            assertEquals(first.protos(), st.settings().protos(), a.name());
            assertEquals(first.families(), st.settings().families(), a.name());
            assertEquals(first.listening(), st.settings().listening(), a.name());
        }
        key(Action.TOGGLE_RAW);
        assertTrue(st.settings().tables().protos().contains(Proto.RAW));
        assertEquals("raw shown", st.message());
        key(Action.TOGGLE_UNIX);
        assertTrue(st.settings().tables().protos().contains(Proto.UNIX));
    }

    @Test
    void aToggleThatWouldHideEverythingSaysSoInOneLineAndChangesNothing() {
        start(Fixtures.builder(new Fixtures.Feed())
                .tables(new TableSelection(EnumSet.of(Proto.TCP), EnumSet.of(Family.IPV4)))
                .build());
        long gen = st.settings().generation();
        key(Action.TOGGLE_TCP);
        assertEquals("hiding TCP would hide every socket: nothing changed", st.message());
        key(Action.TOGGLE_IPV4);
        assertEquals("hiding IPv4 would hide every socket: nothing changed", st.message());
        assertEquals(gen, st.settings().generation());
        assertEquals(EnumSet.of(Proto.TCP), st.settings().protos());
        // with unix sockets shown, IPv4 may go: something stays
        key(Action.TOGGLE_UNIX);
        key(Action.TOGGLE_IPV4);
        assertEquals("IPv4 hidden", st.message());
    }

    @Test
    void anUnknownKeyGetsAOneLineHint() {
        start();
        key(Action.CHAR, "z");
        assertEquals("unknown key 'z': h or ? lists the keys", st.message());
        key(Action.NONE, "\u001b[15~");
        assertEquals("unknown key: h or ? lists the keys", st.message());
        key(Action.DOWN);
        assertNull(st.message(), "the next key clears it");
    }

    @Test
    void theFilterPromptFiltersAsTypedAndEscPutsTheOneBeforeBack() {
        start();
        key(Action.FILTER);
        type("port:8080");
        assertEquals(LiveState.Mode.PROMPT, st.mode());
        assertEquals(3, st.frame().total);
        key(Action.ENTER);
        assertEquals(LiveState.Mode.TABLE, st.mode());
        key(Action.FILTER);
        type(" pid:5151");
        assertEquals(1, st.frame().total);
        key(Action.ESCAPE);
        assertEquals("port:8080", st.settings().filterText());
        assertEquals(3, st.frame().total);
        key(Action.FILTER);
        type(" ssh bogus:1");
        assertEquals("unknown filter word: bogus:1", st.promptError());
        assertEquals("port:8080 ssh bogus", st.settings().filterText(), "the last valid words stay in force");
    }

    @Test
    void cChoosesColumnsFromEveryColumn() {
        start();
        key(Action.COLUMNS);
        assertEquals(LiveState.Mode.COLUMNS, st.mode());
        for (int i = 0; i < Column.INODE.ordinal(); i++) {
            key(Action.DOWN);
        }
        key(Action.PAUSE, " ");
        key(Action.HOME);
        key(Action.PAUSE, " "); // proto off
        key(Action.ENTER);
        List<Column> want = new ArrayList<>(Column.DEFAULT);
        want.remove(Column.PROTO);
        want.add(Column.INODE);
        assertEquals(want, st.settings().columns());
        assertTrue(st.frame().widths[Column.INODE.ordinal()] >= 5, "the new column was measured");
    }

    @Test
    void eExportsTheRowsShownWithTheFilterAppliedToTheFileNamed() {
        start();
        key(Action.FILTER);
        type("port:8080");
        key(Action.ENTER);
        key(Action.EXPORT);
        assertEquals(LiveState.Mode.ASK, st.mode());
        assertEquals("sockscope-export.json", st.askInput());
        key(Action.CLEAR_LINE);
        type("out.csv");
        assertTrue(actions.calls.isEmpty(), "nothing written before Enter");
        key(Action.ENTER);
        assertEquals(List.of("export out.csv"), actions.calls);
        assertEquals(st.frame().rows, actions.exported);
        assertEquals(3, actions.exported.size());
        assertEquals("3 rows written to out.csv", st.message());
        assertEquals(LiveState.Mode.TABLE, st.mode());
    }

    @Test
    void kAsksFirstAndOffersSigkillOnlyAfterASecondYes() {
        start(Fixtures.builder(new Fixtures.Feed()).sort(SortKey.PID, true).build());
        while (st.frame().rows.get(st.selectedIndex()).owner() == null
                || st.frame().rows.get(st.selectedIndex()).owner().pid() != 4242) {
            key(Action.DOWN);
        }
        assertEquals(4242, st.frame().rows.get(st.selectedIndex()).owner().pid());
        key(Action.KILL);
        assertTrue(
                st.ask().question().startsWith("send SIGTERM to pid 4242 (java: /usr/lib/jvm"),
                st.ask().question());
        key(Action.CHAR, "n");
        assertEquals("cancelled", st.message());
        assertTrue(actions.calls.isEmpty());
        key(Action.KILL);
        key(Action.CHAR, "y");
        assertEquals(List.of("TERM 4242"), actions.calls);
        assertEquals(
                "SIGTERM sent to pid 4242, still running. Send SIGKILL? y/n",
                st.ask().question());
        key(Action.CHAR, "y");
        assertEquals(List.of("TERM 4242", "KILL 4242"), actions.calls);
        assertEquals("SIGKILL sent to pid 4242", st.message());
    }

    /** Moves the selection to the row of this local port and state. */
    void select(int localPort, State state) {
        key(Action.HOME);
        for (int i = 0; i < st.frame().rows.size(); i++) {
            SocketEntry e = st.frame().rows.get(st.selectedIndex()).entry();
            if (e.localPort() == localPort && e.state() == state) {
                return;
            }
            key(Action.DOWN);
        }
        throw new AssertionError("no row " + localPort + " " + state);
    }

    @Test
    void capitalKNamesTheConnectionAndClosesItOnlyAfterYes() {
        start();
        select(51234, State.ESTABLISHED);
        key(Action.DESTROY);
        assertEquals(LiveState.Mode.ASK, st.mode());
        assertEquals(
                "close tcp 127.0.0.1:51234 <-> 127.0.0.1:8080 of pid 5151 (curl) with SOCK_DESTROY?"
                        + " both ends see a reset. y/n",
                st.ask().question());
        key(Action.CHAR, "n");
        assertEquals("cancelled", st.message());
        key(Action.DESTROY);
        key(Action.ESCAPE);
        assertTrue(actions.calls.isEmpty(), "nothing without a yes: " + actions.calls);
        key(Action.DESTROY);
        key(Action.CHAR, "y");
        assertEquals(List.of("CLOSE 127.0.0.1:51234 127.0.0.1:8080"), actions.calls);
        assertEquals("closed 127.0.0.1:51234 <-> 127.0.0.1:8080 (SOCK_DESTROY)", st.message());
        assertEquals(LiveState.Mode.TABLE, st.mode());
    }

    @Test
    void capitalKShowsTheKernelsRefusalCleaned() {
        start();
        actions.closeAnswer = CloseResult.refused("the kernel refused: cannot close the socket: closing another"
                + " process's socket needs root (CAP_NET_ADMIN) - EPERM (operation not permitted)\u001b[2J");
        select(8080, State.ESTABLISHED);
        key(Action.DESTROY);
        assertTrue(st.ask().question().startsWith("close tcp 127.0.0.1:8080 <-> 127.0.0.1:51234 of pid 4242 (java)"));
        key(Action.CHAR, "y");
        assertEquals(1, actions.calls.size());
        assertTrue(
                st.message()
                        .startsWith("not closed: the kernel refused: cannot close the socket: closing another"
                                + " process's socket needs root (CAP_NET_ADMIN) - EPERM (operation not permitted)"),
                st.message());
        assertFalse(st.message().contains("\u001b"), st.message());
    }

    @Test
    void capitalKOnAListenerOrUdpOrAnotherTabSaysWhyAndAsksNothing() {
        start();
        select(8080, State.LISTEN);
        key(Action.DESTROY);
        assertEquals("K: this is a listener, not a connection (terminate its process with k)", st.message());
        assertEquals(LiveState.Mode.TABLE, st.mode());
        select(53, State.UNCONN);
        key(Action.DESTROY);
        assertEquals("K: only TCP connections can be closed (this is udp)", st.message());
        key(Action.TAB);
        key(Action.DESTROY);
        assertEquals("K closes the selected connection of the Sockets tab", st.message());
        assertTrue(actions.calls.isEmpty());
    }

    /** The screen as text, one string per line. */
    List<String> screen() {
        List<String> out = new ArrayList<>();
        for (var l : LiveScreen.render(st, 120, 40)) {
            out.add(l.toString());
        }
        return out;
    }

    String line(String start) {
        return screen().stream().filter(l -> l.startsWith(start)).findFirst().orElse(null);
    }

    @Test
    void bMarksABaselineThenNewRowsAreMarkedAndClosedOnesCountedUntilCapitalB() {
        start();
        assertNull(line("Baseline"), "no baseline line before b");
        key(Action.BASELINE);
        assertEquals(
                "baseline marked: sockets opened from now on are marked +, closed ones counted (B clears)",
                st.message());
        assertEquals(Instant.EPOCH, st.frame().baselineAt);
        assertEquals("Baseline 00:00:00: +0 \u22120", line("Baseline"));
        List<SocketRow> next = new ArrayList<>(rows);
        SocketRow listener = Fixtures.tcp4("127.0.0.1", 9090, "0.0.0.0", 0, State.LISTEN, 40001, Fixtures.JAVA);
        next.add(listener);
        SocketRow curl = rows.get(5);
        assertEquals(40112, curl.entry().localPort());
        next.remove(curl);
        // a connection that reconnected from another ephemeral port is no change
        SocketRow ssh = rows.get(4);
        next.remove(ssh);
        next.add(Fixtures.tcp4("127.0.0.1", 51299, "127.0.0.1", 8080, State.ESTABLISHED, 40002, Fixtures.CURL));
        prep.read(Fixtures.snapshot(next), st.settings().tables(), Instant.EPOCH.plusSeconds(61), 0);
        show();
        assertEquals(java.util.Set.of(listener), st.frame().sinceBaseline);
        assertEquals(List.of(curl), st.frame().closedSinceBaseline);
        assertEquals(
                "Baseline 00:00:00: +1 \u22121  closed: tcp 10.0.0.5:40112 \u2192 93.184.215.14:443 curl",
                line("Baseline"));
        String marked = line("+ ");
        assertTrue(marked != null && marked.matches("\\+ tcp +127\\.0\\.0\\.1:9090 .*"), screen().toString());
        assertEquals(1, screen().stream().filter(l -> l.startsWith("+ ")).count(), "only the new listener");
        // the marks outlive the one-refresh highlight: the same read again keeps them
        prep.read(Fixtures.snapshot(next), st.settings().tables(), Instant.EPOCH.plusSeconds(62), 0);
        show();
        assertEquals(
                Frame.Mark.NONE,
                st.frame()
                        .mark(st.frame().rows.stream()
                                .filter(r -> r.entry().localPort() == 9090)
                                .findFirst()
                                .orElseThrow()));
        assertEquals(1, st.frame().sinceBaseline.size());
        assertEquals(1, st.frame().closedSinceBaseline.size());
        // the filter applies to the counts
        key(Action.FILTER);
        type("port:22");
        key(Action.ENTER);
        assertEquals("Baseline 00:00:00: +0 \u22120", line("Baseline"));
        key(Action.BASELINE_CLEAR);
        assertEquals("baseline cleared", st.message());
        assertNull(st.frame().baselineAt);
        assertNull(line("Baseline"));
        assertTrue(screen().stream().noneMatch(l -> l.startsWith("+ ")));
        key(Action.BASELINE_CLEAR);
        assertEquals("no baseline to clear (b marks one)", st.message());
    }

    @Test
    void aTableToggledOnAfterTheBaselineIsNotNewsAndOneToggledOffHasNotClosed() {
        start();
        key(Action.BASELINE);
        key(Action.TOGGLE_UDP);
        read(rows);
        assertEquals("Baseline 00:00:00: +0 \u22120", line("Baseline"));
        key(Action.TOGGLE_UDP);
        key(Action.TOGGLE_UNIX);
        List<SocketRow> withUnix = new ArrayList<>(rows);
        withUnix.add(
                Fixtures.row(Proto.UNIX, Family.UNIX, "/run/x.sock", -1, "", -1, State.LISTEN, 50001, Fixtures.CUPS));
        prep.read(Fixtures.snapshot(withUnix), st.settings().tables(), Instant.EPOCH.plusSeconds(5), 0);
        show();
        assertEquals(0, st.frame().sinceBaseline.size(), "unix was not read at the baseline");
        key(Action.BASELINE);
        prep.read(Fixtures.snapshot(rows), st.settings().tables(), Instant.EPOCH.plusSeconds(9), 0);
        show();
        assertEquals("Baseline 00:00:05: +0 \u22121  closed: unix /run/x.sock cupsd", line("Baseline"));
    }

    @Test
    void aHostileProcessNameIsCleanedInTheQuestion() {
        start(Fixtures.builder(new Fixtures.Feed()).sort(SortKey.PID, true).build());
        while (st.frame().rows.get(st.selectedIndex()).owner() == null) {
            key(Action.DOWN);
        }
        assertEquals(6666, st.frame().rows.get(st.selectedIndex()).owner().pid());
        key(Action.KILL);
        assertFalse(st.ask().question().contains("\u001b"), st.ask().question());
    }

    @Test
    void tabGoesThroughTheTabsAndTheProcessesTabSumsSocketsByState() {
        start();
        key(Action.TAB);
        assertEquals(LiveState.Tab.PROCESSES, st.tab());
        ProcessRow java = st.frame().processes.stream()
                .filter(p -> p.pid() == 4242)
                .findFirst()
                .orElseThrow();
        assertEquals(2, java.sockets());
        assertEquals(1, java.listen());
        assertEquals(1, java.established());
        assertTrue(Double.isNaN(java.tx()), "no tcp_info from this source: no rate");
        // sorted by sockets, most first
        assertEquals(
                st.frame().processes.stream()
                        .mapToInt(ProcessRow::sockets)
                        .max()
                        .orElseThrow(),
                st.frame().processes.get(0).sockets());
        key(Action.TAB);
        assertEquals(LiveState.Tab.INTERFACES, st.tab());
        key(Action.BACK_TAB);
        key(Action.BACK_TAB);
        assertEquals(LiveState.Tab.SOCKETS, st.tab());
    }

    @Test
    void enterOnAProcessShowsItsSockets() {
        start();
        key(Action.TAB);
        while (st.frame().processes.get(st.processIndex()).pid() != 5151) {
            key(Action.DOWN);
        }
        key(Action.ENTER);
        assertEquals(LiveState.Tab.SOCKETS, st.tab());
        assertEquals("pid:5151", st.settings().filterText());
        assertEquals(2, st.frame().total);
    }

    @Test
    void theSelectionFollowsItsSocketAcrossRefreshes() {
        start();
        st.viewport(5, 80);
        key(Action.DOWN);
        key(Action.DOWN);
        SocketRow chosen = st.frame().rows.get(st.selectedIndex());
        List<SocketRow> next = new ArrayList<>(rows);
        next.add(0, Fixtures.tcp4("0.0.0.0", 1, "0.0.0.0", 0, State.LISTEN, 99));
        read(next);
        assertSame(chosen.entry(), st.frame().rows.get(st.selectedIndex()).entry());
    }

    @Test
    void newAndClosedRowsAreMarkedForOneRefresh() {
        start();
        assertTrue(st.frame().fresh.isEmpty(), "the first read marks nothing");
        List<SocketRow> next = new ArrayList<>(rows);
        SocketRow closed = next.remove(3);
        SocketRow opened = Fixtures.tcp4("127.0.0.1", 7, "127.0.0.1", 8, State.ESTABLISHED, 777);
        next.add(opened);
        read(next);
        assertEquals(Frame.Mark.NEW, st.frame().mark(opened));
        assertEquals(Frame.Mark.GONE, st.frame().mark(closed));
        assertTrue(st.frame().rows.contains(closed), "a closed row stays one refresh");
        assertEquals(next.size(), st.frame().total, "closed rows are not counted");
        read(next);
        assertFalse(st.frame().rows.contains(closed));
        assertEquals(Frame.Mark.NONE, st.frame().mark(opened));
    }

    @Test
    void aNumbersWidthIsTheWidthOfItsText() {
        dev.sockscope.view.Column.Context ctx = new dev.sockscope.view.Column.Context(Fixtures.SERVICES, null);
        List<SocketRow> all = new ArrayList<>(rows);
        all.add(new SocketRow(
                new dev.sockscope.model.SocketEntry(
                        Proto.TCP,
                        Family.IPV4,
                        Address.parse("1.2.3.4"),
                        5,
                        Address.parse("6.7.8.9"),
                        10,
                        State.ESTABLISHED,
                        -1,
                        -1,
                        1234567890L,
                        9),
                List.of(),
                null));
        for (SocketRow r : all) {
            for (Column c : List.of(Column.INODE, Column.RECVQ, Column.SENDQ, Column.UID, Column.PID)) {
                assertEquals(dev.sockscope.view.Cut.cells(c.text(r, ctx)), Widths.width(c, r, ctx), c + " " + r);
            }
        }
    }

    static List<SocketRow> copies(List<SocketRow> rows) {
        List<SocketRow> out = new ArrayList<>();
        for (SocketRow r : rows) {
            out.add(new SocketRow(r.entry(), r.holders(), r.user()));
        }
        return out;
    }

    @Test
    void aReadOfTheSameSocketsKeepsTheOrderOfAFullSortAndANewLongerAddressWidensItsColumn() {
        for (SortKey k : List.of(SortKey.PROTO, SortKey.REMOTE, SortKey.STATE)) {
            start(Fixtures.builder(new Fixtures.Feed()).sort(k, true).build());
            List<SocketRow> again = copies(rows);
            read(again);
            List<SocketRow> want = new ArrayList<>(again);
            k.sort(want, Fixtures.SERVICES, true);
            assertEquals(want, st.frame().rows, k.label());
            for (int i = 0; i < want.size(); i++) {
                assertSame(want.get(i), st.frame().rows.get(i), "this read's rows, not the last one's");
            }
        }
        int local = st.frame().widths[Column.LOCAL.ordinal()];
        List<SocketRow> more = copies(rows);
        more.add(Fixtures.row(
                Proto.TCP, Family.IPV6, "2001:db8:1111:2222:3333:4444:5555:6666", 65000, "::", 0, State.LISTEN, 4444));
        read(more);
        assertEquals(
                "[2001:db8:1111:2222:3333:4444:5555:6666]:65000".length(), st.frame().widths[Column.LOCAL.ordinal()]);
        assertTrue(st.frame().widths[Column.LOCAL.ordinal()] > local);
        read(copies(rows));
        assertEquals(
                "[2001:db8:1111:2222:3333:4444:5555:6666]:65000".length(),
                st.frame().widths[Column.LOCAL.ordinal()],
                "shown closed for one refresh");
        read(copies(rows));
        assertEquals(local, st.frame().widths[Column.LOCAL.ordinal()], "narrow again once the row is gone");
    }
}
