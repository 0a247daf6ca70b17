package dev.sockscope.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongMapTest {

    @Test
    void agreesWithHashMapOnDenseAndRandomKeysWhileGrowing() {
        LongMap<Long> map = new LongMap<>(0);
        Map<Long, Long> oracle = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            long key = i % 2 == 0 ? 1_000_000 + i : 1 + (random.nextLong() & Long.MAX_VALUE - 1);
            assertEquals(oracle.put(key, (long) i), map.put(key, (long) i));
        }
        assertEquals(oracle.size(), map.size());
        for (Map.Entry<Long, Long> e : oracle.entrySet()) {
            assertEquals(e.getValue(), map.get(e.getKey()));
        }
        assertNull(map.get(999_999));
    }

    @Test
    void anEmptyOrClearedMapFindsNothingAndAFilledOneAgain() {
        LongMap<String> map = new LongMap<>(0);
        assertNull(map.get(7));
        map.put(7, "a");
        assertEquals("a", map.get(7));
        map.clear();
        assertNull(map.get(7));
        map.put(7, "b");
        assertEquals("b", map.get(7));
    }

    @Test
    void replacesTheValueOfAnExistingKey() {
        LongMap<String> map = new LongMap<>(4);
        map.put(7, "a");

        assertEquals("a", map.put(7, "b"));
        assertEquals("b", map.get(7));
        assertEquals(1, map.size());
    }

    @Test
    void refusesKeysThatAreNotPositiveAndFindsNothingForThem() {
        LongMap<String> map = new LongMap<>(4);

        assertThrows(IllegalArgumentException.class, () -> map.put(0, "x"));
        assertThrows(IllegalArgumentException.class, () -> map.put(-1, "x"));
        assertNull(map.get(0));
        assertNull(map.get(-1));
    }
}
