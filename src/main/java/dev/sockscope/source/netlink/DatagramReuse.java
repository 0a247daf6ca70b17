package dev.sockscope.source.netlink;

import dev.sockscope.netlink.NlBytes;
import java.util.Arrays;

/**
 * The last read's datagrams, so that one that comes back byte for byte the same (but for
 * {@code nlmsg_seq}, each read's own) is taken whole: its messages are the last read's, kept
 * in {@link MessageReuse} at consecutive slots, and none is walked, looked up or compared on
 * its own. The kernel fills each datagram of a dump with as many sockets as fit, in the order
 * of its hash tables, so on a host where nothing changed between two reads every datagram but
 * each dump's last (which ends in {@code NLMSG_DONE}) comes back the same.
 *
 * <p>Datagram {@code j} of a dump is compared with datagram {@code j} of the last read's dump of
 * the same kind (protocol and family): a socket opened or closed shifts the rest of its dump,
 * which then goes message by message as before. Only datagrams whose every message was a
 * socket kept in {@link MessageReuse} are kept here ({@link #record}); the first read keeps
 * nothing. Not thread-safe: one per source.
 */
final class DatagramReuse {
    /** Kinds of dump: TCP of both families, then each protocol's per family, and unix. */
    static final int KINDS = 16;

    private Store before = new Store();
    private Store now = new Store();
    /** The kind of the dump under way. */
    private int kind = -1;

    private int reads;

    /** One read's datagrams, by kind of dump. */
    private static final class Store {
        byte[] bytes = new byte[0];
        int used;
        /** The bytes of every datagram of the read, kept or not. */
        int seen;
        /** Per datagram: where its bytes begin ({@link #bytes}), their length, its first slot, its messages. */
        int[] at = new int[16];

        int[] length = new int[16];
        int[] slot = new int[16];
        int[] count = new int[16];
        int n;
        final int[] dumpStart = new int[KINDS];
        final int[] dumpCount = new int[KINDS];

        void clear() {
            used = 0;
            seen = 0;
            n = 0;
            Arrays.fill(dumpStart, -1);
            Arrays.fill(dumpCount, 0);
        }
    }

    DatagramReuse() {
        before.clear();
        now.clear();
    }

    /** Starts a read: the one under way becomes the last. */
    void start() {
        Store older = before;
        before = now;
        now = older;
        now.clear();
        kind = -1;
        reads++;
        now.bytes = Room.forRead(now.bytes, reads, before.used, before.seen);
    }

    /** The bytes of every datagram the last read received (after {@link #start}). */
    int seenLastRead() {
        return before.seen;
    }

    /** Starts a dump of {@code kind} (0 to {@link #KINDS} - 1) in the read under way. */
    void beginDump(int kind) {
        this.kind = kind;
        now.dumpStart[kind] = now.n;
        now.dumpCount[kind] = 0;
    }

    /**
     * The index (of the last read) of the datagram this one of the dump under way repeats: the
     * same position in the last read's dump of the same kind, kept, and byte for byte the same
     * but for {@code nlmsg_seq}, which is {@code seq} in each of its messages; -1 when it does
     * not. A datagram that repeats one is left with each {@code nlmsg_seq} 0, as kept; any other
     * is left as it came. Call once per datagram, before {@link #record}.
     */
    int match(byte[] buf, int length, int seq) {
        int j = now.n - now.dumpStart[kind];
        Store b = before;
        if (length > buf.length || b.dumpStart[kind] < 0 || j >= b.dumpCount[kind]) {
            return -1;
        }
        int d = b.dumpStart[kind] + j;
        if (b.count[d] <= 0 || b.length[d] != length || !wellFormed(buf, length, seq)) {
            return -1;
        }
        setSeq(buf, 0, length, 0);
        if (Arrays.equals(b.bytes, b.at[d], b.at[d] + length, buf, 0, length)) {
            return d;
        }
        setSeq(buf, 0, length, seq);
        return -1;
    }

    /** The first slot of the last read's datagram {@code d} in that read's {@link MessageReuse}. */
    int slot(int d) {
        return before.slot[d];
    }

    /** How many messages the last read's datagram {@code d} holds. */
    int count(int d) {
        return before.count[d];
    }

    /**
     * Adds the datagram {@code buf[0, length)} to the dump under way: kept when {@code count} is
     * positive (its messages are all kept, at slots {@code [slot, slot + count)}); with a count
     * of 0 only its place is taken, so that the dump's later datagrams keep theirs.
     */
    void record(byte[] buf, int length, int slot, int count) {
        Store s = now;
        if (s.n == s.at.length) {
            int m = s.n * 2;
            s.at = Arrays.copyOf(s.at, m);
            s.length = Arrays.copyOf(s.length, m);
            s.slot = Arrays.copyOf(s.slot, m);
            s.count = Arrays.copyOf(s.count, m);
        }
        int d = s.n++;
        s.dumpCount[kind]++;
        s.seen += Math.min(length, buf.length);
        s.count[d] = count;
        s.slot[d] = slot;
        s.length[d] = length;
        s.at[d] = s.used;
        if (count <= 0) {
            return;
        }
        s.bytes = Room.forBytes(s.bytes, s.used + length);
        System.arraycopy(buf, 0, s.bytes, s.used, length);
        setSeq(s.bytes, s.used, length, 0); // kept with every nlmsg_seq 0: one comparison next time
        s.used += length;
    }

    /**
     * Whether {@code buf[0, length)} is whole netlink messages, each of request {@code seq}
     * (lengths within the datagram; what a message holds is its walk's to check).
     */
    static boolean wellFormed(byte[] buf, int length, int seq) {
        int at = 0;
        while (at < length) {
            if (length - at < 16) {
                return false;
            }
            long len = NlBytes.u32(buf, at);
            if (len < 16 || len > length - at || NlBytes.s32(buf, at + 8) != seq) {
                return false;
            }
            at = (int) Math.min(length, at + NlBytes.align4((int) len));
        }
        return true;
    }

    /** Sets {@code nlmsg_seq} of each message of {@code buf[off, off + length)}, {@link #wellFormed}. */
    static void setSeq(byte[] buf, int off, int length, int seq) {
        int at = 0;
        while (at < length) {
            long len = NlBytes.u32(buf, off + at);
            NlBytes.putU32(buf, off + at + 8, seq);
            at = (int) Math.min(length, at + NlBytes.align4((int) len));
        }
    }
}
