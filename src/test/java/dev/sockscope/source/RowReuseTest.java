package dev.sockscope.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowReuseTest {
    private static final Address LOOPBACK = Address.parse("127.0.0.1");

    private static final Holder NGINX = new Holder(812, "nginx", "nginx: worker", 33, "www-data");
    private static final Holder CURL = new Holder(5151, "curl", "curl http://127.0.0.1/", 1000, "alice");

    private static SocketEntry tcp(long inode, State state, long recvQ) {
        return new SocketEntry(Proto.TCP, Family.IPV4, LOOPBACK, 8080, LOOPBACK, 51234, state, inode, 33, recvQ, 0);
    }

    @Test
    void anUnchangedSocketIsTheSameRowAgainAnythingChangedIsANewOne() {
        RowReuse reuse = new RowReuse();
        reuse.start();
        SocketRow a = reuse.row(tcp(101, State.ESTABLISHED, 0), List.of(NGINX), "www-data");
        SocketRow b = reuse.row(tcp(102, State.ESTABLISHED, 0), List.of(NGINX), "www-data");
        SocketRow c = reuse.row(tcp(103, State.ESTABLISHED, 0), List.of(NGINX), "www-data");

        reuse.start();
        // equal values in new objects, as each read parses them
        assertSame(a, reuse.row(tcp(101, State.ESTABLISHED, 0), List.of(NGINX), "www-data"));
        SocketRow queued = reuse.row(tcp(102, State.ESTABLISHED, 7), List.of(NGINX), "www-data");
        assertNotSame(b, queued);
        assertEquals(7, queued.entry().recvQ());
        SocketRow passedOn = reuse.row(tcp(103, State.ESTABLISHED, 0), List.of(CURL), "www-data");
        assertNotSame(c, passedOn);
        assertEquals(List.of(CURL), passedOn.holders());

        reuse.start();
        assertSame(queued, reuse.row(tcp(102, State.ESTABLISHED, 7), List.of(NGINX), "www-data"));
        assertNotSame(passedOn, reuse.row(tcp(103, State.CLOSE_WAIT, 0), List.of(CURL), "www-data"));
    }

    @Test
    void onlyTheReadJustBeforeIsReusedAndSocketsWithoutInodeNever() {
        RowReuse reuse = new RowReuse();
        reuse.start();
        SocketRow a = reuse.row(tcp(201, State.ESTABLISHED, 0), List.of(), "root");
        SocketRow tw = reuse.row(tcp(0, State.TIME_WAIT, 0), List.of(), null);
        reuse.start();
        reuse.row(tcp(202, State.ESTABLISHED, 0), List.of(), "root");
        reuse.start();
        assertNotSame(
                a, reuse.row(tcp(201, State.ESTABLISHED, 0), List.of(), "root"), "201 was not in the read before");
        assertNotSame(tw, reuse.row(tcp(0, State.TIME_WAIT, 0), List.of(), null));
    }

    @Test
    void aLargeReadHandsEveryUnchangedRowOnToTheNext() {
        RowReuse reuse = new RowReuse();
        int n = 40_000;
        SocketRow[] first = new SocketRow[n];
        reuse.start();
        for (int i = 0; i < n; i++) {
            first[i] = reuse.row(tcp(1000 + i, State.ESTABLISHED, 0), List.of(NGINX), "www-data");
        }
        reuse.start();
        for (int i = 0; i < n; i++) {
            assertSame(first[i], reuse.row(tcp(1000 + i, State.ESTABLISHED, 0), List.of(NGINX), "www-data"));
        }
    }

    @Test
    void followsTheOrderThroughClosedAndNewSocketsAndNeverMatchesWrongly() {
        RowReuse reuse = new RowReuse();
        reuse.start();
        SocketRow[] first = new SocketRow[6];
        for (int i = 0; i < first.length; i++) {
            first[i] = reuse.row(tcp(300 + i, State.ESTABLISHED, 0), List.of(NGINX), "www-data");
        }
        reuse.start();
        // 301 closed, 399 opened between 303 and 304
        assertSame(first[0], reuse.row(tcp(300, State.ESTABLISHED, 0), List.of(NGINX), "www-data"));
        assertSame(first[2], reuse.row(tcp(302, State.ESTABLISHED, 0), List.of(NGINX), "www-data"));
        assertSame(first[3], reuse.row(tcp(303, State.ESTABLISHED, 0), List.of(NGINX), "www-data"));
        SocketRow opened = reuse.row(tcp(399, State.ESTABLISHED, 0), List.of(NGINX), "www-data");
        assertSame(first[4], reuse.row(tcp(304, State.ESTABLISHED, 0), List.of(NGINX), "www-data"));
        assertSame(first[5], reuse.row(tcp(305, State.ESTABLISHED, 0), List.of(NGINX), "www-data"));
        reuse.start();
        assertSame(opened, reuse.row(tcp(399, State.ESTABLISHED, 0), List.of(NGINX), "www-data"), "out of order, near");
        // a socket further back than the look-ahead: a new row with the right values, not another's
        reuse.start();
        int n = InOrder.LOOK_AHEAD + 4;
        for (int i = 0; i < n; i++) {
            reuse.row(tcp(500 + i, State.ESTABLISHED, 0), List.of(NGINX), "www-data");
        }
        SocketRow last = reuse.row(tcp(600, State.ESTABLISHED, 0), List.of(CURL), "alice");
        reuse.start();
        SocketRow moved = reuse.row(tcp(600, State.ESTABLISHED, 0), List.of(CURL), "alice");
        assertNotSame(last, moved);
        assertEquals(600, moved.entry().inode());
        assertEquals(List.of(CURL), moved.holders());
        for (int i = 0; i < n; i++) {
            assertEquals(
                    500 + i,
                    reuse.row(tcp(500 + i, State.ESTABLISHED, 0), List.of(NGINX), "www-data")
                            .entry()
                            .inode());
        }
    }
    /** One read of these inodes (ESTABLISHED, no queue; a 0 inode is a TIME_WAIT socket), ended. */
    private static List<SocketRow> read(RowReuse reuse, long... inodes) {
        reuse.start();
        List<SocketRow> rows = new java.util.ArrayList<>();
        for (long inode : inodes) {
            rows.add(reuse.row(
                    tcp(inode, inode == 0 ? State.TIME_WAIT : State.ESTABLISHED, 0), List.of(NGINX), "www-data"));
        }
        return reuse.finish(rows);
    }

    @Test
    void aReadOfTheSameRowsInTheSameOrderIsTheLastReadsListItself() {
        RowReuse reuse = new RowReuse();
        List<SocketRow> first = read(reuse, 1, 2, 3);
        assertThrows(UnsupportedOperationException.class, () -> first.add(first.get(0)));
        assertSame(first, read(reuse, 1, 2, 3));
        assertSame(first, read(reuse, 1, 2, 3));

        List<SocketRow> fewer = read(reuse, 1, 2);
        assertNotSame(first, fewer);
        assertEquals(List.of(first.get(0), first.get(1)), fewer);
        List<SocketRow> more = read(reuse, 1, 2, 3);
        assertNotSame(fewer, more);
        assertEquals(3, more.size());
        assertNotSame(more, read(reuse, 1, 3, 2), "another order");
        assertNotSame(read(reuse, 1, 2, 3), read(reuse, 1, 2, 4), "another socket at the end");

        List<SocketRow> last = read(reuse, 1, 2);
        reuse.start();
        List<SocketRow> changed = List.of(
                reuse.row(tcp(1, State.ESTABLISHED, 0), List.of(NGINX), "www-data"),
                reuse.row(tcp(2, State.ESTABLISHED, 9), List.of(NGINX), "www-data"));
        assertNotSame(last, reuse.finish(changed), "a queue changed");

        List<SocketRow> withTimeWait = read(reuse, 1, 0);
        assertNotSame(withTimeWait, read(reuse, 1, 0), "a socket without inode is a new row every read");
    }
}
