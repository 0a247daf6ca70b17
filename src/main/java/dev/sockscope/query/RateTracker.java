package dev.sockscope.query;

import dev.sockscope.model.Details;
import dev.sockscope.model.SocketRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes per second per connection, from the change in {@code tcp_info}'s
 * {@code tcpi_bytes_acked} and {@code tcpi_bytes_received} between two readings of the same
 * socket (the same inode). Nothing is invented: a socket seen once, a counter that went down
 * (the inode reused by a new socket) or a source without {@code tcp_info} has no rate.
 *
 * <p>The counters of a reading are kept in two open-addressing tables of primitives that take
 * turns (this reading's and the one before), so a refresh at 80,000 connections allocates no
 * object per connection beyond the rows with rates.
 */
final class RateTracker {
    private Table previous = new Table();
    private Table current = new Table();
    private long previousNanos;

    List<SocketRow> apply(List<SocketRow> rows, long nanos) {
        Table now = current;
        now.reset(rows.size());
        double seconds = (nanos - previousNanos) / 1e9;
        boolean comparable = previous.size > 0 && nanos > previousNanos;
        List<SocketRow> out = new ArrayList<>(rows.size());
        for (SocketRow r : rows) {
            Details.TcpInfo t = r.entry().details().tcp();
            long inode = r.entry().inode();
            if (t == null || inode <= 0) {
                out.add(r);
                continue;
            }
            now.put(inode, t.bytesSent(), t.bytesReceived());
            int at = comparable ? previous.find(inode) : -1;
            if (at < 0 || t.bytesSent() < previous.sent[at] || t.bytesReceived() < previous.received[at]) {
                out.add(r);
                continue;
            }
            out.add(r.withRates(new SocketRow.Rates(
                    (t.bytesSent() - previous.sent[at]) / seconds,
                    (t.bytesReceived() - previous.received[at]) / seconds)));
        }
        current = previous;
        previous = now;
        previousNanos = nanos;
        return out;
    }

    /** inode → (bytes sent, bytes received); inodes are positive, 0 marks a free slot. */
    private static final class Table {
        long[] keys = new long[16];
        long[] sent = new long[16];
        long[] received = new long[16];
        int size;

        void reset(int expected) {
            int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
            if (cap > keys.length) {
                keys = new long[cap];
                sent = new long[cap];
                received = new long[cap];
            } else {
                Arrays.fill(keys, 0L);
            }
            size = 0;
        }

        void put(long inode, long s, long r) {
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
