package dev.sockscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.health.CounterReader;
import dev.sockscope.health.HealthWatch;
import dev.sockscope.health.Hint;
import dev.sockscope.health.PortRange;
import dev.sockscope.health.Thresholds;
import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketRow;
import dev.sockscope.owner.UserNames;
import dev.sockscope.source.TableSelection;
import dev.sockscope.source.proc.ProcSocketSource;
import dev.sockscope.testing.Situation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each hint on a situation made for real on loopback by a separate process, read from this
 * machine's /proc like {@code -s} reads it, with the default thresholds. Other programs on the
 * machine may have hints of their own: the assertions look at the hints about the process and
 * ports the test made.
 */
@Tag("live")
class HealthLoopbackTest {
    static final Path PROC = Path.of("/proc");

    /** Readings {@code gapMs} apart, as {@code -s --interval} takes them; the hints of the last. */
    static List<Hint> readings(int n, long gapMs) throws Exception {
        HealthWatch watch = new HealthWatch(Thresholds.DEFAULT);
        CounterReader counters = new CounterReader(PROC);
        List<Hint> hints = List.of();
        try (ProcSocketSource source = new ProcSocketSource(PROC, new UserNames(Path.of("/etc/passwd")))) {
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    Thread.sleep(gapMs);
                }
                var c = counters.read();
                List<SocketRow> rows = source.read(TableSelection.all()).rows();
                hints = watch.accept(rows, c, new PortRange(32768, 60999)).hints();
            }
        }
        return hints;
    }

    static List<Hint> about(List<Hint> hints, Hint.Kind kind, int pid, String whereStart) {
        List<Hint> out = new ArrayList<>();
        for (Hint h : hints) {
            boolean byPid = pid == 0 || h.holders().stream().anyMatch(x -> x.pid() == pid);
            if (h.kind() == kind && byPid && h.where().startsWith(whereStart)) {
                out.add(h);
            }
        }
        return out;
    }

    @Test
    void aProcessThatNeverClosesWhatItsPeersClosedHasACloseWaitPile() throws Exception {
        try (Situation s = Situation.start("close-wait", "--count", "12", "--name", "cw-pile")) {
            List<Hint> hints = readings(1, 0);
            List<Hint> mine = about(hints, Hint.Kind.CLOSE_WAIT, s.pid(), "127.0.0.1:" + s.port());
            assertEquals(1, mine.size(), hints.toString());
            Holder h = mine.get(0).holders().get(0);
            assertEquals("cw-pile", h.process());
            assertEquals(12L, mine.get(0).figures().get("closeWait"));
        }
    }

    @Test
    void aListenerThatNeverAcceptsHasAFullAcceptQueueAndTheOverflowCounterRises() throws Exception {
        try (Situation s = Situation.start("backlog", "--count", "40", "--name", "no-accept")) {
            // /proc shows no backlog: the queue is seen at two readings and ListenOverflows rises
            // as the helper's clients keep knocking
            List<Hint> hints = readings(2, 1200);
            List<Hint> mine = about(hints, Hint.Kind.ACCEPT_QUEUE_FULL, s.pid(), "127.0.0.1:" + s.port());
            assertEquals(1, mine.size(), hints.toString());
            assertEquals(2L, mine.get(0).figures().get("recvQ"), "backlog 1: the kernel queues 2");
            assertTrue(
                    mine.get(0).figures().get("listenOverflowsRise") > 0,
                    mine.get(0).toString());
        }
    }

    @Test
    void aReceiverThatNeverReadsHasAGrowingRecvQ() throws Exception {
        try (Situation s = Situation.start("grow", "--name", "no-read")) {
            List<Hint> hints = readings(3, 700);
            String where = "127.0.0.1:" + s.port() + " -> 127.0.0.1:" + s.fact("client");
            List<Hint> mine = about(hints, Hint.Kind.QUEUE_GROWING, s.pid(), where);
            assertEquals(1, mine.size(), hints.toString());
            assertTrue(mine.get(0).evidence().startsWith("Recv-Q "), mine.get(0).evidence());
        }
    }

    @Test
    void aSenderToAFullReceiverHasAGrowingSendQ() throws Exception {
        try (Situation s = Situation.start("grow", "--small-rcvbuf", "--name", "no-read")) {
            Thread.sleep(600); // let the small receive window fill first
            List<Hint> hints = readings(3, 700);
            String where = "127.0.0.1:" + s.fact("client") + " -> 127.0.0.1:" + s.port();
            List<Hint> mine = about(hints, Hint.Kind.QUEUE_GROWING, s.pid(), where);
            assertEquals(1, mine.size(), hints.toString());
            assertTrue(mine.get(0).evidence().startsWith("Send-Q "), mine.get(0).evidence());
        }
    }

    @Test
    void aClientThatClosesFirstLeavesTimeWaitTowardsTheServer() throws Exception {
        try (Situation s = Situation.start("time-wait", "--count", "1000", "--name", "tw-maker")) {
            List<Hint> hints = readings(1, 0);
            List<Hint> mine = about(hints, Hint.Kind.TIME_WAIT, 0, "127.0.0.1:" + s.port());
            assertEquals(1, mine.size(), hints.toString());
            assertTrue(
                    mine.get(0).figures().get("timeWait") >= 1000, mine.get(0).toString());
            assertEquals(
                    List.of(), mine.get(0).holders(), "nobody holds a TIME_WAIT socket, nor a connection there now");
        }
    }

    @Test
    void aHealthyServerGivesNoHint() throws Exception {
        try (Situation s = Situation.start("healthy", "--name", "healthy")) {
            List<Hint> hints = readings(3, 500);
            String port = ":" + s.port();
            for (Hint h : hints) {
                boolean mine = h.holders().stream().anyMatch(x -> x.pid() == s.pid())
                        || h.where().contains(port);
                assertTrue(!mine, "a hint about the healthy server: " + h);
            }
        }
    }
}
