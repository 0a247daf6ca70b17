package dev.sockscope.source.netlink;

import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.owner.LongMap;
import java.util.Arrays;

/**
 * The last read's sock_diag messages by socket cookie, with the entry each was parsed into, so
 * that a socket whose message comes back byte for byte the same is not parsed again: its entry
 * is the same object. On a host of mostly idle connections a refresh then parses and allocates
 * only for the sockets that changed, and {@code RowReuse} finds the entry unchanged by
 * identity. Only entries that follow from their bytes alone are kept
 * ({@link InetDiagParser#bytesAlone}: not with {@code tcp_info}, whose reading time the bytes
 * do not hold). Two maps take turns, as in {@code RowReuse}. Not thread-safe: one per source.
 */
final class MessageReuse {
    /** One message's bytes and its entry. */
    private record Seen(byte[] bytes, SocketEntry entry) {}

    private LongMap<Seen> before = new LongMap<>(0);
    private LongMap<Seen> now = new LongMap<>(0);

    /** Starts a read: the last read's messages become the ones to compare with. */
    void start() {
        LongMap<Seen> older = before;
        before = now;
        now = older;
        now.clear();
    }

    /**
     * The entry of the last read's message with this cookie when {@code b[off, off + len)} is
     * byte for byte that message and of protocol {@code proto}, kept for the next read too;
     * null otherwise.
     */
    SocketEntry same(long cookie, Proto proto, byte[] b, int off, int len) {
        Seen seen = before.get(cookie);
        if (seen == null
                || seen.bytes.length != len
                || seen.entry.proto() != proto
                || !Arrays.equals(seen.bytes, 0, len, b, off, off + len)) {
            return null;
        }
        now.put(cookie, seen);
        return seen.entry;
    }

    /** Keeps {@code e}, parsed from {@code b[off, off + len)}, for the next read. */
    void keep(long cookie, byte[] b, int off, int len, SocketEntry e) {
        now.put(cookie, new Seen(Arrays.copyOfRange(b, off, off + len), e));
    }

    /** Forgets every message (when the next read would not be comparable). */
    void clear() {
        before.clear();
        now.clear();
    }
}
