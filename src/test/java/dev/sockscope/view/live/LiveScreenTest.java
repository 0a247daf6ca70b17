package dev.sockscope.view.live;

import static dev.sockscope.view.live.Fixtures.CURL;
import static dev.sockscope.view.live.Fixtures.tcp4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class LiveScreenTest {
    static final Path GOLDEN = Path.of("src/test/resources/live");
    static final SocketRow NEW_CONN = tcp4("10.0.0.5", 40200, "140.82.112.3", 443, State.SYN_SENT, 30100, CURL);

    /** Two refreshes: the curl connection to :443 closed, a new one opened; the 3rd row selected. */
    static LiveState twoRefreshes(boolean color) {
        LiveState s =
                new LiveState(Fixtures.options(new LiveStateTest.FakeSource(), color), "testhost", ZoneOffset.UTC);
        s.accept(Fixtures.snapshot(Fixtures.baseRows()), LiveStateTest.TCP_UDP, LiveStateTest.T0);
        List<SocketRow> rows = new ArrayList<>(Fixtures.baseRows());
        rows.removeIf(r -> r.entry().localPort() == 40112);
        rows.add(NEW_CONN);
        s.accept(new Snapshot(rows, 2, 3, null), LiveStateTest.TCP_UDP, LiveStateTest.T0.plusSeconds(1));
        s.apply(Action.DOWN, null);
        s.apply(Action.DOWN, null);
        return s;
    }

    static List<AttributedString> render(LiveState s, int w, int h) {
        s.viewport(LiveScreen.tableRows(s, w, h));
        return LiveScreen.render(s, w, h);
    }

    @Test
    void table80x24() throws IOException {
        assertGolden("table-80x24", render(twoRefreshes(true), 80, 24));
    }

    @Test
    void table120x40() throws IOException {
        assertGolden("table-120x40", render(twoRefreshes(true), 120, 40));
    }

    @Test
    void table40x10() throws IOException {
        assertGolden("table-40x10", render(twoRefreshes(true), 40, 10));
    }

    @Test
    void detailsOfAProcessNamedWithAnEscapeSequence() throws IOException {
        LiveState s = twoRefreshes(true);
        s.apply(Action.HOME, null);
        while (!s.view().get(s.selectedIndex()).pidProgram().startsWith("6666/")) {
            s.apply(Action.DOWN, null);
        }
        s.apply(Action.ENTER, "\r");
        List<AttributedString> screen = render(s, 80, 24);
        assertGolden("details-80x24", screen);
        assertTrue(text(screen).contains("6666  \\e[2J  user alice (uid 1000)"), text(screen));
    }

    @Test
    void detailsOfAPreforkSocketListEveryHolder() throws IOException {
        LiveState s = twoRefreshes(false);
        s.apply(Action.HOME, null);
        s.apply(Action.DOWN, null);
        s.apply(Action.DOWN, null);
        s.apply(Action.ENTER, "\r");
        assertGolden("details-prefork-80x24", render(s, 80, 24));
    }

    @Test
    void help80x24() throws IOException {
        LiveState s = twoRefreshes(true);
        s.apply(Action.HELP, "h");
        assertGolden("help-80x24", render(s, 80, 24));
    }

    @Test
    void helpWithoutColourNamesTheStylesUsedInstead() {
        LiveState s = twoRefreshes(false);
        s.apply(Action.HELP, "h");
        String screen = String.join(
                "\n", render(s, 80, 24).stream().map(AttributedString::toString).toList());
        assertTrue(screen.contains("New sockets are bold for one refresh;"), screen);
        assertTrue(screen.contains("closed ones stay one refresh, dim and struck out."), screen);
        assertFalse(screen.contains("green"), screen);
    }

    @Test
    void promptWithAnInvalidFilterShowsTheErrorInTheFooter() throws IOException {
        LiveState s = twoRefreshes(true);
        s.apply(Action.FILTER, "/");
        LiveStateTest.type(s, "port:22 pid:x");
        List<AttributedString> screen = render(s, 80, 24);
        assertGolden("prompt-error-80x24", screen);
        assertEquals(
                "/port:22 pid:x  not a number: x", screen.get(23).toString().stripTrailing());
    }

    @Test
    void hostileProcessNamesPrintEscaped() {
        LiveState s = twoRefreshes(true);
        for (int[] size : new int[][] {{80, 24}, {120, 40}, {200, 60}}) {
            String t = text(render(s, size[0], size[1]));
            assertTrue(t.contains("6666/\\e[2J"), t);
            assertFalse(t.contains("\u001b"), "no raw ESC on screen");
        }
    }

    @Test
    void everyLineFitsTheWidthAndTheScreenHasExactlyItsHeight() {
        for (LiveState.Mode m : LiveState.Mode.values()) {
            LiveState s = twoRefreshes(true);
            switch (m) {
                case PROMPT:
                    s.apply(Action.FILTER, "/");
                    LiveStateTest.type(s, "port:8080 and a long tail of words");
                    break;
                case DETAILS:
                    s.apply(Action.ENTER, "\r");
                    break;
                case HELP:
                    s.apply(Action.HELP, "?");
                    break;
                default:
                    break;
            }
            for (int w = 20; w <= 220; w += 7) {
                for (int h = 5; h <= 61; h += 4) {
                    List<AttributedString> lines = render(s, w, h);
                    assertEquals(h, lines.size(), m + " " + w + "x" + h);
                    for (AttributedString l : lines) {
                        assertTrue(l.columnLength() <= w, m + " " + w + "x" + h + ": " + l);
                    }
                }
            }
        }
    }

    @Test
    void aTerminalOfOneColumnOrOneRowGetsExactlyThatInEveryMode() {
        int[][] sizes = {{1, 1}, {1, 24}, {80, 1}, {2, 2}, {1, 3}, {3, 1}};
        for (LiveState.Mode m : LiveState.Mode.values()) {
            LiveState s = twoRefreshes(true);
            switch (m) {
                case PROMPT:
                    s.apply(Action.FILTER, "/");
                    LiveStateTest.type(s, "port:80x");
                    break;
                case DETAILS:
                    s.apply(Action.ENTER, "\r");
                    break;
                case HELP:
                    s.apply(Action.HELP, "?");
                    break;
                default:
                    break;
            }
            for (int[] wh : sizes) {
                List<AttributedString> lines = render(s, wh[0], wh[1]);
                assertEquals(wh[1], lines.size(), m + " " + wh[0] + "x" + wh[1]);
                for (AttributedString l : lines) {
                    assertTrue(l.columnLength() <= wh[0], m + " " + wh[0] + "x" + wh[1] + ": " + l);
                }
                // keys still work at that size, and the view keeps a selection
                s.apply(Action.DOWN, null);
                s.apply(Action.PAGE_DOWN, null);
            }
            if (m == LiveState.Mode.TABLE) {
                assertEquals(1, LiveScreen.tableRows(s, 80, 1), "at least one table row, never zero or less");
                assertEquals("sockscope", render(s, 80, 1).get(0).toString().substring(0, 9));
            }
        }
    }

    @Test
    void newRowsAreGreenClosedRowsRedAndDimSelectionInverse() {
        LiveState s = twoRefreshes(true);
        List<AttributedString> screen = render(s, 120, 40);
        AttributedStyle plain = AttributedStyle.DEFAULT;
        assertEquals(plain.foreground(AttributedStyle.GREEN).bold(), styleOf(screen, "10.0.0.5:40200"));
        assertEquals(plain.foreground(AttributedStyle.RED).faint(), styleOf(screen, "10.0.0.5:40112"));
        assertEquals(plain.inverse(), styleOf(screen, "tcp   0.0.0.0:80 "));
        assertEquals(plain, styleOf(screen, "tcp   0.0.0.0:22 "));
    }

    @Test
    void withoutColourNewRowsAreBoldAndClosedOnesDimAndStruckThrough() {
        LiveState s = twoRefreshes(false);
        List<AttributedString> screen = render(s, 120, 40);
        AttributedStyle plain = AttributedStyle.DEFAULT;
        assertEquals(plain.bold(), styleOf(screen, "10.0.0.5:40200"));
        assertEquals(plain.faint().crossedOut(), styleOf(screen, "10.0.0.5:40112"));
        for (AttributedString l : screen) {
            for (int i = 0; i < l.length(); i++) {
                long st = l.styleAt(i).getStyle();
                assertEquals(
                        0,
                        st
                                & ~(AttributedStyle.DEFAULT
                                        .bold()
                                        .faint()
                                        .crossedOut()
                                        .inverse()
                                        .underline()
                                        .getStyle()),
                        "no colour in: " + l);
            }
        }
    }

    @Test
    void headerShowsNotesFilterAndPause() {
        LiveState s = new LiveState(Fixtures.options(new LiveStateTest.FakeSource(), true), "testhost", ZoneOffset.UTC);
        s.accept(
                new Snapshot(Fixtures.baseRows(), 1, 7, "Owners are not reported on this platform."),
                LiveStateTest.TCP_UDP,
                LiveStateTest.T0);
        s.apply(Action.PAUSE, " ");
        s.apply(Action.TOGGLE_LISTENING, "l");
        s.failed("cannot open /proc/net/tcp: permission denied");
        List<String> head = render(s, 200, 40).subList(0, 5).stream()
                .map(l -> l.toString().stripTrailing())
                .toList();
        assertEquals(
                List.of(
                        "sockscope  testhost  03:04:05  every 1s   PAUSED",
                        "Sockets: 9 of 15  tcp 6  udp 3",
                        "States: LISTEN 6  UNCONN 3",
                        "Filter: none   Show: tcp udp ipv4 ipv6 listening-only",
                        "refresh failed: cannot open /proc/net/tcp: permission denied \u00b7 1 unparsed table line \u00b7 "
                                + "7 processes not inspectable (access denied): some owners unknown \u00b7 "
                                + "Owners are not reported on this platform."),
                head);
    }

    @Test
    void resolvedNamesReplaceRemoteAddressesAndAreSanitized() {
        LiveOptions o = Fixtures.options(new LiveStateTest.FakeSource(), true);
        o = new LiveOptions(
                o.source(),
                o.tables(),
                false,
                null,
                "",
                o.filterParser(),
                o.services(),
                o.interval(),
                true,
                false,
                Map.of("93.184.215.14", "example.org", "10.0.0.9", "evil\u001b[31m.test")::get,
                o.err());
        LiveState s = new LiveState(o, "testhost", ZoneOffset.UTC);
        s.accept(Fixtures.snapshot(Fixtures.baseRows()), LiveStateTest.TCP_UDP, LiveStateTest.T0);
        String t = text(render(s, 160, 40));
        assertTrue(t.contains("example.org:443"), t);
        assertTrue(t.contains("evil\\e[31m.test:60022"), t);
        assertTrue(t.contains("127.0.0.1:51234"), "unresolved stays numeric");
    }

    @Test
    void numericModeHasNoServiceColumn() {
        LiveOptions o = Fixtures.options(new LiveStateTest.FakeSource(), true);
        o = new LiveOptions(
                o.source(),
                o.tables(),
                false,
                null,
                "",
                o.filterParser(),
                o.services(),
                o.interval(),
                true,
                true,
                null,
                o.err());
        LiveState s = new LiveState(o, "testhost", ZoneOffset.UTC);
        s.accept(Fixtures.snapshot(Fixtures.baseRows()), LiveStateTest.TCP_UDP, LiveStateTest.T0);
        List<AttributedString> screen = render(s, 120, 40);
        String titles = screen.get(4).toString().stripTrailing();
        assertEquals(
                "Proto Local Address\u25b2                     Foreign Address                                State       PID/Program",
                titles);
    }

    @Test
    void elidesLongAddressesKeepingThePort() {
        assertEquals("[2001:db8\u2026]:443", Text.fitKeepTail("[2001:db8:85a3::8a2e:370:7334]:443", 15));
        assertEquals("93.184\u2026:443", Text.fitKeepTail("93.184.215.14:443", 11));
        assertEquals("\u2026.X11-unix/X0", Text.fitKeepTail("/tmp/.X11-unix/X0", 13));
        assertEquals("systemd-reso\u2026", Text.fit("systemd-resolve", 13));
        assertEquals("\u6f22\u2026", Text.fit("\u6f22\u5b57\u5b57", 4), "wide characters count two columns");
    }

    static AttributedStyle styleOf(List<AttributedString> screen, String needle) {
        for (AttributedString l : screen) {
            int i = l.toString().indexOf(needle);
            if (i >= 0) {
                return l.styleAt(i);
            }
        }
        fail("not on screen: " + needle + "\n" + text(screen));
        return null;
    }

    static String text(List<AttributedString> lines) {
        StringBuilder b = new StringBuilder();
        for (AttributedString l : lines) {
            b.append(l.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    /** Compares with {@code src/test/resources/live/NAME.txt}; on mismatch writes {@code NAME.txt.actual} beside it. */
    static void assertGolden(String name, List<AttributedString> lines) throws IOException {
        String actual = text(lines);
        Path golden = GOLDEN.resolve(name + ".txt");
        Path out = GOLDEN.resolve(name + ".txt.actual");
        String expected = Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : null;
        if (!actual.equals(expected)) {
            Files.writeString(out, actual, StandardCharsets.UTF_8);
            fail("screen differs from " + golden + "; see " + out);
        }
        Files.deleteIfExists(out);
    }
}
