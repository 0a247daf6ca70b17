package dev.sockscope.view;

import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The other end of a unix socket: the row of a snapshot whose inode is a row's
 * {@link dev.sockscope.model.Details#peerInode()}, found among every row read (not only the
 * selected ones, so a peer outside the selection is found). Socket inodes are unique across
 * network namespaces, so a peer read in another namespace is found too.
 *
 * <p>The index over the unix rows is made on first use and kept for the same list (by
 * identity): the table, the live view's measuring and its details share one per read. Safe to
 * use from two threads (the index is made again at worst).
 */
public final class Peers {
    private static volatile Peers last;

    private final List<SocketRow> rows;
    private volatile Map<Long, SocketRow> byInode;

    private Peers(List<SocketRow> rows) {
        this.rows = rows;
    }

    /** The peers among {@code rows} (every row of one read). */
    public static Peers of(List<SocketRow> rows) {
        Peers p = last;
        if (p != null && p.rows == rows) {
            return p;
        }
        p = new Peers(rows);
        last = p;
        return p;
    }

    /** The row of the socket at the other end of {@code row}, or null when none is known. */
    public SocketRow of(SocketRow row) {
        SocketEntry e = row.entry();
        if (e.proto() != Proto.UNIX || e.details().peerInode() <= 0) {
            return null;
        }
        Map<Long, SocketRow> m = byInode;
        if (m == null) {
            m = new HashMap<>();
            for (SocketRow r : rows) {
                if (r.entry().proto() == Proto.UNIX && r.entry().inode() > 0) {
                    m.put(r.entry().inode(), r);
                }
            }
            byInode = m;
        }
        return m.get(e.details().peerInode());
    }
}
