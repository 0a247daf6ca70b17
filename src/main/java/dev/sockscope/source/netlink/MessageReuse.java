package dev.sockscope.source.netlink;

import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import java.util.Arrays;

/**
 * The last read's sock_diag messages with the entry each was parsed into, so that a socket whose
 * message comes back byte for byte the same is not parsed again: its entry is the same object.
 * On a host of mostly idle connections a refresh then parses and allocates only for the sockets
 * that changed, and {@code RowReuse} finds the entry unchanged by identity. Only entries that
 * follow from their bytes alone are kept ({@link InetDiagParser#bytesAlone}: not with
 * {@code tcp_info}, whose reading time the bytes do not hold).
 *
 * <p>The kernel sends the sockets in the order of its hash tables, the same from one dump to
 * the next but for sockets opened (inserted anywhere) and closed. So the last read is kept as
 * one array of messages in order, and each message is looked for at a cursor that moves along
 * it, among the next {@value #LOOK_AHEAD} by socket cookie: a closed socket is stepped over, a
 * new one is not found and parsed. Memory is read in order (a hash table by cookie cost a cache
 * miss or more per socket: 15 ms a second at 40,000 sockets). Two buffers take turns. Not
 * thread-safe: one per source.
 */
final class MessageReuse {
    static final int LOOK_AHEAD = 16;

    private Kept before = new Kept();
    private Kept now = new Kept();
    private int cursor;
    private int reads;
    /** Where the last message given to {@link #same} or {@link #keep} is kept; -1: nowhere. */
    private int slot = -1;

    /** Messages in the order they came, their cookies and entries. */
    private static final class Kept {
        byte[] bytes = new byte[0];
        /** Message i is {@code bytes[start[i], start[i + 1])}. */
        int[] start = new int[1];

        long[] cookies = new long[0];
        SocketEntry[] entries = new SocketEntry[0];
        int count;

        void clear() {
            Arrays.fill(entries, 0, count, null);
            count = 0;
        }

        void add(long cookie, byte[] b, int off, int len, SocketEntry e) {
            if (count == cookies.length) {
                int n = Math.max(64, count * 2);
                cookies = Arrays.copyOf(cookies, n);
                entries = Arrays.copyOf(entries, n);
                start = Arrays.copyOf(start, n + 1);
            }
            int at = start[count];
            if (at + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(at + len, bytes.length * 2));
            }
            System.arraycopy(b, off, bytes, at, len);
            cookies[count] = cookie;
            entries[count] = e;
            start[count + 1] = at + len;
            count++;
        }
    }

    /**
     * Starts a read: the last read's messages become the ones to compare with. The first read
     * keeps nothing: most sources are read once ({@code --list}), and the copies, alive to the
     * end, cost a one-shot read at 100,000 sockets two more collections (20 ms). The second read
     * parses everything and keeps it, and its entries are then replaced by the equal ones of
     * the rows handed on ({@link #adopt}), so that from the third read on an unchanged socket's
     * entry is its row's entry, compared by identity.
     */
    void start() {
        reads++;
        Kept older = before;
        before = now;
        now = older;
        now.clear();
        cursor = 0;
    }

    /**
     * The entry of the last read's message with this cookie when {@code b[off, off + len)} is
     * byte for byte that message and of protocol {@code proto}, kept for the next read too;
     * null otherwise (then the caller parses it and may {@link #keep} it).
     */
    SocketEntry same(long cookie, Proto proto, byte[] b, int off, int len) {
        slot = -1;
        int end = Math.min(before.count, cursor + LOOK_AHEAD);
        for (int i = cursor; i < end; i++) {
            if (before.cookies[i] != cookie) {
                continue;
            }
            cursor = i + 1;
            SocketEntry e = before.entries[i];
            int from = before.start[i];
            int to = before.start[i + 1];
            if (to - from != len || e.proto() != proto || !Arrays.equals(before.bytes, from, to, b, off, off + len)) {
                return null;
            }
            now.add(cookie, b, off, len, e);
            slot = now.count - 1;
            return e;
        }
        return null;
    }

    /**
     * Keeps {@code e}, parsed from {@code b[off, off + len)}, for the next read (not on the
     * first).
     */
    void keep(long cookie, byte[] b, int off, int len, SocketEntry e) {
        slot = -1;
        if (reads > 1) {
            now.add(cookie, b, off, len, e);
            slot = now.count - 1;
        }
    }

    /**
     * Where the message last given to {@link #same} (when that returned its entry) or to
     * {@link #keep} is kept in this read, for {@link #adopt}; -1 when it is not kept.
     */
    int lastSlot() {
        return slot;
    }

    /**
     * Replaces the entry kept at {@code slot} (from {@link #lastSlot}) by {@code equal}, the
     * equal entry of the row handed on for it, so that the next read hands out that one.
     */
    void adopt(int slot, SocketEntry equal) {
        now.entries[slot] = equal;
    }
}
