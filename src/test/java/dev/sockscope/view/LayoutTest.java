package dev.sockscope.view;

import static dev.sockscope.testing.Rows.SERVICES;
import static dev.sockscope.testing.Rows.holder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.testing.Rows;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The table at 60, 80 and 120 columns: columns with no text in any row go before any other is
 * cut, State is never cut, no line is wider than the terminal, and what fits is not touched.
 */
class LayoutTest {
    // a client and its server, a v6 connection, none bound to a device, no port worth a name
    private final List<SocketRow> rows = List.of(
            Rows.tcp4(
                    "127.0.0.1",
                    41000,
                    "127.0.0.1",
                    47123,
                    State.ESTABLISHED,
                    12,
                    holder(900, "python3", "python3 client.py")),
            Rows.tcp4(
                    "127.0.0.1",
                    47123,
                    "127.0.0.1",
                    41000,
                    State.ESTABLISHED,
                    13,
                    holder(901, "sockscope-throttle", "x")),
            Rows.tcp6(
                    "2001:db8::15",
                    50512,
                    "2001:db8:1:2::9",
                    48213,
                    State.CLOSE_WAIT,
                    14,
                    holder(902, "java", "java -jar app.jar")));

    private static final List<Column> COLUMNS = List.of(
            Column.PROTO, Column.LOCAL, Column.REMOTE, Column.STATE, Column.IFACE, Column.OWNER, Column.SERVICE);

    private String table(int width) throws IOException {
        StringBuilder out = new StringBuilder();
        new TableWriter(COLUMNS, new Column.Context(SERVICES, null), width, false, Cut.UNICODE).write(rows, out);
        return out.toString();
    }

    private static void fitsIn(String table, int width) {
        for (String line : table.split("\n")) {
            assertTrue(Cut.cells(line) <= width, "wider than " + width + ": " + line + "\n" + table);
        }
    }

    @Test
    void theEllipsisTakesTheCellsItIsGiven() {
        assertEquals(1, Cut.cells(Cut.UNICODE.ellipsis()));
        assertEquals(1, Cut.cells(Cut.ASCII.ellipsis()));
        assertEquals("abc\u2026", Cut.UNICODE.end("abcdef", 4));
        assertEquals("abc~", Cut.ASCII.end("abcdef", 4));
    }

    @Test
    void at60EmptyColumnsGoFirstAndStateIsWhole() throws IOException {
        String t = table(60);
        fitsIn(t, 60);
        String[] lines = t.split("\n");
        assertFalse(lines[0].contains("Iface") || lines[0].contains("Service"), "empty columns left out:\n" + t);
        assertTrue(lines[0].contains("State"), t);
        assertTrue(lines[1].contains(" ESTABLISHED "), "State whole:\n" + t);
        assertTrue(lines[2].contains(" ESTABLISHED "), t);
        assertTrue(lines[3].contains(" CLOSE_WAIT "), t);
        assertTrue(lines[0].contains("PID/Prog"), "the owner keeps a column:\n" + t);
        assertTrue(lines[1].contains("900/"), t);
        // the endpoints are cut in their middle and keep their ports
        assertTrue(lines[3].contains("]:50512") && lines[3].contains("]:48213"), t);
    }

    @Test
    void at80NothingNonEmptyIsLeftOut() throws IOException {
        String t = table(80);
        fitsIn(t, 80);
        String[] lines = t.split("\n");
        assertTrue(lines[1].contains("127.0.0.1:41000") && lines[1].contains("127.0.0.1:47123"), t);
        assertTrue(lines[2].contains(" ESTABLISHED ") && lines[2].contains("901/sockscope-"), t);
        assertTrue(lines[3].contains(" CLOSE_WAIT "), t);
        assertFalse(lines[0].contains("Iface"), "an empty column does not take room a cut cell needs:\n" + t);
    }

    @Test
    void at120EverythingFitsAsIs() throws IOException {
        String t = table(120);
        assertEquals(table(0), t, "a width that fits changes nothing");
        assertTrue(t.split("\n")[0].contains("Iface") && t.split("\n")[0].contains("Service"), t);
        assertTrue(t.contains("[2001:db8::15]:50512") && t.contains("901/sockscope-throttle"), t);
    }

    @Test
    void withoutRowsTheTitlesAreLaidOutAsBefore() throws IOException {
        StringBuilder out = new StringBuilder();
        new TableWriter(COLUMNS, new Column.Context(SERVICES, null), 40, false, Cut.UNICODE).write(List.of(), out);
        fitsIn(out.toString(), 40);
        assertTrue(out.toString().startsWith("Proto  Local"), out.toString());
    }

    @Test
    void theLayoutItself() {
        List<Column> cols = List.of(Column.PROTO, Column.LOCAL, Column.STATE, Column.SERVICE, Column.OWNER);
        int[] natural = {5, 30, 11, 7, 20};
        int[] cells = {4, 30, 11, 0, 20};
        // 5+30+11+7+20 + 8 gaps = 81: at 74 the empty Service goes (72 left), nothing else changes
        assertEquals(List.of(5, 30, 11, 0, 20), list(Layout.widths(cols, natural, cells, 74)));
        // at 60 the widest shrinks first, State stays 11
        int[] w = Layout.widths(cols, natural, cells, 60);
        assertEquals(11, w[2]);
        assertEquals(0, w[3]);
        assertEquals(60, w[0] + w[1] + w[2] + w[4] + 6);
        // unknown emptiness: the old rule (shrink, then leave out at the end)
        assertEquals(81, sum(Layout.widths(cols, natural, null, 0)) + 8);
        assertTrue(Layout.widths(cols, natural, null, 60)[3] > 0);
    }

    private static List<Integer> list(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }

    private static int sum(int[] a) {
        return java.util.Arrays.stream(a).sum();
    }
}
