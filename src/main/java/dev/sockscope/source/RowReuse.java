package dev.sockscope.source;

import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.owner.LongMap;
import java.util.List;
import java.util.Objects;

/**
 * The rows of the read before, by inode, so that a socket whose every field is as it was is
 * handed out as the same {@link SocketRow} object again. On a host with 80,000 mostly idle
 * connections a refresh then makes almost no long-lived objects (the garbage collector stops
 * copying a new copy of the table into the old generation each second), and what compares
 * reads (the live view's diff) finds unchanged rows by identity. A row is reused only when
 * entry, holders and user are equal: nothing shown can differ. Two maps take turns (the read
 * before's and this one's), cleared rather than made anew. Not thread-safe: one per source.
 */
public final class RowReuse {
    private LongMap<SocketRow> before = new LongMap<>(0);
    private LongMap<SocketRow> now = new LongMap<>(0);

    /** Starts a read: the last read's rows become the ones to reuse. */
    public void start() {
        LongMap<SocketRow> older = before;
        before = now;
        now = older;
        now.clear();
    }

    /** The row of {@code e}: the read before's object when nothing in it changed, else a new one. */
    public SocketRow row(SocketEntry e, List<Holder> holders, String user) {
        long inode = e.inode();
        if (inode <= 0) {
            return new SocketRow(e, holders, user);
        }
        SocketRow old = before.get(inode);
        // identity first: an unchanged message gives the same entry object (netlink's MessageReuse)
        SocketRow r = old != null
                        && (old.entry() == e || old.entry().equals(e))
                        && (old.holders() == holders || old.holders().equals(holders))
                        && Objects.equals(old.user(), user)
                ? old
                : new SocketRow(e, holders, user);
        now.put(inode, r);
        return r;
    }
}
