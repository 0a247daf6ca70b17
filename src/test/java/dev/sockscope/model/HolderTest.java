package dev.sockscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HolderTest {
    private final Holder nginx = new Holder(300, "nginx", "nginx: master process", 0, "root");

    @Test
    void equalToACopyAndHashedAlike() {
        Holder copy = new Holder(300, "nginx", "nginx: master process", 0, "root");
        assertEquals(nginx, copy);
        assertEquals(nginx.hashCode(), copy.hashCode());
        assertEquals(new Holder(7, null, null, -1, null), new Holder(7, "", "", -1, null));
    }

    @Test
    void anyOneComponentDifferentMakesItDifferent() {
        for (Holder other : List.of(
                new Holder(301, "nginx", "nginx: master process", 0, "root"),
                new Holder(300, "nginx2", "nginx: master process", 0, "root"),
                new Holder(300, "nginx", "nginx: worker process", 0, "root"),
                new Holder(300, "nginx", "nginx: master process", 33, "root"),
                new Holder(300, "nginx", "nginx: master process", 0, "www-data"),
                new Holder(300, "nginx", "nginx: master process", 0, null))) {
            assertNotEquals(nginx, other, other.toString());
            assertNotEquals(other, nginx, other.toString());
        }
        assertNotEquals(nginx, null);
    }
}
