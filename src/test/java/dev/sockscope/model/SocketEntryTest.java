package dev.sockscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SocketEntryTest {
    private static final Details TIMED =
            new Details.Builder().timer(new Details.Timer("keepalive", 7200, 0)).build();

    private static SocketEntry entry(
            Proto proto,
            String local,
            int lport,
            String remote,
            int rport,
            State state,
            long inode,
            int uid,
            long recvQ,
            long sendQ,
            Details details) {
        Address l = Address.parse(local);
        return new SocketEntry(
                proto, l.family(), l, lport, Address.parse(remote), rport, state, inode, uid, recvQ, sendQ, details);
    }

    private static SocketEntry base() {
        return entry(Proto.TCP, "127.0.0.1", 80, "127.0.0.2", 5000, State.ESTABLISHED, 9, 0, 1, 2, TIMED);
    }

    @Test
    void equalToACopyWithEqualDetailsAndHashedAlike() {
        Details same = new Details.Builder()
                .timer(new Details.Timer("keepalive", 7200, 0))
                .build();
        SocketEntry copy = entry(Proto.TCP, "127.0.0.1", 80, "127.0.0.2", 5000, State.ESTABLISHED, 9, 0, 1, 2, same);

        assertEquals(base(), copy);
        assertEquals(base().hashCode(), copy.hashCode());
    }

    @Test
    void anyOneComponentDifferentMakesItDifferent() {
        List<SocketEntry> others = List.of(
                entry(Proto.UDP, "127.0.0.1", 80, "127.0.0.2", 5000, State.ESTABLISHED, 9, 0, 1, 2, TIMED),
                entry(Proto.TCP, "::1", 80, "::2", 5000, State.ESTABLISHED, 9, 0, 1, 2, TIMED),
                entry(Proto.TCP, "127.0.0.3", 80, "127.0.0.2", 5000, State.ESTABLISHED, 9, 0, 1, 2, TIMED),
                entry(Proto.TCP, "127.0.0.1", 81, "127.0.0.2", 5000, State.ESTABLISHED, 9, 0, 1, 2, TIMED),
                entry(Proto.TCP, "127.0.0.1", 80, "127.0.0.3", 5000, State.ESTABLISHED, 9, 0, 1, 2, TIMED),
                entry(Proto.TCP, "127.0.0.1", 80, "127.0.0.2", 5001, State.ESTABLISHED, 9, 0, 1, 2, TIMED),
                entry(Proto.TCP, "127.0.0.1", 80, "127.0.0.2", 5000, State.CLOSE_WAIT, 9, 0, 1, 2, TIMED),
                entry(Proto.TCP, "127.0.0.1", 80, "127.0.0.2", 5000, State.ESTABLISHED, 10, 0, 1, 2, TIMED),
                entry(Proto.TCP, "127.0.0.1", 80, "127.0.0.2", 5000, State.ESTABLISHED, 9, 1, 1, 2, TIMED),
                entry(Proto.TCP, "127.0.0.1", 80, "127.0.0.2", 5000, State.ESTABLISHED, 9, 0, 3, 2, TIMED),
                entry(Proto.TCP, "127.0.0.1", 80, "127.0.0.2", 5000, State.ESTABLISHED, 9, 0, 1, 3, TIMED),
                entry(Proto.TCP, "127.0.0.1", 80, "127.0.0.2", 5000, State.ESTABLISHED, 9, 0, 1, 2, Details.NONE));
        for (SocketEntry other : others) {
            assertNotEquals(base(), other, other.toString());
            assertNotEquals(other, base(), other.toString());
        }
        assertNotEquals(base(), null);
        assertNotEquals(base(), "tcp 127.0.0.1:80");
    }

    @Test
    void timersAreEqualByTheirThreeFieldsAndHashedAlike() {
        Details.Timer t = new Details.Timer("keepalive", 7200, 0);
        Details.Timer same = new Details.Timer("keepalive", 7200, 0);
        assertEquals(t, same);
        assertEquals(t.hashCode(), same.hashCode());
        for (Details.Timer other : List.of(
                new Details.Timer("on", 7200, 0),
                new Details.Timer("keepalive", 7300, 0),
                new Details.Timer("keepalive", 7200, 1))) {
            assertNotEquals(t, other, other.toString());
            assertNotEquals(other, t, other.toString());
        }
        assertNotEquals(t, null);
    }
}
