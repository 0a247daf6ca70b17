package dev.sockscope.health;

import dev.sockscope.model.SocketRow;
import java.util.HashMap;
import java.util.Map;

/**
 * The queues of one reading, kept for the next ones: only sockets with a non-empty Recv-Q or
 * Send-Q and an inode (a queue that grows three times is never empty at any of them; sockets
 * without an inode, TIME_WAIT and SYN_RECV, hold no data). Small even at 80,000 idle sockets.
 */
public final class QueueReading {
    private final Map<Long, long[]> queues;

    private QueueReading(Map<Long, long[]> queues) {
        this.queues = queues;
    }

    public static QueueReading of(Iterable<SocketRow> rows) {
        Map<Long, long[]> q = new HashMap<>();
        for (SocketRow r : rows) {
            long inode = r.entry().inode();
            long recv = r.entry().recvQ();
            long send = r.entry().sendQ();
            if (inode > 0 && (recv > 0 || send > 0)) {
                q.put(inode, new long[] {recv, send});
            }
        }
        return new QueueReading(q);
    }

    /** Recv-Q of the socket with this inode, 0 when it had none or was not there. */
    long recvQ(long inode) {
        long[] v = queues.get(inode);
        return v == null ? 0 : v[0];
    }

    long sendQ(long inode) {
        long[] v = queues.get(inode);
        return v == null ? 0 : v[1];
    }

    /** How many sockets had something queued. */
    public int size() {
        return queues.size();
    }
}
