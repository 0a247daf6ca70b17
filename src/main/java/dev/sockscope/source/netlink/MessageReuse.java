package dev.sockscope.source.netlink;

import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.source.InOrder;
import java.util.Arrays;
import java.util.List;

/**
 * The last read's sock_diag messages with the entry each was parsed into, so that a socket whose
 * message comes back byte for byte the same is not parsed again: its entry is the same object.
 * On a host of mostly idle connections a refresh then parses and allocates only for the sockets
 * that changed, and {@code RowReuse} finds the entry unchanged by identity. Only entries that
 * follow from their bytes alone are kept ({@link InetDiagParser#bytesAlone}: not with
 * {@code tcp_info}, whose reading time the bytes do not hold).
 *
 * <p>Messages are found by socket cookie in the kernel's dump order ({@link InOrder}: a hash
 * table by cookie cost 15 ms a second at 40,000 sockets); their bytes are kept one after the
 * other in one array per read. Not thread-safe: one per source.
 */
final class MessageReuse {
    private final InOrder<SocketEntry> entries = new InOrder<>();
    private Bytes before = new Bytes();
    private Bytes now = new Bytes();
    private int reads;
    /** Where the last message given to {@link #same} or {@link #keep} is kept; -1: nowhere. */
    private int slot = -1;

    /** One read's messages, one after the other: message i is {@code bytes[start[i], start[i + 1])}. */
    private static final class Bytes {
        byte[] bytes = new byte[0];
        int[] start = new int[1];

        /** Appends message {@code i} (the read's next). */
        void add(int i, byte[] b, int off, int len) {
            if (i + 1 == start.length) {
                start = Arrays.copyOf(start, Math.max(65, start.length * 2));
            }
            int at = start[i];
            bytes = Room.forBytes(bytes, at + len);
            System.arraycopy(b, off, bytes, at, len);
            start[i + 1] = at + len;
        }

        /** Appends messages {@code [from, from + count)} of {@code src} as message {@code i} on. */
        void append(int i, Bytes src, int from, int count) {
            if (i + count >= start.length) {
                start = Arrays.copyOf(start, Math.max(i + count + 1, start.length * 2));
            }
            int at = start[i];
            int len = src.start[from + count] - src.start[from];
            bytes = Room.forBytes(bytes, at + len);
            System.arraycopy(src.bytes, src.start[from], bytes, at, len);
            int shift = at - src.start[from];
            for (int k = 1; k <= count; k++) {
                start[i + k] = src.start[from + k] + shift;
            }
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
        start(0);
    }

    /**
     * {@link #start()}, with the bytes the last read received: room for what this read keeps is
     * made at once ({@link Room#forRead}).
     */
    void start(int lastReceived) {
        reads++;
        entries.start();
        Bytes older = before;
        before = now;
        now = older;
        int kept = before.start[Math.min(before.start.length - 1, entries.lastCount())];
        now.bytes = Room.forRead(now.bytes, reads, kept, lastReceived);
    }

    /**
     * The entry of the last read's message with this cookie when {@code b[off, off + len)} is
     * byte for byte that message and of protocol {@code proto}, kept for the next read too;
     * null otherwise (then the caller parses it and may {@link #keep} it).
     */
    SocketEntry same(long cookie, Proto proto, byte[] b, int off, int len) {
        slot = -1;
        int i = entries.find(cookie);
        if (i < 0) {
            return null;
        }
        SocketEntry e = entries.before(i);
        int from = before.start[i];
        int to = before.start[i + 1];
        if (to - from != len || e.proto() != proto || !Arrays.equals(before.bytes, from, to, b, off, off + len)) {
            return null;
        }
        add(cookie, b, off, len, e);
        return e;
    }

    /**
     * Keeps {@code e}, parsed from {@code b[off, off + len)}, for the next read (not on the
     * first).
     */
    void keep(long cookie, byte[] b, int off, int len, SocketEntry e) {
        slot = -1;
        if (reads > 1) {
            add(cookie, b, off, len, e);
        }
    }

    /**
     * Keeps the last read's messages {@code [from, from + count)} (slots of that read) for the
     * next read too, in order, as a datagram of them came back the same: the slot in this read
     * of the first; {@link #keptInto} gives their entries.
     */
    int carry(int from, int count) {
        slot = -1;
        int first = entries.carry(from, count);
        now.append(first, before, from, count);
        return first;
    }

    /** Adds the entries kept at slots {@code [slot, slot + count)} of this read to {@code into}. */
    void keptInto(List<SocketEntry> into, int slot, int count) {
        entries.keptInto(into, slot, count);
    }

    private void add(long cookie, byte[] b, int off, int len, SocketEntry e) {
        slot = entries.add(cookie, e);
        now.add(slot, b, off, len);
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
        entries.set(slot, equal);
    }
}
