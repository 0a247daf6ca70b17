package dev.sockscope.query;

import dev.sockscope.model.Details;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes per second per connection, from the change in {@code tcp_info}'s
 * {@code tcpi_bytes_acked} and {@code tcpi_bytes_received} between two readings of the same
 * socket (the same inode). Nothing is invented: a socket seen once, a counter that went down
 * (the inode reused by a new socket) or a source without {@code tcp_info} has no rate. The time
 * of a reading is when the kernel handed over that socket's counters where the source says
 * ({@link Details.TcpInfo#readNanos()}), else the one given for the whole read.
 *
 * <p>The counters of a reading are kept in two open-addressing tables of primitives that take
 * turns (this reading's and the one before), so a refresh at 80,000 connections allocates no
 * object per connection beyond the rows with rates.
 */
final class RateTracker {
    private Table previous = new Table();
    private Table current = new Table();

    List<SocketRow> apply(List<SocketRow> rows, long nanos) {
        Table now = current;
        now.reset(rows.size());
        boolean comparable = previous.size > 0;
        List<SocketRow> out = null;
        for (int i = 0; i < rows.size(); i++) {
            SocketRow r = rows.get(i);
            Details.TcpInfo t = r.entry().details().tcp();
            long inode = r.entry().inode();
            if (t == null || inode <= 0) {
                if (out != null) {
                    out.add(r);
                }
                continue;
            }
            long when = t.readNanos() == Snapshot.UNTIMED ? nanos : t.readNanos();
            now.put(inode, t.bytesSent(), t.bytesReceived(), when);
            int at = comparable ? previous.find(inode) : -1;
            if (at < 0
                    || when <= previous.nanos[at]
                    || t.bytesSent() < previous.sent[at]
                    || t.bytesReceived() < previous.received[at]) {
                if (out != null) {
                    out.add(r);
                }
                continue;
            }
            if (out == null) {
                out = new ArrayList<>(rows.size());
                out.addAll(rows.subList(0, i));
            }
            double seconds = (when - previous.nanos[at]) / 1e9;
            out.add(r.withRates(new SocketRow.Rates(
                    (t.bytesSent() - previous.sent[at]) / seconds,
                    (t.bytesReceived() - previous.received[at]) / seconds)));
        }
        current = previous;
        previous = now;
        return out == null ? rows : out; // no rate: the rows as they came, the same list
    }

    /** inode → (bytes sent, bytes received, when); inodes are positive, 0 marks a free slot. */
    private static final class Table {
        long[] keys = new long[16];
        long[] sent = new long[16];
        long[] received = new long[16];
        long[] nanos = new long[16];
        int size;

        void reset(int expected) {
            int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
            if (cap > keys.length) {
                keys = new long[cap];
                sent = new long[cap];
                received = new long[cap];
                nanos = new long[cap];
            } else if (size > 0) {
                // an empty table is all free slots already: a read without tcp_info puts
                // nothing, and clearing 40,000 rows' worth of slots each second cost more
                // than the pass over the rows
                Arrays.fill(keys, 0L);
            }
            size = 0;
        }

        void put(long inode, long s, long r, long when) {
            int mask = keys.length - 1;
            int i = slot(inode, mask);
            while (keys[i] != 0 && keys[i] != inode) {
                i = (i + 1) & mask;
            }
            if (keys[i] == 0) {
                size++;
            }
            keys[i] = inode;
            sent[i] = s;
            received[i] = r;
            nanos[i] = when;
        }

        int find(long inode) {
            int mask = keys.length - 1;
            for (int i = slot(inode, mask); keys[i] != 0; i = (i + 1) & mask) {
                if (keys[i] == inode) {
                    return i;
                }
            }
            return -1;
        }

        private static int slot(long inode, int mask) {
            long h = inode * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }
    }
}
