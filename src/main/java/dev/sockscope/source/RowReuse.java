package dev.sockscope.source;

import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The rows of the read before, by inode, so that a socket whose every field is as it was is
 * handed out as the same {@link SocketRow} object again. On a host with 80,000 mostly idle
 * connections a refresh then makes almost no long-lived objects (the garbage collector stops
 * copying a new copy of the table into the old generation each second), and what compares
 * reads (the live view's diff) finds unchanged rows by identity. A row is reused only when
 * entry, holders and user are equal: nothing shown can differ. Not thread-safe: one per source.
 */
public final class RowReuse {
    private long[] keys = new long[0];
    private SocketRow[] rows = new SocketRow[0];
    private long[] nextKeys = new long[16];
    private SocketRow[] nextRows = new SocketRow[16];
    private int nextSize;

    /** Starts a read of about {@code expected} rows: the last read's rows become the ones to reuse. */
    public void start(int expected) {
        long[] k = keys;
        SocketRow[] r = rows;
        keys = nextKeys;
        rows = nextRows;
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        if (k.length < cap) {
            k = new long[cap];
            r = new SocketRow[cap];
        } else {
            Arrays.fill(k, 0L);
            Arrays.fill(r, null);
        }
        nextKeys = k;
        nextRows = r;
        nextSize = 0;
    }

    /** The row of {@code e}: the read before's object when nothing in it changed, else a new one. */
    public SocketRow row(SocketEntry e, List<Holder> holders, String user) {
        long inode = e.inode();
        if (inode <= 0) {
            return new SocketRow(e, holders, user);
        }
        SocketRow before = find(keys, rows, inode);
        SocketRow r = before != null
                        && before.entry().equals(e)
                        && before.holders().equals(holders)
                        && Objects.equals(before.user(), user)
                ? before
                : new SocketRow(e, holders, user);
        if (nextSize * 2 < nextKeys.length) {
            put(r);
        }
        return r;
    }

    private void put(SocketRow r) {
        long inode = r.entry().inode();
        int mask = nextKeys.length - 1;
        int i = slot(inode, mask);
        while (nextKeys[i] != 0 && nextKeys[i] != inode) {
            i = (i + 1) & mask;
        }
        if (nextKeys[i] == 0) {
            nextSize++;
        }
        nextKeys[i] = inode;
        nextRows[i] = r;
    }

    private static SocketRow find(long[] keys, SocketRow[] rows, long inode) {
        if (keys.length == 0) {
            return null;
        }
        int mask = keys.length - 1;
        for (int i = slot(inode, mask); keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == inode) {
                return rows[i];
            }
        }
        return null;
    }

    private static int slot(long inode, int mask) {
        long h = inode * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
