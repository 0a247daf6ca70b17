package dev.sockscope.source;

import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import java.util.List;
import java.util.Objects;

/**
 * The rows of the read before, so that a socket whose every field is as it was is handed out
 * as the same {@link SocketRow} object again. On a host with 80,000 mostly idle connections a
 * refresh then makes almost no long-lived objects (the garbage collector stops copying a new
 * copy of the table into the old generation each second), and what compares reads (the live
 * view's diff) finds unchanged rows by identity. A row is reused only when entry, holders and
 * user are equal: nothing shown can differ. Rows are found by inode in the kernel's order
 * ({@link InOrder}), in {@code /proc/net} and over netlink alike. Not thread-safe: one per
 * source.
 */
public final class RowReuse {
    private final InOrder<SocketRow> rows = new InOrder<>();
    /** The last read's rows as {@link #finish} returned them. */
    private List<SocketRow> last = List.of();
    /** Rows handed out in this read. */
    private int handed;
    /** Whether each row handed out in this read is the last read's row at the same place. */
    private boolean same;

    /** Starts a read: the last read's rows become the ones to reuse. */
    public void start() {
        rows.start();
        handed = 0;
        same = true;
    }

    /**
     * Ends a read whose rows, in order, are {@code read} (each from {@link #row}): an
     * unmodifiable list of them, which is the last read's list itself when every row is the
     * last read's row at the same place. A quiet host's reads are then one list, and what
     * compares reads (the live view) can tell that nothing changed by identity, without a pass.
     */
    public List<SocketRow> finish(List<SocketRow> read) {
        if (same && handed == last.size() && read.size() == handed) {
            return last;
        }
        last = List.copyOf(read);
        return last;
    }

    /** The row of {@code e}: the read before's object when nothing in it changed, else a new one. */
    public SocketRow row(SocketEntry e, List<Holder> holders, String user) {
        long inode = e.inode();
        if (inode <= 0) {
            same = false;
            handed++;
            return new SocketRow(e, holders, user);
        }
        int i = rows.find(inode);
        SocketRow old = i < 0 ? null : rows.before(i);
        // identity first: an unchanged message gives the same entry object (netlink's MessageReuse)
        SocketRow r = old != null
                        && (old.entry() == e || old.entry().equals(e))
                        && (old.holders() == holders || old.holders().equals(holders))
                        && Objects.equals(old.user(), user)
                ? old
                : new SocketRow(e, holders, user);
        rows.add(inode, r);
        same = same && handed < last.size() && last.get(handed) == r;
        handed++;
        return r;
    }
}
