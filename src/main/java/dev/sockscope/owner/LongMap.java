package dev.sockscope.owner;

/**
 * Open-addressing hash map from a positive {@code long} key to a value, sized up front for
 * the expected load (at most half full, so probes stay short). No removal of one key: callers
 * build a fresh map per refresh, or {@link #clear} one to fill it again without new arrays. Key {@code 0} and negative keys are refused (inodes and pids are
 * positive; 0 marks an empty slot). Not thread-safe.
 *
 * @param <V> value type; {@code get} returns null for a missing key, so values are non-null
 */
public final class LongMap<V> {
    private long[] keys;
    private Object[] values;
    private int shift;
    private int size;
    private int limit;

    /** A map that holds {@code expected} keys without growing. */
    public LongMap(int expected) {
        int capacity = 8;
        while (capacity < expected * 2L && capacity < (1 << 30)) {
            capacity <<= 1;
        }
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new Object[capacity];
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        limit = capacity / 2;
    }

    private int slot(long key) {
        // Fibonacci hashing: inodes and pids are dense runs of integers, the top bits of the
        // product spread them over the table.
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    public int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    public V get(long key) {
        if (key <= 0 || size == 0) {
            return null; // an empty map is asked without hashing (the orphans and shared maps, mostly)
        }
        int mask = keys.length - 1;
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return (V) values[i];
            }
            if (k == 0) {
                return null;
            }
        }
    }

    /** Maps {@code key} to {@code value}; returns the previous value or null. */
    @SuppressWarnings("unchecked")
    public V put(long key, V value) {
        if (key <= 0) {
            throw new IllegalArgumentException("key must be positive: " + key);
        }
        if (value == null) {
            throw new IllegalArgumentException("null value");
        }
        int mask = keys.length - 1;
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                Object old = values[i];
                values[i] = value;
                return (V) old;
            }
            if (k == 0) {
                keys[i] = key;
                values[i] = value;
                if (++size > limit) {
                    grow();
                }
                return null;
            }
        }
    }

    /** Empties the map, keeping its tables (and their size) for the next fill. */
    public void clear() {
        java.util.Arrays.fill(keys, 0L);
        java.util.Arrays.fill(values, null);
        size = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        allocate(oldKeys.length * 2);
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long key = oldKeys[j];
            if (key != 0) {
                int i = slot(key);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = key;
                values[i] = oldValues[j];
            }
        }
    }
}
