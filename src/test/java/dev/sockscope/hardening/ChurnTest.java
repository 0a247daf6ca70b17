package dev.sockscope.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.owner.UserNames;
import dev.sockscope.source.TableSelection;
import dev.sockscope.source.proc.ProcSocketSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots of the live {@code /proc} while a child process forks short-lived processes that
 * open and close TCP and UDP sockets on 127.0.0.1 ({@link Churn}). One
 * {@link ProcSocketSource} is reused across reads, as the live view does; every tenth read uses
 * a fresh one. No read may throw, and every holder reported for a churn socket must be a process
 * that held that very socket (inode) at some moment during that read: the churn logs, on the
 * clock of {@link System#nanoTime()}, a lower bound of when each process came to hold each
 * socket and an upper bound of when it stopped (closed it, or was reaped). A holder named like
 * the churn processes must have held the socket it is reported with.
 *
 * <p>Default: 1,000 snapshots or 60 s, whichever comes first (about 15 s on an idle machine).
 * {@code -Dsockscope.churn.snapshots=20000 -Dsockscope.churn.seconds=600} is the long run of
 * {@code docs/reliability.md}.
 */
@Tag("live")
@Tag("slow")
class ChurnTest {
    static final int SNAPSHOTS = Integer.getInteger("sockscope.churn.snapshots", 1000);
    static final int SECONDS = Integer.getInteger("sockscope.churn.seconds", 60);

    /** One holder of one socket in one snapshot. */
    record Seen(int snapshot, long start, long end, long inode, int pid, String process, boolean fresh) {}

    @Test
    void snapshotsUnderChurnNeverFailAndNeverNameAProcessThatDidNotHoldTheSocket(@TempDir Path dir) throws Exception {
        UserNames users = new UserNames(Path.of("/etc/passwd"));
        TableSelection tcpUdp =
                new TableSelection(EnumSet.of(Proto.TCP, Proto.UDP), EnumSet.of(Family.IPV4, Family.IPV6));
        ProcSocketSource reused = new ProcSocketSource(Path.of("/proc"), users);
        Set<Long> before = new HashSet<>();
        for (SocketRow r : reused.read(tcpUdp).rows()) {
            before.add(r.entry().inode());
        }
        List<Seen> seen = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int snapshots = 0;
        long rowsTotal = 0;
        long start = System.nanoTime();
        long deadline = start + SECONDS * 1_000_000_000L;
        Map<Long, List<Churn.Held>> held;
        String summary;
        try (Churn churn = Churn.start(dir, 10, SECONDS + 30)) {
            while (snapshots < SNAPSHOTS && System.nanoTime() < deadline) {
                boolean fresh = snapshots % 10 == 9;
                ProcSocketSource source = fresh ? new ProcSocketSource(Path.of("/proc"), users) : reused;
                Snapshot s;
                long readStart = System.nanoTime();
                try {
                    s = source.read(tcpUdp);
                } catch (Exception | Error e) {
                    failures.add("snapshot " + snapshots + ": " + e);
                    snapshots++;
                    continue;
                }
                long readEnd = System.nanoTime();
                for (SocketRow r : s.rows()) {
                    long inode = r.entry().inode();
                    if (inode <= 0) {
                        continue;
                    }
                    boolean churnNamed = false;
                    for (Holder h : r.holders()) {
                        churnNamed |= Churn.NAME.equals(h.process());
                    }
                    if (churnNamed || !before.contains(inode)) {
                        for (Holder h : r.holders()) {
                            seen.add(new Seen(snapshots, readStart, readEnd, inode, h.pid(), h.process(), fresh));
                        }
                    }
                }
                rowsTotal += s.rows().size();
                snapshots++;
            }
            held = churn.stop();
            summary = churn.summary();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long checked = 0;
        Set<Long> churnInodes = new HashSet<>();
        for (Seen v : seen) {
            List<Churn.Held> holdings = held.get(v.inode);
            if (holdings != null) {
                checked++;
                churnInodes.add(v.inode);
                boolean ever = false;
                boolean then = false;
                for (Churn.Held h : holdings) {
                    ever |= h.pid() == v.pid;
                    then |= h.pid() == v.pid && h.overlaps(v.start, v.end);
                }
                if (!then) {
                    failures.add("snapshot " + v.snapshot + (v.fresh ? " (fresh source)" : "") + ": socket " + v.inode
                            + " reported held by pid " + v.pid + " (" + v.process + "), which "
                            + (ever ? "did not hold it during that read" : "never held it") + "; holdings " + holdings
                            + ", read " + v.start + ".." + v.end);
                }
            } else if (Churn.NAME.equals(v.process)) {
                failures.add("snapshot " + v.snapshot + ": churn pid " + v.pid + " reported holding socket " + v.inode
                        + ", which no churn process ever held");
            }
        }
        FuzzStats.record(String.format(
                "churn: snapshots=%d seconds=%.1f msPerSnapshot=%.1f rowsPerSnapshot=%d "
                        + "churnHoldersChecked=%d churnSocketsSeen=%d churnSocketsHeld=%d failures=%d churn=[%s]",
                snapshots,
                seconds,
                seconds * 1000 / Math.max(1, snapshots),
                rowsTotal / Math.max(1, snapshots),
                checked,
                churnInodes.size(),
                held.size(),
                failures.size(),
                summary));
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())));
        assertTrue(snapshots >= Math.min(SNAPSHOTS, 50), "too few snapshots: " + snapshots);
        assertTrue(
                churnInodes.size() >= Math.min(20, snapshots / 2),
                "the snapshots saw the churn: " + churnInodes.size() + " sockets in " + snapshots + " snapshots");
    }
}
