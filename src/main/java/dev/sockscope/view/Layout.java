package dev.sockscope.view;

import java.util.List;

/**
 * The one layout of a table of {@link Column}s, for {@code --list} and the live view: every
 * column at its natural width when the width allows (or is unlimited); else columns shrink, the
 * one furthest above its least width first, its title shortened ({@code Local} for
 * {@code Local Address}) when it no longer fits; a column never shrinks below its short title (a
 * header cut to {@code Pro…} says nothing), so when even the least widths do not fit, the
 * columns at the end are left out rather than cut further.
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
        int n = columns.size();
        if (width <= 0) {
            return natural.clone();
        }
        int[] min = new int[n];
        for (int i = 0; i < n; i++) {
            Column c = columns.get(i);
            min[i] = Math.min(natural[i], Math.max(c.min(), Cut.cells(c.shortTitle())));
        }
        int shown = n;
        while (shown > 1 && sum(min, shown) + TableWriter.GAP * (shown - 1) > width) {
            shown--;
        }
        int[] w = Cut.fit(
                java.util.Arrays.copyOf(natural, shown), java.util.Arrays.copyOf(min, shown), TableWriter.GAP, width);
        return java.util.Arrays.copyOf(w, n);
    }

    private static int sum(int[] a, int count) {
        int s = 0;
        for (int i = 0; i < count; i++) {
            s += a[i];
        }
        return s;
    }
}
