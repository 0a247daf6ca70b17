package dev.sockscope.view.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.view.Column;
import dev.sockscope.view.Cut;
import dev.sockscope.view.TableWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** What the screen shows for a state at a size, as text. */
class LiveScreenTest {
    LiveState st;

    List<String> render(LiveOptions o, List<SocketRow> rows, int width, int height) {
        st = new LiveState(o, "testhost", ZoneOffset.UTC, new LiveStateTest.FakeActions());
        Preparer p = new Preparer(Fixtures.SERVICES, null, null, LiveState.EXTRAS);
        p.read(Fixtures.snapshot(rows), st.settings().tables(), Instant.EPOCH, 0);
        st.install(p.prepare(st.settings(), null));
        return text(width, height);
    }

    List<String> text(int width, int height) {
        st.viewport(LiveScreen.tableRows(st, width, height), width);
        List<String> out = new ArrayList<>();
        for (AttributedString a : LiveScreen.render(st, width, height)) {
            out.add(a.toString());
        }
        assertEquals(height, out.size());
        for (String l : out) {
            assertTrue(Cut.cells(l) <= width, "within " + width + " cells: " + l);
        }
        return out;
    }

    static String lineWith(List<String> lines, String text) {
        return lines.stream()
                .filter(l -> l.contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError(text + " not in\n" + String.join("\n", lines)));
    }

    /** The cell at which {@code text} starts in {@code line}. */
    static int cellOf(String line, String text) {
        return Cut.cells(line.substring(0, line.indexOf(text)));
    }

    @Test
    void aCjkProcessNameLinesUpAsInTheListTable() throws Exception {
        List<SocketRow> rows = new ArrayList<>(Fixtures.baseRows());
        Holder cjk = Fixtures.holder(4321, "\u6d4b\u8bd5\u670d\u52a1", "/opt/cjk");
        rows.add(Fixtures.tcp4("127.0.0.1", 443, "0.0.0.0", 0, State.LISTEN, 40001, cjk));
        LiveOptions o = Fixtures.builder(new Fixtures.Feed()).build();
        List<String> live = render(o, rows, 120, 40);
        String title = lineWith(live, "Service");
        String row = lineWith(live, "\u6d4b\u8bd5\u670d\u52a1");
        assertEquals(
                cellOf(title, "Service"),
                cellOf(row, "https"),
                "Service column under its title\n" + title + "\n" + row);

        StringBuilder list = new StringBuilder();
        new TableWriter(Column.DEFAULT, new Column.Context(Fixtures.SERVICES, null), 120, false, Cut.UNICODE)
                .write(rows, list);
        String[] lines = list.toString().split("\n");
        String listRow = lineWith(List.of(lines), "\u6d4b\u8bd5\u670d\u52a1");
        assertEquals(cellOf(lines[0], "Service"), cellOf(listRow, "https"), "and in --list");
        assertEquals(
                cellOf(listRow, "https") - cellOf(listRow, "4321/"),
                cellOf(row, "https") - cellOf(row, "4321/"),
                "the program name takes the same cells in both");
    }

    @Test
    void aNarrowTerminalCutsAnAddressInItsMiddleAndKeepsThePort() {
        List<String> s = render(Fixtures.builder(new Fixtures.Feed()).build(), Fixtures.baseRows(), 60, 30);
        String v6 = lineWith(s, "]:443");
        assertTrue(v6.contains("[200"), v6);
        assertTrue(v6.contains("\u2026"), v6);
    }

    @Test
    void underLangCTheCutEndsInATilde() {
        List<String> s =
                render(Fixtures.builder(new Fixtures.Feed()).cut(Cut.ASCII).build(), Fixtures.baseRows(), 60, 30);
        String v6 = lineWith(s, "]:443");
        assertTrue(v6.contains("~"), v6);
        assertFalse(String.join("", s).contains("\u2026"));
        s = text(120, 30);
        assertTrue(lineWith(s, "Local Address").contains("Local Address^"), "ASCII sort mark");
    }

    @Test
    void aWideTerminalAddsTheExtendedColumnsANarrowOneDoesNot() {
        List<String> wide = render(Fixtures.builder(new Fixtures.Feed()).build(), Fixtures.baseRows(), 200, 30);
        String title = lineWith(wide, "Local Address");
        assertTrue(title.contains("Recv-Q") && title.contains("Inode") && title.contains("User"), title);
        List<String> narrow = text(100, 30);
        assertFalse(lineWith(narrow, "Local Address").contains("Recv-Q"));
        List<String> chosen = render(
                Fixtures.builder(new Fixtures.Feed())
                        .columns(Column.DEFAULT, false)
                        .build(),
                Fixtures.baseRows(),
                200,
                30);
        assertFalse(lineWith(chosen, "Local Address").contains("Recv-Q"), "columns given: no extras");
    }

    @Test
    void theHeaderCountsExposedListenersAndShowsTheTabs() {
        List<String> s = render(Fixtures.builder(new Fixtures.Feed()).build(), Fixtures.baseRows(), 100, 30);
        // 0.0.0.0:22, 0.0.0.0:80, [::]:22 (TCP) and 0.0.0.0:68, [::]:5353 (UDP); the rest is loopback
        assertTrue(lineWith(s, "exposed listeners").contains("exposed listeners: 5"), String.join("\n", s));
        assertTrue(s.get(1).startsWith(" Sockets   Processes   Interfaces "), s.get(1));
    }

    @Test
    void theProcessesTabSaysInOneLineThatRatesNeedTcpInfo() {
        render(Fixtures.builder(new Fixtures.Feed()).build(), Fixtures.baseRows(), 100, 30);
        st.apply(Action.TAB, "\t");
        List<String> s = text(100, 30);
        assertTrue(lineWith(s, "no Send/s, Recv/s: they need tcp_info").length() <= 100);
        String title = lineWith(s, "Program");
        assertTrue(title.contains("Sockets") && title.contains("Listen") && title.contains("Estab"), title);
        assertTrue(lineWith(s, "4242").contains("java"));
    }

    @Test
    void theInterfacesTabLeavesRoomForItsSource() {
        render(Fixtures.builder(new Fixtures.Feed()).build(), Fixtures.baseRows(), 120, 30);
        st.apply(Action.BACK_TAB, "");
        assertTrue(lineWith(text(120, 30), "no interface source in this build").length() > 0);
        render(
                Fixtures.builder(new Fixtures.Feed())
                        .interfaces(() -> List.of("lo  127.0.0.1/8"))
                        .build(),
                Fixtures.baseRows(),
                120,
                30);
        st.apply(Action.BACK_TAB, "");
        lineWith(text(120, 30), "lo  127.0.0.1/8");
    }

    @Test
    void aQuestionAndTheColumnChooserDraw() {
        render(Fixtures.builder(new Fixtures.Feed()).build(), Fixtures.baseRows(), 100, 30);
        st.apply(Action.EXPORT, "e");
        List<String> s = text(100, 30);
        assertTrue(s.get(29).startsWith("export 15 rows to (.json or .csv): sockscope-export.json"), s.get(29));
        st.apply(Action.ESCAPE, "");
        st.apply(Action.COLUMNS, "c");
        s = text(100, 30);
        assertTrue(lineWith(s, "unixtype").contains("[ ]"));
        assertTrue(lineWith(s, " local ").contains("[2]"));
    }

    @Test
    void aHostileProcessNameNeverReachesTheScreenRaw() {
        List<String> s = render(Fixtures.builder(new Fixtures.Feed()).build(), Fixtures.baseRows(), 120, 30);
        for (String l : s) {
            assertFalse(l.contains("\u001b"), l);
        }
        lineWith(s, "6666/");
    }

    @Test
    void aLineFitsByItsCharactersAloneOnlyWhenEachTakesACellAtMost() {
        assertTrue(LiveScreen.fits(new AttributedString("tcp  LISTEN  0.0.0.0:22"), 23));
        assertFalse(LiveScreen.fits(new AttributedString("tcp  LISTEN  0.0.0.0:22"), 22));
        // three characters in six cells, and a combining mark: the terminal's width decides
        assertFalse(LiveScreen.fits(new AttributedString("\u6f22\u5b57\u540d"), 5));
        assertFalse(LiveScreen.fits(new AttributedString("e\u0301"), 5));
        assertTrue(LiveScreen.fits(AttributedString.EMPTY, 0));
    }
}
