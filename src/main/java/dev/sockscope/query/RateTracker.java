package dev.sockscope.query;

import dev.sockscope.model.Details;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bytes per second per connection, from the change in {@code tcp_info}'s
 * {@code tcpi_bytes_acked} and {@code tcpi_bytes_received} between two readings of the same
 * socket (the same inode). Nothing is invented: a socket seen once, a counter that went down
 * (the inode reused by a new socket) or a source without {@code tcp_info} has no rate. The time
 * of a reading is when the kernel handed over that socket's counters where the source says
 * ({@link Details.TcpInfo#readNanos()}), else the one given for the whole read.
 */
final class RateTracker {
    private record Seen(long sent, long received, long nanos) {}

    private Map<Long, Seen> previous = new HashMap<>();

    List<SocketRow> apply(List<SocketRow> rows, long nanos) {
        Map<Long, Seen> now = new HashMap<>();
        List<SocketRow> out = new ArrayList<>(rows.size());
        for (SocketRow r : rows) {
            Details.TcpInfo t = r.entry().details().tcp();
            long inode = r.entry().inode();
            if (t == null || inode <= 0) {
                out.add(r);
                continue;
            }
            long at = t.readNanos() == Snapshot.UNTIMED ? nanos : t.readNanos();
            now.put(inode, new Seen(t.bytesSent(), t.bytesReceived(), at));
            Seen before = previous.get(inode);
            if (before == null
                    || at <= before.nanos()
                    || t.bytesSent() < before.sent()
                    || t.bytesReceived() < before.received()) {
                out.add(r);
                continue;
            }
            double seconds = (at - before.nanos()) / 1e9;
            out.add(r.withRates(new SocketRow.Rates(
                    (t.bytesSent() - before.sent()) / seconds, (t.bytesReceived() - before.received()) / seconds)));
        }
        previous = now;
        return out;
    }
}
