package dev.sockscope.view.live;

import static dev.sockscope.view.live.LiveStateTest.T0;
import static dev.sockscope.view.live.LiveStateTest.TCP_UDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The live state does not grow over time: with sockets that all close and reopen with new inodes
 * at every refresh, 10,000 refreshes leave it holding the last read, the rows closed since the
 * one before, and nothing older. Checked two ways: the sizes of what the shown table holds, and
 * a walk of every object reachable from the state, counting snapshots, rows and keys.
 */
class LiveStateMemoryTest {
    static final int REFRESHES = 10_000;

    /** {@code n} sockets, all new: inodes never seen before, ports that move every round. */
    static List<SocketRow> churned(int round, int n) {
        List<SocketRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(Fixtures.tcp4(
                    "10.1." + (round & 255) + "." + i,
                    1024 + (round * 7 + i) % 60000,
                    "10.2.0.1",
                    443,
                    State.ESTABLISHED,
                    (long) round * 1000 + i + 1,
                    Fixtures.CURL));
        }
        return rows;
    }

    @Test
    void tenThousandRefreshesOfChurningSocketsRetainOnlyTheLastTwoReads() {
        LiveState s = new LiveState(Fixtures.options(new LiveStateTest.FakeSource(), true), "h", ZoneOffset.UTC);
        s.apply(Action.FILTER, "/");
        LiveStateTest.type(s, "curl");
        s.apply(Action.ENTER, "\r");
        Random sizes = new Random(7);
        int previous = 0;
        for (int round = 1; round <= REFRESHES; round++) {
            int n = 20 + sizes.nextInt(60);
            s.accept(Fixtures.snapshot(churned(round, n)), TCP_UDP, T0);
            if (round % 97 == 0) {
                s.apply(Action.SORT_NEXT, "s");
            }
            Prepared p = s.shown();
            assertEquals(n, p.keyMapSize(), "one key per socket of the last read");
            int gone = round == 1 ? 0 : previous;
            assertEquals(n + gone, p.rows(), "the last read and the sockets closed since the one before");
            assertEquals(n + gone, p.view().size());
            // current + key map + gone + sorted + view
            assertEquals(4 * n + 3 * gone, p.retained());
            assertEquals(0, s.waitingReads());
            if (round % 500 == 0) {
                Reach r = Reach.from(s);
                assertEquals(1, r.count(Snapshot.class), "only the shown snapshot");
                assertEquals(n + gone, r.count(LiveState.Line.class), "one line per socket shown");
                // and at most the key the selection was on when the job was made, which may have closed
                int keys = r.count(RowKey.class);
                assertTrue(keys == n + gone || keys == n + gone + 1, "keys: " + keys);
                assertEquals(n + gone, r.count(SocketRow.class));
            }
            previous = n;
        }
    }

    @Test
    void withAWorkerThatFallsBehindTheStateStillHoldsAtMostAFewReads() {
        List<Prepared.Job> jobs = new ArrayList<>();
        LiveState s =
                new LiveState(Fixtures.options(new LiveStateTest.FakeSource(), true), "h", ZoneOffset.UTC, jobs::add);
        Random r = new Random(11);
        int maxRows = 0;
        for (int round = 1; round <= REFRESHES; round++) {
            int n = 20 + r.nextInt(60);
            maxRows = Math.max(maxRows, n);
            s.accept(Fixtures.snapshot(churned(round, n)), TCP_UDP, T0);
            switch (r.nextInt(8)) {
                case 0:
                    s.apply(Action.SORT_NEXT, "s");
                    break;
                case 1:
                    s.apply(Action.PAUSE, " ");
                    break;
                case 2:
                    s.apply(Action.FILTER, "/");
                    LiveStateTest.type(s, "cu");
                    s.apply(Action.ENTER, "\r");
                    break;
                case 3:
                    s.apply(Action.FILTER, "/");
                    s.apply(Action.CLEAR_LINE, null);
                    s.apply(Action.ENTER, "\r");
                    break;
                default:
                    break;
            }
            // the live view's mailboxes keep the newest job of each kind; finish one or both, in either order
            Prepared.Job heavy = newest(jobs, false);
            Prepared.Job light = newest(jobs, true);
            jobs.clear();
            int how = r.nextInt(4);
            if (how == 0 && heavy != null) {
                s.install(Prepared.prepare(heavy, () -> false));
            } else if (how == 1 && light != null) {
                s.install(Prepared.prepare(light, () -> false));
            } else if (how == 2) {
                finish(s, heavy);
                finish(s, light);
            } else {
                finish(s, light);
                finish(s, heavy);
            }
            // what a follow-up install asked for is not kept either: it went to the mailboxes
            Prepared.Job h2 = newest(jobs, false);
            Prepared.Job l2 = newest(jobs, true);
            jobs.clear();
            if (r.nextBoolean()) {
                finish(s, h2);
                finish(s, l2);
            }
            jobs.clear();
            assertTrue(s.waitingReads() <= 3);
            if (round % 500 == 0) {
                Reach reach = Reach.from(s);
                // shown, a staged read, the one at the worker, the one held back by pause
                assertTrue(reach.count(Snapshot.class) <= 4, "snapshots: " + reach.count(Snapshot.class));
                int bound = 2 * 4 * maxRows;
                assertTrue(reach.count(LiveState.Line.class) <= bound, "lines: " + reach.count(LiveState.Line.class));
                assertTrue(reach.count(SocketRow.class) <= bound, "rows: " + reach.count(SocketRow.class));
            }
        }
    }

    @Test
    void aRowHoldsNoTextOrArrayOfItsOwnBeyondItsEntrysAddresses() {
        LiveState s = new LiveState(Fixtures.options(new LiveStateTest.FakeSource(), true), "h", ZoneOffset.UTC);
        List<Holder> curl = List.of(Fixtures.CURL); // one process's sockets share their holder list
        int n = 2_000;
        for (int round = 1; round <= 2; round++) {
            List<SocketRow> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                SocketEntry e = new SocketEntry(
                        Proto.TCP,
                        Family.IPV4,
                        "10.1." + round + "." + i,
                        40000 + i,
                        "10.2.0." + i,
                        443,
                        State.ESTABLISHED,
                        round * 10_000L + i,
                        1000,
                        0,
                        0);
                rows.add(new SocketRow(e, curl, "alice"));
            }
            s.accept(Fixtures.snapshot(rows), TCP_UDP, T0);
        }
        // the shown table: 2,000 rows read, 2,000 gone since the first read
        assertEquals(2 * n, s.view().size());
        Reach r = Reach.from(s);
        Set<Object> addresses = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (LiveState.Line l : s.view()) {
            addresses.add(l.row().entry().localAddress());
            addresses.add(l.row().entry().remoteAddress());
        }
        long otherText =
                r.all(String.class).stream().filter(o -> !addresses.contains(o)).count();
        assertTrue(otherText < 50, "strings besides the entries' addresses: " + otherText);
        assertTrue(r.count(int[].class) < 10, "int arrays: " + r.count(int[].class));
        assertEquals(2 * n, r.count(RowKey.class));
        // and what the screen draws is still there, made when asked
        LiveState.Line first = s.view().get(0);
        assertEquals(
                first.row().entry().localAddress() + ":" + first.row().entry().localPort(), first.local());
        assertEquals(first.local().length(), first.width(1));
    }

    @Test
    void widthsPackIntoOneLongCappedAtTheWidestAScreenCanUse() {
        long w = LiveState.packWidths(3, 21, 1, 11, LiveState.MAX_WIDTH + 500, 0);
        assertEquals(
                List.of(3, 21, 1, 11, LiveState.MAX_WIDTH, 0),
                java.util.stream.IntStream.range(0, LiveState.COLUMNS)
                        .mapToObj(c -> new LiveState.Line(null, null, LiveState.Mark.NONE, "", "", w).width(c))
                        .toList());
    }

    static Prepared.Job newest(List<Prepared.Job> jobs, boolean light) {
        Prepared.Job last = null;
        for (Prepared.Job j : jobs) {
            if (j.light() == light) {
                last = j;
            }
        }
        return last;
    }

    static void finish(LiveState s, Prepared.Job j) {
        if (j != null) {
            s.install(Prepared.prepare(j, () -> false));
        }
    }

    /**
     * Every object reachable from a root, by identity: fields of the project's own classes,
     * elements of collections, maps and arrays. JDK objects other than those are leaves (their
     * internals hold none of the project's objects here), and so are lambdas.
     */
    static final class Reach {
        private final Map<Object, Boolean> seen = new IdentityHashMap<>();

        static Reach from(Object root) {
            Reach r = new Reach();
            Deque<Object> todo = new ArrayDeque<>() {
                @Override
                public void push(Object o) {
                    if (o != null) {
                        super.push(o);
                    }
                }
            };
            todo.push(root);
            while (!todo.isEmpty()) {
                Object o = todo.pop();
                if (r.seen.put(o, Boolean.TRUE) != null) {
                    continue;
                }
                Class<?> c = o.getClass();
                if (c.isArray()) {
                    if (!c.getComponentType().isPrimitive()) {
                        for (int i = 0; i < Array.getLength(o); i++) {
                            todo.push(Array.get(o, i));
                        }
                    }
                } else if (o instanceof Collection<?> col) {
                    for (Object e : col) {
                        todo.push(e);
                    }
                } else if (o instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        todo.push(e.getKey());
                        todo.push(e.getValue());
                    }
                } else if (c.getName().startsWith("dev.sockscope.")
                        && !c.isSynthetic()
                        && !c.isHidden()
                        && !c.isEnum()
                        && !(o instanceof Enum<?>)) {
                    for (Class<?> k = c; k != null && k.getName().startsWith("dev.sockscope."); k = k.getSuperclass()) {
                        for (Field f : k.getDeclaredFields()) {
                            if (Modifier.isStatic(f.getModifiers())
                                    || f.getType().isPrimitive()) {
                                continue;
                            }
                            f.setAccessible(true);
                            try {
                                todo.push(f.get(o));
                            } catch (IllegalAccessException e) {
                                throw new AssertionError(e);
                            }
                        }
                    }
                }
            }
            return r;
        }

        List<Object> all(Class<?> type) {
            List<Object> out = new ArrayList<>();
            for (Object o : seen.keySet()) {
                if (type.isInstance(o)) {
                    out.add(o);
                }
            }
            return out;
        }

        int count(Class<?> type) {
            int n = 0;
            for (Object o : seen.keySet()) {
                if (type.isInstance(o)) {
                    n++;
                }
            }
            return n;
        }
    }
}
