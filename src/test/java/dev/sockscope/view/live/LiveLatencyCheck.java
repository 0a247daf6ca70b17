package dev.sockscope.view.live;

import dev.sockscope.model.Holder;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.TableSelection;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.jline.terminal.impl.LineDisciplineTerminal;
import org.jline.utils.ScreenTerminal;

/**
 * Not a test: measures the live view's key-to-frame latency on JLine's screen model with a fake
 * source of N rows (default 100,000) that refreshes every 0.5 s and replaces 1% of its sockets
 * each time. Prints, per key, the milliseconds from the key's bytes to a frame that shows it
 * (the prompt text, the sort arrow) and to a frame whose table reflects it.
 *
 * <p>Usage: {@code java -cp ... dev.sockscope.view.live.LiveLatencyCheck [rows] [busyThreads]}
 */
public final class LiveLatencyCheck {
    private LiveLatencyCheck() {}

    static final Holder[] OWNERS = {
        Fixtures.holder(2001, "curl", "curl"), Fixtures.holder(2002, "java", "java"),
        Fixtures.holder(2003, "nginx", "nginx"), Fixtures.holder(2004, "python3", "python3"),
        Fixtures.holder(2005, "redis", "redis-server"),
    };

    static List<SocketRow> rows(int n, int round) {
        List<SocketRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // 1% of the sockets are new each round (and sort after the others by local address)
            boolean churned = i % 100 == 0;
            long inode = churned ? 10_000_000L * (round + 1) + i : 100 + i;
            String local = churned
                    ? "10.200." + ((i >> 8) & 255) + "." + (i & 255)
                    : "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255);
            rows.add(Fixtures.tcp4(
                    local,
                    churned ? 62000 + round : 1024 + i % 60000,
                    "192.168." + (i % 200) + ".1",
                    443 + i % 7,
                    i % 3 == 0 ? State.TIME_WAIT : State.ESTABLISHED,
                    inode,
                    OWNERS[i % OWNERS.length]));
        }
        return rows;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int busy = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        List<List<SocketRow>> rounds = List.of(rows(n, 0), rows(n, 1), rows(n, 2));
        SocketSource source = new SocketSource() {
            private int round;

            @Override
            public Snapshot read(TableSelection which) {
                return Fixtures.snapshot(rounds.get(round++ % rounds.size()));
            }

            @Override
            public String name() {
                return "fake";
            }
        };
        LiveOptions o = Fixtures.options(source, true);
        o = new LiveOptions(
                source,
                o.tables(),
                false,
                null,
                "",
                o.filterParser(),
                o.services(),
                Duration.ofMillis(500),
                true,
                false,
                null,
                new PrintStream(System.err, true, StandardCharsets.UTF_8));
        ScreenTerminal.VirtualTerminal vt = ScreenTerminal.withTerminal("bench", "xterm-256color", 120, 40);
        LineDisciplineTerminal t = vt.terminal();
        LiveOptions opts = o;
        CompletableFuture<Integer> done = CompletableFuture.supplyAsync(
                () -> LiveView.run(opts, t, Clock.systemUTC(), ZoneOffset.UTC, "bench", false));
        List<Thread> burners = new ArrayList<>();
        for (int i = 0; i < busy; i++) {
            Thread b = new Thread(
                    () -> {
                        long x = 0;
                        while (!Thread.currentThread().isInterrupted()) {
                            x += System.nanoTime() % 7;
                        }
                        if (x == 42) {
                            System.out.print("");
                        }
                    },
                    "busy-" + i);
            b.setDaemon(true);
            b.start();
            burners.add(b);
        }
        await(vt, "Sockets: " + n, 60_000);
        // let a few refreshes pass so the JIT has seen every path
        for (int i = 0; i < 3; i++) {
            keys(t, "/port:1025\u001b");
            await(vt, "Sockets: " + n, 60_000);
            LockSupport.parkNanos(500_000_000L);
        }
        for (int round = 0; round < 3; round++) {
            String typed = "port:1025";
            long[] toFrame = new long[typed.length() + 1];
            long start = System.nanoTime();
            keys(t, "/");
            toFrame[0] = await(vt, "/", 10_000, start, true);
            for (int i = 0; i < typed.length(); i++) {
                long k = System.nanoTime();
                keys(t, typed.substring(i, i + 1));
                toFrame[i + 1] = await(vt, "/" + typed.substring(0, i + 1), 10_000, k, true);
            }
            long last = System.nanoTime() - start;
            int matches = 0;
            for (int i = 1; i < n; i += 60000) {
                matches += i % 100 == 0 ? 0 : 1;
            }
            long table = await(vt, "Sockets: " + matches + " of ", 30_000, start, false);
            System.out.printf(
                    "round %d: key->frame per key (ms) %s; typing took %d ms; first->filtered table %d ms%n",
                    round,
                    Arrays.toString(
                            Arrays.stream(toFrame).map(x -> x / 1_000_000).toArray()),
                    last / 1_000_000,
                    table / 1_000_000);
            keys(t, "\u001b");
            await(vt, "Sockets: " + n, 30_000);
            await(vt, "q quit", 30_000, System.nanoTime(), true);
            keys(t, "\u001b[H");
            awaitSecondRow(vt, "10.0.0.2:1026", 30_000, System.nanoTime());
            long s0 = System.nanoTime();
            keys(t, "s");
            long arrow = await(vt, "Foreign Address\u25b2", 10_000, s0, false);
            // the selection (the first row, 10.0.0.1:1025 to 192.168.1.1:444) keeps its line: its
            // neighbour shows the order
            long sorted = awaitSecondRow(vt, "192.168.1.1:444", 30_000, s0);
            System.out.printf(
                    "round %d: 's' key->frame with the arrow %d ms, ->frame sorted %d ms%n",
                    round, arrow / 1_000_000, sorted / 1_000_000);
            // back to the local sort: s cycles through the six columns
            for (int i = 0; i < 5; i++) {
                keys(t, "s");
            }
            await(vt, "Local Address\u25b2", 10_000);
            LockSupport.parkNanos(300_000_000L);
        }
        for (Thread b : burners) {
            b.interrupt();
        }
        keys(t, "q");
        System.out.println("exit " + done.get());
    }

    static void keys(LineDisciplineTerminal t, String s) throws java.io.IOException {
        t.processInputBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    static String screen(ScreenTerminal.VirtualTerminal vt) {
        ScreenTerminal s = vt.screen();
        int w = s.getColumns();
        int h = s.getRows();
        long[] cells = new long[w * h];
        s.dump(cells, new int[2]);
        StringBuilder b = new StringBuilder();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int cp = ScreenTerminal.cellCodePoint(cells[y * w + x]);
                b.appendCodePoint(cp == 0 ? ' ' : cp);
            }
            b.append('\n');
        }
        return b.toString();
    }

    static void await(ScreenTerminal.VirtualTerminal vt, String text, long ms) {
        await(vt, text, ms, System.nanoTime(), false);
    }

    /** Nanoseconds from {@code since} until the screen shows {@code text} (in the last line when {@code footer}). */
    static long await(ScreenTerminal.VirtualTerminal vt, String text, long ms, long since, boolean footer) {
        long end = System.nanoTime() + ms * 1_000_000L;
        while (true) {
            String s = screen(vt);
            boolean hit;
            if (footer) {
                String[] lines = s.split("\n");
                String f = lines[lines.length - 1];
                // the prompt line: the text, then the block cursor (a blank)
                hit = text.startsWith("/") ? f.startsWith(text + " ") : f.startsWith(text);
            } else {
                hit = s.contains(text);
            }
            if (hit) {
                return System.nanoTime() - since;
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("never showed " + text + ":\n" + screen(vt));
            }
            LockSupport.parkNanos(100_000);
        }
    }

    static long awaitSecondRow(ScreenTerminal.VirtualTerminal vt, String text, long ms, long since) {
        long end = System.nanoTime() + ms * 1_000_000L;
        while (true) {
            String[] lines = screen(vt).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("Local Address") || lines[i].contains("Foreign Address")) {
                    if (i + 2 < lines.length && lines[i + 2].contains(text)) {
                        return System.nanoTime() - since;
                    }
                    break;
                }
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("first row never showed " + text + ":\n" + screen(vt));
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
