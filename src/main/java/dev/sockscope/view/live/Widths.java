package dev.sockscope.view.live;

import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.source.InOrder;
import dev.sockscope.view.Column;
import dev.sockscope.view.Cut;
import java.util.List;

/**
 * The width of every cell of a read's rows (and of the rows closed since the read before), in
 * terminal cells, kept from read to read: a row handed on unchanged — the same object, as
 * {@link dev.sockscope.source.RowReuse} hands out a socket whose every field is as it was —
 * keeps its widths, and only new and changed rows are measured. A frame's width of a column is
 * then the widest of the rows it shows, with no text made for a row seen before. Only columns
 * whose cell depends on the row alone are kept ({@link #kept}); the Peer column looks at
 * another row and is measured by the frame.
 *
 * <p>Not thread-safe: the worker's {@link Preparer} owns it.
 */
final class Widths {
    private static final Column[] ALL = Column.values();
    private static final int COLUMNS = ALL.length;

    private List<SocketRow> rows = List.of();
    private List<SocketRow> closed = List.of();
    /** Per column (by ordinal) the width of each row of {@link #rows}; null: not kept. */
    private final int[][] at = new int[COLUMNS][];
    /** The arrays {@link #at} had before the last read, to be written over by the next. */
    private final int[][] spare = new int[COLUMNS][];
    /** The same for {@link #closed}. */
    private final int[][] closedAt = new int[COLUMNS][];
    /** Per kept column, the widest of {@link #rows}, and of them and {@link #closed}. */
    private final int[] widestRow = new int[COLUMNS];

    private final int[] widest = new int[COLUMNS];

    /** Whether a column's cell is a function of its row alone (with the fixed port names). */
    static boolean kept(Column c) {
        return c != Column.PEER;
    }

    /**
     * Brings the widths to a read's rows and its closed rows (lists that are the same objects
     * as at the last call are taken as unchanged), for the kept columns of {@code cols}: a
     * column not kept before is measured over every row; kept columns no longer asked for are
     * dropped.
     */
    void update(List<SocketRow> now, List<SocketRow> closedNow, List<Column> cols, Column.Context ctx) {
        boolean[] want = new boolean[COLUMNS];
        for (Column c : cols) {
            want[c.ordinal()] = kept(c);
        }
        boolean moved = now != rows && realign(now, ctx);
        if (closedNow != closed) {
            closed = closedNow;
            for (int c = 0; c < COLUMNS; c++) {
                if (closedAt[c] != null) {
                    closedAt[c] = measure(ALL[c], closedNow, ctx);
                }
            }
        }
        for (int c = 0; c < COLUMNS; c++) {
            if (!want[c]) {
                at[c] = null;
                spare[c] = null;
                closedAt[c] = null;
                widestRow[c] = 0;
            } else if (at[c] == null) {
                at[c] = measure(ALL[c], rows, ctx);
                closedAt[c] = measure(ALL[c], closed, ctx);
                widestRow[c] = max(at[c], rows.size());
            } else if (moved) {
                widestRow[c] = max(at[c], rows.size());
            }
            widest[c] = want[c] ? Math.max(widestRow[c], max(closedAt[c], closed.size())) : 0;
        }
    }

    /**
     * The widths of the kept columns for {@code now}: a row that is the same object as one of
     * the last rows keeps its widths, found at the same index or, after rows opened and closed,
     * among the next {@value InOrder#LOOK_AHEAD} after the last one found (both lists are in the
     * kernel's order, as {@link InOrder} finds them); the others are
     * measured. Returns false when every row is the one before at the same index.
     */
    private boolean realign(List<SocketRow> now, Column.Context ctx) {
        List<SocketRow> before = rows;
        rows = now;
        int n = now.size();
        int same = 0;
        if (before.size() == n) {
            for (int i = 0; i < n; i++) {
                if (before.get(i) == now.get(i)) {
                    same++;
                }
            }
            if (same == n) {
                return false;
            }
        }
        int[][] next = new int[COLUMNS][];
        for (int c = 0; c < COLUMNS; c++) {
            if (at[c] != null) {
                // the arrays of the read before last, when long enough: no garbage per read
                next[c] = spare[c] != null && spare[c].length >= n ? spare[c] : new int[n + n / 8];
            }
        }
        int cursor = 0;
        for (int i = 0; i < n; i++) {
            SocketRow r = now.get(i);
            int j = -1;
            for (int k = cursor, end = Math.min(before.size(), cursor + InOrder.LOOK_AHEAD); k < end; k++) {
                if (before.get(k) == r) {
                    j = k;
                    cursor = k + 1;
                    break;
                }
            }
            for (int c = 0; c < COLUMNS; c++) {
                if (next[c] != null) {
                    next[c][i] = j >= 0 ? at[c][j] : width(ALL[c], r, ctx);
                }
            }
        }
        System.arraycopy(at, 0, spare, 0, COLUMNS);
        System.arraycopy(next, 0, at, 0, COLUMNS);
        return true;
    }

    private static int[] measure(Column c, List<SocketRow> rows, Column.Context ctx) {
        int[] out = new int[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = width(c, rows.get(i), ctx);
        }
        return out;
    }

    /** The largest of the first {@code n}, or 0. */
    private static int max(int[] a, int n) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }

    /** The widest cell of a kept column over all of the rows and closed rows of the last {@link #update}. */
    int widest(Column c) {
        return widest[c.ordinal()];
    }

    /**
     * The widest cell of each kept column in {@code w} (by index of {@code cols}) over the rows
     * and closed rows that {@code settings} shows, raised in place.
     */
    void widestShown(List<Column> cols, Settings settings, int[] w) {
        for (int k = 0; k < 2; k++) {
            List<SocketRow> list = k == 0 ? rows : closed;
            int[][] widths = k == 0 ? at : closedAt;
            for (int i = 0; i < list.size(); i++) {
                if (!settings.shows(list.get(i))) {
                    continue;
                }
                for (int j = 0; j < w.length; j++) {
                    int[] a = widths[cols.get(j).ordinal()];
                    if (a != null) {
                        w[j] = Math.max(w[j], a[i]);
                    }
                }
            }
        }
    }

    /**
     * The cells of {@link Column#text}, without making the text where it is a number (inode,
     * queues, uid, pid): at 80,000 rows a string per cell is most of a frame's garbage.
     */
    static int width(Column c, SocketRow r, Column.Context ctx) {
        SocketEntry e = r.entry();
        switch (c) {
            case INODE:
                return number(e.inode());
            case RECVQ:
                return number(e.recvQ());
            case SENDQ:
                return number(e.sendQ());
            case UID:
                return number(e.uid());
            case PID:
                return r.owner() == null ? 1 : number(r.owner().pid());
            case STATE:
                return e.state().name().length(); // Cells.state: the name, ASCII
            default:
                return Cut.cells(c.text(r, ctx));
        }
    }

    /** Digits of a count, or 1 for {@link SocketEntry#UNKNOWN} (shown as {@code -}). */
    private static int number(long v) {
        if (v < 0) {
            return 1;
        }
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }
}
