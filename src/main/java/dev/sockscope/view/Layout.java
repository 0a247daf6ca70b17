package dev.sockscope.view;

import java.util.List;

/**
 * The one layout of a table of {@link Column}s, for {@code --list} and the live view: every
 * column at its natural width when the width allows (or is unlimited); else, in this order:
 *
 * <ol>
 *   <li>columns with no text in any row (a Service column without names, an Iface column of
 *       unbound sockets) are left out, all of them: their title alone is not worth a cell;
 *   <li>columns shrink, the one furthest above its least width first, their titles shortened
 *       ({@code Local} for {@code Local Address}) when they no longer fit; a column never shrinks
 *       below its short title (a header cut to {@code Pro…} says nothing), and State never below
 *       its widest cell ({@code ESTABLISHED}, {@code CLOSE_WAIT} cut are no longer states);
 *   <li>when even the least widths do not fit, the columns at the end are left out rather than
 *       cut further.
 * </ol>
 */
public final class Layout {
    private Layout() {}

    /**
     * @param columns the columns, in order
     * @param natural the cells each column's widest cell (title included) takes
     * @param width   the cells available, 0 for unlimited
     * @return each column's width; 0 for a column left out
     */
    public static int[] widths(List<Column> columns, int[] natural, int width) {
        return widths(columns, natural, null, width);
    }

    /**
     * @param columns the columns, in order
     * @param natural the cells each column's widest cell (title included) takes
     * @param cells   the cells each column's widest cell takes without its title (0: every cell
     *                empty; negative: not known), or null when not known for any
     * @param width   the cells available, 0 for unlimited
     * @return each column's width; 0 for a column left out
     */
    public static int[] widths(List<Column> columns, int[] natural, int[] cells, int width) {
        int n = columns.size();
        if (width <= 0 || total(natural, n) <= width) {
            return natural.clone();
        }
        boolean[] out = new boolean[n];
        if (cells != null) {
            for (int i = 0; i < n; i++) {
                out[i] = cells[i] == 0;
            }
        }
        int[] min = new int[n];
        for (int i = 0; i < n; i++) {
            Column c = columns.get(i);
            min[i] =
                    c == Column.STATE ? natural[i] : Math.min(natural[i], Math.max(c.min(), Cut.cells(c.shortTitle())));
        }
        for (int i = n - 1; i > 0 && total(min, out) > width; i--) {
            out[i] = true;
        }
        int kept = 0;
        for (int i = 0; i < n; i++) {
            kept += out[i] ? 0 : 1;
        }
        int[] keptNatural = new int[kept];
        int[] keptMin = new int[kept];
        for (int i = 0, k = 0; i < n; i++) {
            if (!out[i]) {
                keptNatural[k] = natural[i];
                keptMin[k++] = min[i];
            }
        }
        int[] fitted = Cut.fit(keptNatural, keptMin, TableWriter.GAP, width);
        int[] w = new int[n];
        for (int i = 0, k = 0; i < n; i++) {
            w[i] = out[i] ? 0 : fitted[k++];
        }
        return w;
    }

    /** The cells the first {@code count} columns take at these widths, gaps included. */
    private static int total(int[] a, int count) {
        int s = 0;
        for (int i = 0; i < count; i++) {
            s += a[i];
        }
        return s + TableWriter.GAP * Math.max(0, count - 1);
    }

    /** The cells the columns not left out take at these widths, gaps included. */
    private static int total(int[] a, boolean[] out) {
        int s = 0;
        int count = 0;
        for (int i = 0; i < a.length; i++) {
            if (!out[i]) {
                s += a[i];
                count++;
            }
        }
        return s + TableWriter.GAP * Math.max(0, count - 1);
    }
}
