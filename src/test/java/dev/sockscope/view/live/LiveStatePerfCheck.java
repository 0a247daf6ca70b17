package dev.sockscope.view.live;

import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: prints how long the state takes on a busy host's worth of sockets. The state here
 * prepares each change at once, so "accept" and "one filter key" are what the live view's worker
 * thread spends on a refresh and on a key (the key thread only swaps the result in).
 */
public final class LiveStatePerfCheck {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 80_000;
        List<SocketRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(Fixtures.tcp4(
                    "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255),
                    1024 + i % 60000,
                    "127.0.0.1",
                    20000 + i % 7,
                    State.ESTABLISHED,
                    100 + i,
                    Fixtures.CURL));
        }
        LiveState s = new LiveState(Fixtures.options(new LiveStateTest.FakeSource(), true), "h", ZoneOffset.UTC);
        for (int round = 0; round < 8; round++) {
            long tf = System.nanoTime();
            var snap = Fixtures.snapshot(LiveLatencyCheck.rows(n, round % 3));
            var lines = LiveState.format(snap, Fixtures.SERVICES);
            long t0 = System.nanoTime();
            s.accept(snap, lines, LiveStateTest.TCP_UDP, LiveStateTest.T0);
            long t1 = System.nanoTime();
            s.apply(Action.FILTER, "/");
            s.apply(Action.CHAR, "c");
            long t2 = System.nanoTime();
            s.apply(Action.ESCAPE, null);
            s.viewport(40);
            long t3 = System.nanoTime();
            LiveScreen.render(s, 120, 40);
            long t4 = System.nanoTime();
            s.apply(Action.SORT_NEXT, "s");
            long t5 = System.nanoTime();
            s.apply(Action.SORT_REVERSE, "S");
            long t6 = System.nanoTime();
            s.apply(Action.SORT_REVERSE, "S");
            for (int i = 0; i < 5; i++) {
                s.apply(Action.SORT_NEXT, "s");
            }
            System.out.printf(
                    "format (refresh thread) %d ms, accept %d ms, one filter key %d ms, render %d ms,"
                            + " new sort column %d ms, reverse %d ms%n",
                    (t0 - tf) / 1_000_000,
                    (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000,
                    (t4 - t3) / 1_000_000,
                    (t5 - t4) / 1_000_000,
                    (t6 - t5) / 1_000_000);
        }
    }
}
