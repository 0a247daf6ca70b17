package dev.sockscope.view;

import dev.sockscope.model.SocketRow;
import java.io.IOException;
import java.util.List;

/**
 * The human table of {@code --list}: the chosen {@link Column}s, netstat {@code -ano}'s plus
 * Service by default.
 *
 * <p>Piped, or with {@code -W} (no width): every column at its natural width, nothing cut. On a
 * terminal: fitted to its width by {@link Layout}, each cell cut by its column's rule (an
 * endpoint keeps its port). Widths are terminal cells
 * ({@link Cut#cells}), as in the live view. Cells come from {@link Column#text}, already
 * sanitized; the only control bytes written are the optional bold header (colour on a terminal
 * only).
 */
public final class TableWriter {
    /** Spaces between columns. */
    public static final int GAP = 2;

    private final List<Column> columns;
    private final Column.Context context;
    private final int width;
    private final boolean bold;
    private final Cut cut;

    /**
     * @param columns which columns, in order
     * @param context port names, reverse DNS, caches
     * @param width   terminal cells, or 0 for unlimited (piped, {@code -W})
     * @param bold    bold header (only on a colour terminal)
     * @param cut     how cut cells end
     */
    public TableWriter(List<Column> columns, Column.Context context, int width, boolean bold, Cut cut) {
        this.columns = List.copyOf(columns);
        this.context = context;
        this.width = width;
        this.bold = bold;
        this.cut = cut;
    }

    public void write(List<SocketRow> rows, Appendable out) throws IOException {
        int cols = columns.size();
        String[] titles = new String[cols];
        int[] titleWidths = new int[cols];
        for (int c = 0; c < cols; c++) {
            titles[c] = columns.get(c).title();
            titleWidths[c] = Cut.cells(titles[c]);
        }
        String[][] table = new String[rows.size()][];
        int[] widths = new int[table.length * cols]; // each cell's, worked out once
        int[] natural = titleWidths.clone();
        int[] widest = new int[cols]; // without the title: 0 for a column with no text in any row
        // per column, the last cell and its width: rows in a run share one state, holder or
        // service string, measured once
        String[] lastCell = new String[cols];
        int[] lastWidth = new int[cols];
        for (int r = 0; r < table.length; r++) {
            SocketRow row = rows.get(r);
            String[] cells = new String[cols];
            for (int c = 0; c < cols; c++) {
                String cell = columns.get(c).text(row, context);
                cells[c] = cell;
                int cw;
                if (cell == lastCell[c]) {
                    cw = lastWidth[c];
                } else {
                    cw = Cut.cells(cell);
                    lastCell[c] = cell;
                    lastWidth[c] = cw;
                }
                widths[r * cols + c] = cw;
                natural[c] = Math.max(natural[c], cw);
                widest[c] = Math.max(widest[c], cw);
            }
            table[r] = cells;
        }
        int[] w = Layout.widths(columns, natural, table.length == 0 ? null : widest, width);
        for (int c = 0; c < cols; c++) {
            if (w[c] > 0 && w[c] < titleWidths[c]) {
                titles[c] = columns.get(c).title(w[c]);
                titleWidths[c] = Cut.cells(titles[c]);
            }
        }
        // lines gather in one buffer that goes out every 64 KiB, not one string per line
        StringBuilder buf = new StringBuilder(1 << 17);
        if (bold) {
            buf.append("\033[1m");
        }
        appendLine(buf, titles, titleWidths, 0, w);
        if (bold) {
            buf.append("\033[0m");
        }
        buf.append('\n');
        for (int r = 0; r < table.length; r++) {
            appendLine(buf, table[r], widths, r * cols, w);
            buf.append('\n');
            if (buf.length() >= 1 << 16) {
                out.append(buf);
                buf.setLength(0);
            }
        }
        out.append(buf);
    }

    /**
     * Appends one line: each cell cut to its column's width and padded (right-aligned columns on
     * the left), {@link #GAP} spaces apart; no trailing spaces.
     *
     * @param widths the cells' own widths, from {@code at}
     */
    private void appendLine(StringBuilder buf, String[] cells, int[] widths, int at, int[] w) {
        int start = buf.length();
        int cols = cells.length;
        while (cols > 0 && w[cols - 1] == 0) {
            cols--; // left out: the terminal is too narrow for it
        }
        boolean first = true;
        for (int c = 0; c < cols; c++) {
            if (w[c] == 0) {
                continue; // left out: empty in every row, or no room for it
            }
            if (!first) {
                for (int g = 0; g < GAP; g++) {
                    buf.append(' ');
                }
            }
            first = false;
            Column col = columns.get(c);
            String cell = cells[c];
            int cw = widths[at + c];
            if (cw > w[c]) {
                cell = col.cut(cell, w[c], cut);
                cw = Cut.cells(cell);
            }
            int pad = w[c] - cw;
            if (col.align() == Column.Align.RIGHT) {
                for (; pad > 0; pad--) {
                    buf.append(' ');
                }
            }
            buf.append(cell);
            if (c < cols - 1) {
                for (; pad > 0; pad--) {
                    buf.append(' ');
                }
            }
        }
        int end = buf.length();
        while (end > start && buf.charAt(end - 1) == ' ') {
            end--;
        }
        buf.setLength(end);
    }
}
