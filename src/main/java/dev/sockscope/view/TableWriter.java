package dev.sockscope.view;

import dev.sockscope.model.SocketRow;
import java.io.IOException;
import java.util.List;

/**
 * The human table of {@code --list}: netstat {@code -ano} columns plus Service.
 *
 * <p>Piped (no width): every column at its natural width, nothing cut. On a terminal: cut to
 * the terminal's width, the widest columns first, with {@code …}. Cells come from
 * {@link Cells}, already sanitized; the only control bytes written are the optional bold
 * header (colour on a terminal only).
 */
public final class TableWriter {
    private static final int GAP = 2;
    private static final int[] MIN = {4, 12, 10, 5, 8, 4};

    private final Cells cells;
    private final boolean serviceColumn;
    private final int width;
    private final boolean bold;

    /**
     * @param serviceColumn false with {@code -n}
     * @param width         terminal columns, or 0 for unlimited (piped)
     * @param bold          bold header (only on a colour terminal)
     */
    public TableWriter(Cells cells, boolean serviceColumn, int width, boolean bold) {
        this.cells = cells;
        this.serviceColumn = serviceColumn;
        this.width = width;
        this.bold = bold;
    }

    public void write(List<SocketRow> rows, Appendable out) throws IOException {
        int cols = serviceColumn ? Cells.HEADERS.length : Cells.HEADERS.length - 1;
        String[][] table = new String[rows.size()][];
        int[] natural = new int[cols];
        for (int c = 0; c < cols; c++) {
            natural[c] = Cells.HEADERS[c].length();
        }
        for (int r = 0; r < table.length; r++) {
            table[r] = cells.of(rows.get(r));
            for (int c = 0; c < cols; c++) {
                natural[c] = Math.max(natural[c], Cells.width(table[r][c]));
            }
        }
        int[] w = width > 0 ? Cells.fit(natural, java.util.Arrays.copyOf(MIN, cols), GAP, width) : natural;
        StringBuilder line = new StringBuilder(256);
        if (bold) {
            out.append("\033[1m");
        }
        appendLine(line, Cells.HEADERS, w, cols);
        out.append(line);
        if (bold) {
            out.append("\033[0m");
        }
        out.append('\n');
        for (String[] row : table) {
            appendLine(line, row, w, cols);
            out.append(line).append('\n');
        }
    }

    private static void appendLine(StringBuilder line, String[] cells, int[] w, int cols) {
        line.setLength(0);
        for (int c = 0; c < cols; c++) {
            String cell = Cells.elide(cells[c], w[c]);
            line.append(cell);
            if (c < cols - 1) {
                for (int pad = w[c] - Cells.width(cell) + GAP; pad > 0; pad--) {
                    line.append(' ');
                }
            }
        }
    }
}
