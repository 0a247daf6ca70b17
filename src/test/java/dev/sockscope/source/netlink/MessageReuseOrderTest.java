package dev.sockscope.source.netlink;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sockscope.model.Address;
import dev.sockscope.model.Details;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;
import dev.sockscope.source.InOrder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order-following lookup of {@link MessageReuse}: sockets closed between two reads are
 * stepped over, new ones are not found, changed ones are not reused, and one that moved further
 * than the look-ahead is parsed again rather than matched wrongly.
 */
class MessageReuseOrderTest {
    private final Map<Long, SocketEntry> entries = new HashMap<>();

    private SocketEntry entry(long cookie) {
        return entries.computeIfAbsent(
                cookie,
                c -> new SocketEntry(
                        Proto.TCP,
                        Family.IPV4,
                        Address.ipv4(0x7f000001),
                        (int) (1000 + c),
                        Address.ipv4(0x7f000001),
                        80,
                        State.ESTABLISHED,
                        c,
                        0,
                        0,
                        0,
                        new Details.Builder().build()));
    }

    /** A message of 20 bytes: the cookie, then {@code version} (a changed socket's bytes differ). */
    private static byte[] message(long cookie, int version) {
        byte[] m = new byte[20];
        for (int i = 0; i < 8; i++) {
            m[i] = (byte) (cookie >>> (8 * i));
        }
        m[8] = (byte) version;
        return m;
    }

    /** One read of {@code cookies} (each at version 0 unless named in {@code changed}): what was reused. */
    private SocketEntry[] read(MessageReuse reuse, long[] cookies, long changed) {
        reuse.start();
        SocketEntry[] got = new SocketEntry[cookies.length];
        for (int i = 0; i < cookies.length; i++) {
            long c = cookies[i];
            byte[] m = message(c, c == changed ? 1 : 0);
            got[i] = reuse.same(c, Proto.TCP, m, 0, m.length);
            if (got[i] == null) {
                reuse.keep(c, m, 0, m.length, entry(c));
            }
        }
        return got;
    }

    @Test
    void followsTheKernelsOrderThroughClosedNewAndChangedSockets() {
        MessageReuse reuse = new MessageReuse();
        for (SocketEntry e : read(reuse, new long[] {1, 2, 3, 4, 5}, -1)) {
            assertNull(e, "nothing to reuse on the first read");
        }
        for (SocketEntry e : read(reuse, new long[] {1, 2, 3, 4, 5}, -1)) {
            assertNull(e, "the first read keeps nothing (a one-shot read makes no copies)");
        }
        // 2 closed, 9 opened before 4, 3 changed
        SocketEntry[] second = read(reuse, new long[] {1, 3, 9, 4, 5}, 3);
        assertSame(entry(1), second[0]);
        assertNull(second[1], "3 changed: parsed again");
        assertNull(second[2], "9 is new");
        assertSame(entry(4), second[3]);
        assertSame(entry(5), second[4]);
        // the changed 3 came back as it is now: reused from the second read
        SocketEntry[] third = read(reuse, new long[] {1, 3, 9, 4, 5}, 3);
        assertSame(entry(3), third[1]);
        assertSame(entry(9), third[2]);
    }

    @Test
    void aSocketMovedBeyondTheLookAheadIsParsedAgainNotMismatched() {
        MessageReuse reuse = new MessageReuse();
        read(reuse, new long[0], -1); // the first read keeps nothing
        int n = InOrder.LOOK_AHEAD + 4;
        long[] before = new long[n + 1];
        for (int i = 0; i < n; i++) {
            before[i] = 100 + i;
        }
        before[n] = 7;
        read(reuse, before, -1);
        long[] after = new long[n + 1];
        after[0] = 7; // 7 moved from the end to the front
        System.arraycopy(before, 0, after, 1, n);
        SocketEntry[] got = read(reuse, after, -1);
        assertNull(got[0], "7 is past the look-ahead: not found, parsed");
        for (int i = 1; i <= n; i++) {
            assertSame(entry(after[i]), got[i], "the rest still follow in order");
        }
    }
}
