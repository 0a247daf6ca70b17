package dev.sockscope.view;

import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.service.ServiceRegistry;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

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

    private final ServiceRegistry services;
    private final Function<String, String> resolver;
    private final int width;
    private final boolean bold;

    /**
     * @param services names ports; null with {@code -n}, which also drops the Service column
     * @param resolver remote address to host name, null when not known; null for numeric addresses
     * @param width    terminal columns, or 0 for unlimited (piped)
     * @param bold     bold header (only on a colour terminal)
     */
    public TableWriter(ServiceRegistry services, Function<String, String> resolver, int width, boolean bold) {
        this.services = services;
        this.resolver = resolver;
        this.width = width;
        this.bold = bold;
    }

    private String[] cells(SocketRow row, Cells.PidPrograms pidPrograms) {
        SocketEntry e = row.entry();
        String host = resolver != null && e.proto() != Proto.UNIX && !e.hasWildcardPeer()
                ? resolver.apply(e.remoteAddress())
                : null;
        return new String[] {
            Cells.proto(e),
            Cells.local(e),
            Cells.remote(e, host),
            Cells.state(e),
            pidPrograms.of(row),
            services == null ? "" : Cells.service(e, services)
        };
    }

    public void write(List<SocketRow> rows, Appendable out) throws IOException {
        int cols = services != null ? Cells.HEADERS.length : Cells.HEADERS.length - 1;
        String[][] table = new String[rows.size()][];
        int[] widths = new int[table.length * cols]; // each cell's, worked out once
        int[] headerWidths = new int[cols];
        for (int c = 0; c < cols; c++) {
            headerWidths[c] = Cells.HEADERS[c].length();
        }
        int[] natural = headerWidths.clone();
        Cells.PidPrograms pidPrograms = new Cells.PidPrograms();
        for (int r = 0; r < table.length; r++) {
            table[r] = cells(rows.get(r), pidPrograms);
            for (int c = 0; c < cols; c++) {
                int cw = Cells.width(table[r][c]);
                widths[r * cols + c] = cw;
                natural[c] = Math.max(natural[c], cw);
            }
        }
        int[] w = width > 0 ? Cells.fit(natural, java.util.Arrays.copyOf(MIN, cols), GAP, width) : natural;
        // lines gather in one buffer that goes out every 64 KiB, not one string per line
        StringBuilder buf = new StringBuilder(1 << 17);
        if (bold) {
            buf.append("\033[1m");
        }
        appendLine(buf, Cells.HEADERS, headerWidths, 0, w, cols);
        if (bold) {
            buf.append("\033[0m");
        }
        buf.append('\n');
        for (int r = 0; r < table.length; r++) {
            appendLine(buf, table[r], widths, r * cols, w, cols);
            buf.append('\n');
            if (buf.length() >= 1 << 16) {
                out.append(buf);
                buf.setLength(0);
            }
        }
        out.append(buf);
    }

    /**
     * Appends one line: each cell cut to its column's width, padded with spaces to the next
     * column; no trailing spaces.
     *
     * @param widths the cells' own widths, from {@code at}
     */
    private static void appendLine(StringBuilder buf, String[] cells, int[] widths, int at, int[] w, int cols) {
        int start = buf.length();
        for (int c = 0; c < cols; c++) {
            String cell = cells[c];
            int cw = widths[at + c];
            if (cw > w[c]) {
                cell = Cells.elide(cell, w[c]);
                cw = Cells.width(cell);
            }
            buf.append(cell);
            if (c < cols - 1) {
                for (int pad = w[c] - cw + GAP; pad > 0; pad--) {
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
