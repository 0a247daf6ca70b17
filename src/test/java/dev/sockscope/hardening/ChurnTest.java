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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
 * <p>Every snapshot must also show, with this process as their holder, the three sockets the
 * test itself holds for the whole run (a listener and both ends of a connection to it): a read
 * that loses a socket or its holder under churn fails, whatever the timing.
 *
 * <p>The run is a fixed number of snapshots, 1,000 by default (about 15 s on an idle machine),
 * however long they take: nothing depends on how many reads fit in some time.
 * {@code -Dsockscope.churn.snapshots=20000} is the long run of {@code docs/reliability.md}.
 */
@Tag("live")
@Tag("slow")
class ChurnTest {
    static final int SNAPSHOTS = Integer.getInteger("sockscope.churn.snapshots", 1000);
    /** The churn's own limit: it ends by itself then even if this test never stops it. */
    static final int CHURN_SECONDS = 3600;
    /** Distinct churn sockets the run must have seen with a holder (each read sees dozens). */
    static final int CHURN_SOCKETS_SEEN = 20;

    /** One holder of one socket in one snapshot. */
    record Seen(int snapshot, long start, long end, long inode, int pid, String process, boolean fresh) {}

    @Test
    void snapshotsUnderChurnNeverFailAndNeverNameAProcessThatDidNotHoldTheSocket(@TempDir Path dir) throws Exception {
        UserNames users = new UserNames(Path.of("/etc/passwd"));
        TableSelection tcpUdp =
                new TableSelection(EnumSet.of(Proto.TCP, Proto.UDP), EnumSet.of(Family.IPV4, Family.IPV6));
        ProcSocketSource reused = new ProcSocketSource(Path.of("/proc"), users);
        Set<Long> before = new HashSet<>();
        reused.read(tcpUdp);
        long warm = System.nanoTime();
        for (SocketRow r : reused.read(tcpUdp).rows()) {
            before.add(r.entry().inode());
        }
        // the lingering churn children outlive three reads, however long a read takes here (11 ms
        // idle, seconds beside a benchmark's 80,000 sockets): the run sees churn holders either way
        double linger = Math.max(1.0, 3 * (System.nanoTime() - warm) / 1e9);
        List<Seen> seen = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int snapshots = 0;
        long rowsTotal = 0;
        long start = System.nanoTime();
        Map<Long, List<Churn.Held>> held;
        String summary;
        int self = (int) ProcessHandle.current().pid();
        try (ServerSocket listener = new ServerSocket(0, 4, InetAddress.getByName("127.0.0.1"));
                Socket client = new Socket(InetAddress.getByName("127.0.0.1"), listener.getLocalPort());
                Socket accepted = listener.accept();
                Churn churn = Churn.start(dir, 10, CHURN_SECONDS, linger)) {
            // the test's own sockets, held throughout: local port -> the remote port it must show
            Map<Integer, Integer> own = Map.of(
                    listener.getLocalPort(),
                    0,
                    client.getLocalPort(),
                    listener.getLocalPort(),
                    -accepted.getPort(),
                    accepted.getPort());
            while (snapshots < SNAPSHOTS) {
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
                String missing = ownSocketsMissing(s, own, listener.getLocalPort(), self);
                if (missing != null) {
                    failures.add("snapshot " + snapshots + (fresh ? " (fresh source)" : "") + ": " + missing);
                }
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
                "churn: snapshots=%d seconds=%.1f msPerSnapshot=%.1f rowsPerSnapshot=%d linger=%.1f "
                        + "churnHoldersChecked=%d churnSocketsSeen=%d churnSocketsHeld=%d failures=%d churn=[%s]",
                snapshots,
                seconds,
                seconds * 1000 / Math.max(1, snapshots),
                rowsTotal / Math.max(1, snapshots),
                linger,
                checked,
                churnInodes.size(),
                held.size(),
                failures.size(),
                summary));
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())));
        assertEquals(SNAPSHOTS, snapshots);
        assertTrue(
                churnInodes.size() >= CHURN_SOCKETS_SEEN,
                "the snapshots saw the churn: " + churnInodes.size() + " sockets in " + snapshots + " snapshots");
    }

    /**
     * Null when the snapshot shows the test's listener and both ends of its connection, each held
     * by this process; else what is missing. {@code own} maps a local port to the remote port its
     * row must show (0 for the listener); a negative key is the accepted end, whose local port is
     * the listener's and whose remote port is the client's.
     */
    private static String ownSocketsMissing(Snapshot s, Map<Integer, Integer> own, int listenPort, int self) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<Integer, Integer> o : own.entrySet()) {
            int local = o.getKey() < 0 ? listenPort : o.getKey();
            int remote = o.getValue();
            boolean found = false;
            for (SocketRow r : s.rows()) {
                if (r.entry().proto() == Proto.TCP
                        && r.entry().localPort() == local
                        && r.entry().remotePort() == remote
                        && r.entry()
                                .localAddress()
                                .text()
                                .endsWith("127.0.0.1")) { // Java's sockets are IPv6: ::ffff:127.0.0.1
                    for (Holder h : r.holders()) {
                        found |= h.pid() == self;
                    }
                }
            }
            if (!found) {
                missing.add("127.0.0.1:" + local + " -> :" + remote);
            }
        }
        return missing.isEmpty() ? null : "the test's own sockets not shown as held by pid " + self + ": " + missing;
    }
}
