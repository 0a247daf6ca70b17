package dev.sockscope.view.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.source.TableSelection;
import dev.sockscope.testing.Endpoints;
import dev.sockscope.view.Column;
import dev.sockscope.view.Cut;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The widths a frame gets from the kept per-row widths ({@link Widths}) are those of a full
 * measure of the rows it shows, read after read, as rows are handed on unchanged (the same
 * objects), change (a new object for the same socket), appear, close and move, under filters
 * and column changes.
 */
class WidthsTest {
    private static final List<Column> COLUMNS = List.of(
            Column.PROTO,
            Column.LOCAL,
            Column.REMOTE,
            Column.STATE,
            Column.OWNER,
            Column.SERVICE,
            Column.RECVQ,
            Column.INODE,
            Column.COMMAND);

    private final LiveOptions options = Fixtures.builder(new Fixtures.Feed()).build();
    private final Preparer p = new Preparer(Fixtures.SERVICES, null, null, List.of(Column.USER, Column.SENDQ));
    private final Random rnd = new Random(7);
    private long nanos = 1;
    private int nextInode = 1000;

    private SocketRow anyRow() {
        int n = rnd.nextInt(6);
        String local =
                n == 0 ? "2001:db8::" + Integer.toHexString(rnd.nextInt(0xffff)) : "10.0." + rnd.nextInt(256) + "." + n;
        Family f = n == 0 ? Family.IPV6 : Family.IPV4;
        Holder h = rnd.nextInt(4) == 0
                ? null
                : Fixtures.holder(100 + rnd.nextInt(5000), "p" + rnd.nextInt(300), "cmd ".repeat(rnd.nextInt(12)));
        SocketEntry e = new SocketEntry(
                rnd.nextBoolean() ? Proto.TCP : Proto.UDP,
                f,
                Endpoints.address(local),
                rnd.nextInt(65536),
                Endpoints.address(n == 0 ? "::" : "192.168.1." + rnd.nextInt(256)),
                rnd.nextInt(65536),
                rnd.nextBoolean() ? State.ESTABLISHED : State.TIME_WAIT,
                nextInode++,
                1000,
                rnd.nextInt(3) == 0 ? rnd.nextInt(100000) : 0,
                0);
        return new SocketRow(e, h == null ? List.of() : List.of(h), "alice");
    }

    /** The same socket with other queues (another object, as a read makes for a changed socket). */
    private SocketRow changed(SocketRow r) {
        SocketEntry e = r.entry();
        SocketEntry n = new SocketEntry(
                e.proto(),
                e.family(),
                e.localAddress(),
                e.localPort(),
                e.remoteAddress(),
                e.remotePort(),
                rnd.nextBoolean() ? State.CLOSE_WAIT : e.state(),
                e.inode(),
                e.uid(),
                rnd.nextInt(10_000_000),
                e.sendQ());
        return new SocketRow(n, r.holders(), r.user());
    }

    /** The row with the longest command line: when it closes, only the closed row is that wide. */
    private static int widest(List<SocketRow> rows) {
        int at = 0;
        for (int i = 1; i < rows.size(); i++) {
            if (command(rows.get(i)) > command(rows.get(at))) {
                at = i;
            }
        }
        return at;
    }

    private static int command(SocketRow r) {
        return r.owner() == null ? 0 : r.owner().command().length();
    }

    @Test
    void framesGetTheWidthsOfAFullMeasureOfTheRowsTheyShow() {
        Settings all = Settings.initial(options).withColumns(COLUMNS);
        Settings udp = all.withFilter(r -> r.entry().proto() == Proto.UDP, "udp");
        Settings fewer = all.withColumns(List.of(Column.LOCAL, Column.UID, Column.PEER));
        TableSelection tables = all.tables();
        List<SocketRow> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(anyRow());
        }
        for (int read = 0; read < 120; read++) {
            List<SocketRow> next = new ArrayList<>(rows);
            int kind = rnd.nextInt(6);
            for (int k = 0, n = rnd.nextInt(kind == 0 ? 60 : 6); k < n && !next.isEmpty(); k++) {
                int at = rnd.nextInt(next.size());
                switch (rnd.nextInt(3)) {
                    case 0 -> next.set(at, changed(next.get(at)));
                    case 1 -> next.remove(rnd.nextBoolean() ? at : widest(next)); // shown closed once
                    default -> next.add(at, anyRow());
                }
            }
            rows = next;
            p.read(Fixtures.snapshot(rows), tables, Instant.EPOCH, nanos += 1_000_000_000L);
            Settings s = read % 7 == 3 ? udp : read % 11 == 5 ? fewer : all;
            Frame f = p.prepare(s, null);
            assertMeasured(f, s, "read " + read);
            if (read % 5 == 0) {
                Frame again = p.prepare(udp, null); // another frame of the same read
                assertMeasured(again, udp, "read " + read + " filtered");
            }
        }
    }

    private static void assertMeasured(Frame f, Settings s, String what) {
        List<Column> cols = new ArrayList<>(s.columns());
        for (Column c : List.of(Column.USER, Column.SENDQ)) {
            if (!cols.contains(c)) {
                cols.add(c);
            }
        }
        Column.Context ctx = new Column.Context(Fixtures.SERVICES, null).peers(f.snapshot.rows());
        for (Column c : cols) {
            int want = 0;
            for (SocketRow r : f.rows) {
                want = Math.max(want, Cut.cells(c.text(r, ctx)));
            }
            assertEquals(want, f.widths[c.ordinal()], c + " at " + what);
        }
    }
}
