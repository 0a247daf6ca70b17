package dev.sockscope.view.net;

import dev.sockscope.view.Cut;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A plain left-aligned text table, columns two spaces apart, widths in terminal cells; trailing blanks trimmed. */
final class NetTable {
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    NetTable(String... headers) {
        this.headers = headers;
    }

    void add(String... cells) {
        rows.add(cells);
    }

    void write(Appendable out) throws IOException {
        int[] w = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            w[c] = Cut.cells(headers[c]);
        }
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                w[c] = Math.max(w[c], Cut.cells(r[c] == null ? "" : r[c]));
            }
        }
        line(out, headers, w);
        for (String[] r : rows) {
            line(out, r, w);
        }
    }

    private static void line(Appendable out, String[] cells, int[] w) throws IOException {
        StringBuilder b = new StringBuilder(120);
        for (int c = 0; c < cells.length; c++) {
            String s = cells[c] == null ? "" : cells[c];
            b.append(s);
            if (c < cells.length - 1) {
                for (int k = Cut.cells(s); k < w[c] + 2; k++) {
                    b.append(' ');
                }
            }
        }
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == ' ') {
            end--;
        }
        b.setLength(end);
        out.append(b).append('\n');
    }
}
