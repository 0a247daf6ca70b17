package dev.sockscope.source;

import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The rows of the read before, so that a socket whose every field is as it was is handed out
 * as the same {@link SocketRow} object again. On a host with 80,000 mostly idle connections a
 * refresh then makes almost no long-lived objects (the garbage collector stops copying a new
 * copy of the table into the old generation each second), and what compares reads (the live
 * view's diff) finds unchanged rows by identity. A row is reused only when entry, holders and
 * user are equal: nothing shown can differ.
 *
 * <p>The kernel lists sockets in the order of its hash tables, the same from one read to the
 * next but for sockets opened and closed (in {@code /proc/net} and over netlink alike). So the
 * read before is kept in order, with its inodes in an array of their own, and each row is
 * looked for at a cursor that moves along it, among the next {@value #LOOK_AHEAD} by inode: a
 * closed socket is stepped over, a new one is not found. Memory is read in order, where a hash
 * table by inode cost a cache miss or more per row. Two buffers take turns. Not thread-safe:
 * one per source.
 */
public final class RowReuse {
    static final int LOOK_AHEAD = 16;

    private Kept before = new Kept();
    private Kept now = new Kept();
    private int cursor;

    /** Rows in the order they were made, with their inodes. */
    private static final class Kept {
        long[] inodes = new long[0];
        SocketRow[] rows = new SocketRow[0];
        int count;

        void clear() {
            Arrays.fill(rows, 0, count, null);
            count = 0;
        }

        void add(long inode, SocketRow r) {
            if (count == rows.length) {
                int n = Math.max(64, count * 2);
                inodes = Arrays.copyOf(inodes, n);
                rows = Arrays.copyOf(rows, n);
            }
            inodes[count] = inode;
            rows[count] = r;
            count++;
        }
    }

    /** Starts a read: the last read's rows become the ones to reuse. */
    public void start() {
        Kept older = before;
        before = now;
        now = older;
        now.clear();
        cursor = 0;
    }

    /** The row of {@code e}: the read before's object when nothing in it changed, else a new one. */
    public SocketRow row(SocketEntry e, List<Holder> holders, String user) {
        long inode = e.inode();
        if (inode <= 0) {
            return new SocketRow(e, holders, user);
        }
        SocketRow r = null;
        int end = Math.min(before.count, cursor + LOOK_AHEAD);
        for (int i = cursor; i < end; i++) {
            if (before.inodes[i] == inode) {
                cursor = i + 1;
                SocketRow old = before.rows[i];
                // identity first: an unchanged message gives the same entry object (netlink's MessageReuse)
                if ((old.entry() == e || old.entry().equals(e))
                        && (old.holders() == holders || old.holders().equals(holders))
                        && Objects.equals(old.user(), user)) {
                    r = old;
                }
                break;
            }
        }
        if (r == null) {
            r = new SocketRow(e, holders, user);
        }
        now.add(inode, r);
        return r;
    }
}
