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

    private String[] cells(SocketRow row) {
        SocketEntry e = row.entry();
        String host = resolver != null && e.proto() != Proto.UNIX && !e.hasWildcardPeer()
                ? resolver.apply(e.remoteAddress()) : null;
        return new String[] {
            Cells.proto(e), Cells.local(e), Cells.remote(e, host), Cells.state(e), Cells.pidProgram(row),
            services == null ? "" : Cells.service(e, services)
        };
    }

    public void write(List<SocketRow> rows, Appendable out) throws IOException {
        int cols = services != null ? Cells.HEADERS.length : Cells.HEADERS.length - 1;
        String[][] table = new String[rows.size()][];
        int[] natural = new int[cols];
        for (int c = 0; c < cols; c++) {
            natural[c] = Cells.HEADERS[c].length();
        }
        for (int r = 0; r < table.length; r++) {
            table[r] = cells(rows.get(r));
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
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        line.setLength(end);
    }
}
