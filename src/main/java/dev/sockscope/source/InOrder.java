package dev.sockscope.source;

import java.util.Arrays;
import java.util.List;

/**
 * What the last read made of each socket, in the order the kernel listed them, keyed by a
 * number (an inode, a socket cookie), and the same for the read under way: two buffers that
 * take turns. The kernel lists sockets in the order of its hash tables, the same from one read
 * to the next but for sockets opened and closed, so {@link #find} looks for a key at a cursor
 * that moves along the last read, among the next {@value #LOOK_AHEAD}: a closed socket is
 * stepped over, a new one is not found. Memory is read in order, where a hash table by key cost
 * a cache miss or more per socket. Used by {@link RowReuse} and the netlink source's message
 * reuse. Not thread-safe.
 *
 * @param <V> what is kept for each socket
 */
public final class InOrder<V> {
    public static final int LOOK_AHEAD = 16;

    private Buffer before = new Buffer();
    private Buffer now = new Buffer();
    private int cursor;

    private static final class Buffer {
        long[] keys = new long[0];
        Object[] values = new Object[0];
        int count;
    }

    /** How many the last read kept (after {@link #start}: the read before the one under way). */
    public int lastCount() {
        return before.count;
    }

    /** Starts a read: the one under way becomes the last, and a new one begins empty. */
    public void start() {
        Buffer older = before;
        before = now;
        now = older;
        Arrays.fill(now.values, 0, now.count, null);
        now.count = 0;
        cursor = 0;
    }

    /**
     * Where the last read has {@code key}, looked for among the next {@value #LOOK_AHEAD} after
     * the cursor, which then moves past it; -1 when it is not there.
     */
    public int find(long key) {
        int end = Math.min(before.count, cursor + LOOK_AHEAD);
        for (int i = cursor; i < end; i++) {
            if (before.keys[i] == key) {
                cursor = i + 1;
                return i;
            }
        }
        return -1;
    }

    /** What the last read kept at {@code i} (from {@link #find}). */
    @SuppressWarnings("unchecked")
    public V before(int i) {
        return (V) before.values[i];
    }

    /** Adds {@code value} to the read under way: its index there. */
    public int add(long key, V value) {
        Buffer b = room(1);
        b.keys[b.count] = key;
        b.values[b.count] = value;
        return b.count++;
    }

    /**
     * Adds what the last read kept at {@code [from, from + count)}, in order, to the read under
     * way (their keys too), and moves the cursor past them: the index of the first there.
     */
    public int carry(int from, int count) {
        Buffer b = room(count);
        System.arraycopy(before.keys, from, b.keys, b.count, count);
        System.arraycopy(before.values, from, b.values, b.count, count);
        int first = b.count;
        b.count += count;
        cursor = Math.max(cursor, from + count);
        return first;
    }

    /** The read under way's buffer, with room for {@code more}. */
    private Buffer room(int more) {
        Buffer b = now;
        if (b.count + more > b.keys.length) {
            int n = Math.max(64, Math.max(b.count + more, b.count * 2));
            b.keys = Arrays.copyOf(b.keys, n);
            b.values = Arrays.copyOf(b.values, n);
        }
        return b;
    }

    /** Adds what the read under way keeps at {@code [from, from + count)} to {@code into}, in order. */
    @SuppressWarnings("unchecked")
    public void keptInto(List<? super V> into, int from, int count) {
        // one copy of the references: no cast of each (which reads each object's header)
        into.addAll((List<V>) Arrays.asList(now.values).subList(from, from + count));
    }

    /** Replaces what the read under way keeps at {@code i} (from {@link #add}). */
    public void set(int i, V value) {
        now.values[i] = value;
    }
}
