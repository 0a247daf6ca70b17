package dev.sockscope.owner;

import dev.sockscope.model.HiddenProcess;
import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketEntry;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joins socket inodes to every process holding them, on Linux, from a {@code /proc}-shaped
 * root ({@code /proc} itself, or a captured tree).
 *
 * <p><b>Source.</b> Processes are the directories of the root whose names are decimal pids
 * ({@code self}, {@code net}, {@code 0012} are not). Each entry of {@code <root>/[pid]/fd/}
 * is a symlink; a socket's reads {@code socket:[12345]} (see {@code proc(5)}), everything
 * else (files, pipes, anon inodes) is skipped. For a holder: the process name is
 * {@code [pid]/comm} without its newline; the command line is {@code [pid]/cmdline} with
 * trailing NULs dropped and the remaining NULs turned into spaces ("" for kernel threads and
 * zombies; read up to {@value #MAX_CMDLINE} bytes); the uid is the real uid of the
 * {@code Uid:} line of {@code [pid]/status}, {@link SocketEntry#UNKNOWN} when absent or
 * unparsable (an exited thread-group leader's command line is read from a live thread); the user comes from {@link UserNames}. Text is decoded as UTF-8 with
 * replacement and kept raw (a process may name itself with escape sequences: sanitize
 * before display). A file missing from a captured tree leaves its field empty or unknown.
 *
 * <p><b>Races and permissions.</b> A process that exits during the scan is skipped silently.
 * A process whose {@code fd/} cannot be read (another user's process when not root, or any
 * other error while the process still exists) is counted in
 * {@link Owners#hiddenProcesses()} and named in {@link Owners#hidden()}. With {@code hidepid} mounts other users' processes are
 * invisible altogether and cannot be counted.
 *
 * <p><b>Reuse between calls.</b> One instance is meant to be called repeatedly (the live
 * view, {@code --list --count N}). Reading every fd costs a {@code readlink} each (several
 * microseconds, kernel-bound), so the resolver keeps, per pid, the socket fds found at the
 * last read of its fd table, a stamp of that table (identity and fd count, from one
 * {@code stat} of {@code fd/}: Linux 6.2+ reports the fd count as its size) and the
 * process's name, command line and uid. A call then:
 * <ol>
 *   <li>lists the pids and stamps each; reads the table of every process that is new, whose
 *       identity changed (pid reused), whose fd count changed, that was denied last time, or
 *       whose periodic turn has come (each pid once every {@code fullRescanEvery} calls, at a
 *       phase set by the pid, so the cost spreads instead of spiking) unless it has not run
 *       since its last turn (a large table of an idle process: {@code task/TID/schedstat}, see
 *       {@link #ranSinceLastTurn}); the other processes' tables are trusted;</li>
 *   <li>where a trusted table claims a shared inode (one that another table also claims, or
 *       that had several holders at the last call: a fork, a pre-fork server, a socket handed
 *       over), re-reads just those fds, once per call, and the whole table when one no longer
 *       names its socket;</li>
 *   <li>if a wanted inode has no claim left (new socket, or its holders exited or gave it up),
 *       first the cheap explanations, each only while one is left: a table read in step 1
 *       whose fd count has moved since is read again (the socket opened after that read); the
 *       pids are listed again and the processes started since step 1 are read (a fork, a new
 *       worker); and the caller's {@link OpenCheck} is asked whether the socket has closed
 *       since the connection tables were read (at most {@value Resolution#MAX_OPEN_CHECKS}
 *       such questions; a closed one is not looked for). Under churn these account for nearly
 *       every unclaimed socket. Then, for what is left, reads the trusted processes, those
 *       that held sockets before first, in pid order (passing over a large table whose process
 *       has not run since before it was read: {@link #idleSinceRead}), and
 *       stops as soon as every wanted inode has a claim. An inode that a search through every
 *       process does not find (held by a hidden process, by the kernel only, or in flight in an
 *       {@code SCM_RIGHTS} message) is remembered and does not start a search again while it
 *       stays unclaimed. The first call reads every table while the connection tables are
 *       read, so what it leaves unclaimed may have been made after its process's table was
 *       read: it is not remembered, and the second call searches for it once.</li>
 * </ol>
 *
 * When the wanted inodes are the last call's, no table read in step 1 found its socket fds
 * changed, no process holding sockets came or went, the holder records read again are equal
 * and the re-checks of step 2 hold, the claims are the last call's: the last call's holders
 * are handed on as they are (the same lists, so rows compare by identity) instead of being
 * worked out again for every inode; the result is the one steps 2 to 4 would give.
 *
 * <p><b>What the reuse guarantees.</b> An exited process is never reported (every reported
 * pid was listed and stamped in the call, and its metadata read finds it gone). A socket that
 * moves to a process that is new or whose fd count changed is reported with that holder in
 * the same call, and a trusted claim on it is re-checked, so the old holder is dropped if it
 * let go. A forked child sharing its parent's sockets is reported in the same call. A process
 * that gives up a shared socket is dropped in the same call, whatever its fd count does (the
 * claim is re-checked with one {@code readlink}). A new socket is always found (the search
 * stops only when it has a holder or every table that may hold it was read), unless the
 * kernel's own lookup says it has closed.
 * <b>What it trades off</b>, until the process's periodic turn (at most
 * {@code fullRescanEvery} calls): a process that gains a socket another process keeps holding
 * ({@code SCM_RIGHTS}), or gives up a socket that no other visible process holds (it lives
 * on in flight or in a hidden process), while its fd count stays the same (it opens or closes
 * another fd in the same interval), is not yet listed or still listed as a holder; and the
 * name, command line and uid are those of the last read of the table ({@code setproctitle} or
 * {@code setuid} without an fd change show up at the turn).
 * With {@code fullRescanEvery == 1} every call is a fresh full read. A root that is not a
 * mounted procfs (a captured tree) has no stamps: every process is read on every call.
 *
 * <p>Step 1 needs no inode: {@link #scan} does it ahead of {@link #resolve} (on another thread
 * while the caller reads the connection tables), and resolve does the rest.
 *
 * <p><b>Parts.</b> This class keeps what lasts between calls (the processes by pid, the
 * inodes found shared or nowhere) and does step 1; {@link FdTables} reads fd tables (on two
 * threads for large batches, and through the threads of an exited thread-group leader);
 * {@link Resolution} is one call's steps 2 to 4; {@link ProcText} parses the files.
 *
 * <p>Thread-safe ({@link #scan} and {@link #resolve} are synchronized); the returned
 * {@link Owners} is immutable.
 */
public final class ProcOwnerResolver {
    /**
     * Default period, in calls, of the re-read of a process whose fd table looks unchanged: half
     * a minute in the live view. Only the trade-offs listed above wait for it; at 10 the re-reads
     * were a sixth of the live view's CPU at 40,000 sockets in four processes (each table of
     * 10,000 fds read every 10 s), and a second re-read of each inside {@code --count 11}.
     */
    public static final int DEFAULT_FULL_RESCAN_EVERY = 30;

    /** Tables smaller than this are read at their turn without asking whether the process ran. */
    static final int IDLE_CHECK_MIN_FDS = 64;
    /** An idle process's table is still read at every this many turns. */
    static final int IDLE_CHECK_FACTOR = 10;

    static final int MAX_CMDLINE = 256 * 1024;
    private static final int MAX_SMALL_FILE = 64 * 1024;
    private static final byte[] GONE_BYTES = new byte[0];

    private final Path root;
    private final UserNames users;
    private final ProcFiles files;
    private final FdTables tables;
    private final int fullRescanEvery;

    private LongMap<TrackedProcess> procs;
    private LongMap<Boolean> orphans = new LongMap<>(0);
    private LongMap<Boolean> shared = new LongMap<>(0);
    private long calls;
    private ScanStats lastStats = new ScanStats(0, 0, 0, false, false);
    private Scan pending;
    /** The last call's result (its inodes and holders) and processes alive at its end (pid order), for {@link #unchanged}. */
    private Owners lastOwners;

    private final Latecomers latecomers = new Latecomers();
    /** Whether the last call left an unclaimed inode unsearched: taken for closed, or left by a full scan. */
    private boolean lastDropped;

    private TrackedProcess[] lastLive = new TrackedProcess[0];
    /** Off only to compare with full resolutions in tests. */
    boolean reuseOutcomes = true;
    /** Calls that handed on the last outcome, for tests. */
    long reused;

    /**
     * Work done by the last call, for measurements and tests.
     *
     * @param processes     numeric directories listed under the root
     * @param tablesRead    processes whose whole fd table was read
     * @param linksRead     fd symlinks read (whole tables plus single re-checks)
     * @param full          whether every table was read (first call, or no reuse)
     * @param parallel      whether the scan's tables were read on two threads
     */
    record ScanStats(int processes, int tablesRead, long linksRead, boolean full, boolean parallel) {}

    /** Resolver over {@code procRoot} that re-reads every process at least every {@value #DEFAULT_FULL_RESCAN_EVERY} calls. */
    public ProcOwnerResolver(Path procRoot, UserNames users) {
        this(procRoot, users, DEFAULT_FULL_RESCAN_EVERY);
    }

    /**
     * @param fullRescanEvery each process's fd table and metadata are read at least once every
     *                        this many calls; 1 reads everything on every call (no reuse)
     */
    public ProcOwnerResolver(Path procRoot, UserNames users, int fullRescanEvery) {
        this(procRoot, users, ProcFiles.forRoot(procRoot), fullRescanEvery);
    }

    ProcOwnerResolver(Path procRoot, UserNames users, ProcFiles files, int fullRescanEvery) {
        this(procRoot, users, files, fullRescanEvery, FdTables.defaultParallelFds());
    }

    /**
     * @param parallelFds a scan whose tables add up to this many fds reads them on two threads
     *                    ({@link Long#MAX_VALUE}: never)
     */
    ProcOwnerResolver(Path procRoot, UserNames users, ProcFiles files, int fullRescanEvery, long parallelFds) {
        if (fullRescanEvery < 1) {
            throw new IllegalArgumentException("fullRescanEvery must be at least 1: " + fullRescanEvery);
        }
        this.root = procRoot;
        this.users = users;
        this.files = files;
        this.tables = new FdTables(files, parallelFds);
        this.fullRescanEvery = fullRescanEvery;
    }

    /**
     * Step 1 of a call, done by {@link #scan} ahead of {@link #resolve}, or by resolve itself:
     * the processes still alive ({@code live[0..count)}), whether each one's table was read in
     * this scan ({@code fresh}; else it is trusted), those denied, and the counters before it.
     */
    record Scan(
            long call,
            boolean full,
            boolean parallel,
            long linksBefore,
            int tablesBefore,
            int processes,
            TrackedProcess[] live,
            boolean[] fresh,
            int count,
            List<TrackedProcess> denied) {}

    /**
     * Reads, ahead of the next {@link #resolve}, the fd tables that call would read anyway
     * (step 1: new, changed, denied or due processes; every process on the first call), so that
     * a caller can do it while it reads the connection tables on another thread. The next
     * resolve then uses this scan instead of making its own. A socket created after its
     * holder's table was read here is found at the next call (its holder's fd count changed)
     * or at the holder's periodic turn: the same race any snapshot of two sources has.
     */
    public synchronized void scan() {
        pending = scanProcesses();
    }

    /**
     * Finds every holder of every inode in {@code inodes}; 0 and negative values (no inode,
     * {@link SocketEntry#UNKNOWN}) are ignored, duplicates are fine.
     */
    public Owners resolve(long[] inodes) {
        return resolve(inodes, null);
    }

    /**
     * {@link #resolve(long[])}, where {@code open} can tell a socket that closed after the
     * connection tables were read: asked before a search through the trusted tables, so that
     * such a socket does not send one (it would read every table and find nothing).
     *
     * @param open asked by the index in {@code inodes}; null: no socket is known closed
     */
    public synchronized Owners resolve(long[] inodes, OpenCheck open) {
        Scan scan = pending != null ? pending : scanProcesses();
        pending = null;
        Resolution.Outcome out = unchanged(scan, inodes) ? again(scan) : null;
        if (out != null) {
            reused++;
        } else {
            Resolution call = new Resolution(tables, scan.call(), inodes, orphans, shared);
            boolean exhaustive = call.settle(scan, open, latecomers, this::idleSinceRead);
            scan = call.scan();
            out = call.collect(exhaustive, this::holder);
        }
        procs = out.next();
        lastDropped = out.dropped();
        orphans = out.orphans();
        shared = out.shared();
        lastLive = liveOf(scan);
        lastStats = new ScanStats(
                scan.processes(),
                tables.tablesRead() - scan.tablesBefore(),
                tables.linksRead() - scan.linksBefore(),
                scan.full(),
                scan.parallel());
        List<HiddenProcess> hidden = new ArrayList<>(out.denied().size());
        for (TrackedProcess p : out.denied()) {
            hidden.add(new HiddenProcess(p.pid, ProcText.comm(readField(p.dir, "comm", MAX_SMALL_FILE, null))));
        }
        lastOwners = new Owners(inodes, out.holders(), hidden);
        return lastOwners;
    }

    /**
     * Whether a full {@link Resolution} of this call would find what the last one found: the
     * same inodes are wanted, no table read in this scan found its socket fds changed, no
     * process holding sockets came or went, and the last call searched for every inode it left
     * unclaimed. Then the claims are the last call's, so are the
     * holders, orphans and shared inodes; what remains to check is done by {@link #again}: the
     * holder records of the tables read again, and the shared claims of trusted tables.
     */
    private boolean unchanged(Scan scan, long[] inodes) {
        if (!reuseOutcomes || lastOwners == null || lastDropped || scan.full() || !lastOwners.askedAbout(inodes)) {
            return false;
        }
        TrackedProcess[] live = scan.live();
        int i = 0;
        int j = 0;
        // both in pid order: a process only in one of them must hold no socket
        while (i < scan.count() || j < lastLive.length) {
            TrackedProcess now = i < scan.count() ? live[i] : null;
            TrackedProcess then = j < lastLive.length ? lastLive[j] : null;
            if (now != null && now == then) {
                if (scan.fresh()[i] && now.changedAt == scan.call()) {
                    return false;
                }
                i++;
                j++;
            } else if (then == null || (now != null && now.pid <= then.pid)) {
                if (now.sockCount > 0) {
                    return false; // new (or a new process under a reused pid) with sockets
                }
                i++;
            } else {
                if (then.sockCount > 0) {
                    return false; // gone with sockets
                }
                j++;
            }
        }
        return true;
    }

    /**
     * The last call's outcome again, when {@link #unchanged} says the tables claim what they
     * claimed: null (make a full {@link Resolution}) when a table read again names a holder
     * record that differs (name, command line or uid: {@link #holder} hands on the last object
     * when they are equal) or its process exited, or when a trusted table's claim on a shared
     * inode no longer stands (re-checked with one {@code readlink} each, as a resolution does).
     */
    private Resolution.Outcome again(Scan scan) {
        TrackedProcess[] live = scan.live();
        for (int i = 0; i < scan.count(); i++) {
            TrackedProcess p = live[i];
            if (p.sockCount == 0) {
                continue;
            }
            if (scan.fresh()[i]) {
                Holder before = p.lastHolder;
                if (before == null || holder(p) != before) {
                    return null;
                }
            } else if (!stillHoldsContested(p, scan.call())) {
                return null;
            }
        }
        LongMap<TrackedProcess> next = new LongMap<>(scan.count());
        for (int i = 0; i < scan.count(); i++) {
            next.put(live[i].pid, live[i]);
        }
        List<TrackedProcess> denied = new ArrayList<>(scan.denied());
        denied.sort(TrackedProcess.BY_PID);
        return new Resolution.Outcome(lastOwners.byIndex(), next, orphans, shared, List.copyOf(denied), false);
    }

    /**
     * Re-checks, as a {@link Resolution} would and in the same order, a trusted table's claims
     * on the wanted inodes that another table claims too (shared) or that it names twice (a
     * dup'ed fd); false at the first that no longer stands. Each fd is marked with the call
     * (negated when it failed), so the resolution that follows a failure reads no link twice.
     */
    private boolean stillHoldsContested(TrackedProcess p, long call) {
        int[] dups = p.duplicates();
        int d = 0;
        for (int j = 0; j < p.sockCount; j++) {
            boolean dup = d < dups.length && dups[d] == j;
            if (dup) {
                d++;
            }
            long inode = p.sockInodes[j];
            boolean contested = shared.get(inode) != null
                    || dup && !lastOwners.holdersOf(inode).isEmpty();
            if (!contested || p.sockCheckedAt[j] == call) {
                continue;
            }
            boolean holds = tables.stillNames(p, j);
            p.sockCheckedAt[j] = holds ? call : -call;
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static TrackedProcess[] liveOf(Scan scan) {
        TrackedProcess[] out = new TrackedProcess[scan.count()];
        int n = 0;
        for (int i = 0; i < scan.count(); i++) {
            if (!scan.live()[i].dead) {
                out[n++] = scan.live()[i];
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * The processes started since {@code scan} listed the pids (the pids not in it now listed),
     * their tables read: where a socket that opened after the scan, and that no table claims,
     * most likely is (a fork, a new worker). A named class: a lambda is linked at its first use.
     */
    private final class Latecomers implements Resolution.Latecomers {
        @Override
        public Scan join(Scan scan) {
            int[] pids = listPids();
            TrackedProcess[] live = scan.live();
            List<TrackedProcess> late = new ArrayList<>();
            List<TrackedProcess> denied = new ArrayList<>(scan.denied());
            int j = 0;
            for (int pid : pids) {
                while (j < scan.count() && live[j].pid < pid) {
                    j++;
                }
                if ((j < scan.count() && live[j].pid == pid) || listed(scan.denied(), pid)) {
                    continue;
                }
                TrackedProcess p = new TrackedProcess(pid, root.resolve(Integer.toString(pid)));
                int r;
                try {
                    p.stamp = files.stamp(p.fdDir);
                    r = tables.read(p, scan.call());
                } catch (IOException e) {
                    r = FdTables.failure(p.dir, e);
                }
                if (r == FdTables.OK) {
                    late.add(p);
                } else if (r == FdTables.DENIED) {
                    denied.add(p);
                }
            }
            if (late.isEmpty() && denied.size() == scan.denied().size()) {
                return scan;
            }
            // both in pid order: merged
            int n = scan.count() + late.size();
            TrackedProcess[] merged = new TrackedProcess[n];
            boolean[] fresh = new boolean[n];
            int a = 0;
            int b = 0;
            for (int k = 0; k < n; k++) {
                if (b == late.size() || (a < scan.count() && live[a].pid < late.get(b).pid)) {
                    fresh[k] = scan.fresh()[a];
                    merged[k] = live[a++];
                } else {
                    fresh[k] = true;
                    merged[k] = late.get(b++);
                }
            }
            return new Scan(
                    scan.call(),
                    scan.full(),
                    scan.parallel(),
                    scan.linksBefore(),
                    scan.tablesBefore(),
                    scan.processes()
                            + late.size()
                            + denied.size()
                            - scan.denied().size(),
                    merged,
                    fresh,
                    n,
                    denied);
        }

        private boolean listed(List<TrackedProcess> ps, int pid) {
            for (TrackedProcess p : ps) {
                if (p.pid == pid) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Step 1: reads every process that is new, reused, changed its fd count, or is due. */
    private Scan scanProcesses() {
        long call = ++calls;
        boolean full = procs == null || fullRescanEvery == 1;
        long linksBefore = tables.linksRead();
        int tablesBefore = tables.tablesRead();
        int[] pids = listPids();
        // stamps first: they say which tables to read, and how large each is
        TrackedProcess[] stamped = new TrackedProcess[pids.length];
        boolean[] toRead = new boolean[pids.length];
        List<TrackedProcess> denied = new ArrayList<>();
        int nStamped = 0;
        for (int pid : pids) {
            TrackedProcess old = procs == null ? null : procs.get(pid);
            TrackedProcess p = old != null ? old : new TrackedProcess(pid, root.resolve(Integer.toString(pid)));
            ProcFiles.FdStamp stamp;
            try {
                stamp = files.stamp(p.fdDir);
            } catch (IOException e) {
                // Gone (exited since the root was listed): skipped; denied: counted hidden.
                if (FdTables.failure(p.dir, e) == FdTables.DENIED) {
                    denied.add(p);
                }
                continue;
            }
            boolean read;
            boolean turn = false;
            if (old == null || stamp == null || !stamp.sameProcess(old.stamp)) {
                if (old != null) {
                    // A different process under the same pid: forget everything about the old one.
                    p = new TrackedProcess(pid, old.dir);
                }
                read = true;
            } else {
                read = full || old.fromThreads() || stamp.count() != old.stamp.count();
                if (!read && due(call, pid, fullRescanEvery)) {
                    turn = true;
                    read = ranSinceLastTurn(old, stamp, call);
                }
            }
            if (read && !turn && stamp != null && fullRescanEvery > 1) {
                // as of this read, for its next turn (taken before the table is read)
                p.activity = activity(p, stamp);
            }
            p.dead = false;
            p.stamp = stamp;
            toRead[nStamped] = read;
            stamped[nStamped++] = p;
        }
        FdTables.Batch batch = tables.readAll(stamped, toRead, nStamped, call);
        TrackedProcess[] live = new TrackedProcess[nStamped];
        boolean[] fresh = new boolean[nStamped];
        int nLive = 0;
        for (int i = 0; i < nStamped; i++) {
            int r = batch.results()[i];
            if (toRead[i] && r != FdTables.OK) {
                if (r == FdTables.DENIED) {
                    denied.add(stamped[i]);
                }
                continue;
            }
            fresh[nLive] = toRead[i];
            live[nLive++] = stamped[i];
        }
        return new Scan(
                call, full, batch.parallel(), linksBefore, tablesBefore, pids.length, live, fresh, nLive, denied);
    }

    /** Work done by the last {@link #resolve} call. */
    synchronized ScanStats lastStats() {
        return lastStats;
    }

    /**
     * At a process's periodic turn: whether it may have changed its table since the last turn.
     * A process none of whose threads was scheduled since then ({@link ProcFiles#activity}, taken
     * at each turn and before each other read of a large table) has not changed its fd table,
     * name, command line or uid since then either, and its table then was the one last read
     * (or was not read because nothing ran before it); so the periodic re-read of a large table
     * of an idle process is skipped. Asked only of tables of at least
     * {@value #IDLE_CHECK_MIN_FDS} fds and processes with at most a quarter as many threads as
     * fds (reading their {@code schedstat} costs less than reading the table); and every
     * {@value #IDLE_CHECK_FACTOR}th turn reads the table anyway. That turn bounds the one case
     * the answer misses: a thread that stays on a CPU with no tick (a {@code nohz_full} CPU) is
     * not counted as running until it leaves it.
     */
    private boolean ranSinceLastTurn(TrackedProcess p, ProcFiles.FdStamp stamp, long call) {
        long[] now = activity(p, stamp);
        boolean ran =
                now == null || !Arrays.equals(now, p.activity) || due(call, p.pid, fullRescanEvery * IDLE_CHECK_FACTOR);
        p.activity = now;
        return ran;
    }

    /**
     * For a search ({@link Resolution.Idle}): whether {@code p}'s threads have run nothing since
     * its activity was taken, at its last turn or before its table's last read (a table of at
     * least {@value #IDLE_CHECK_MIN_FDS} fds; a smaller one is cheaper to read than to ask).
     */
    private boolean idleSinceRead(TrackedProcess p) {
        if (p.activity == null || p.stamp == null) {
            return false;
        }
        long[] now = activity(p, p.stamp);
        return now != null && Arrays.equals(now, p.activity);
    }

    /** {@link ProcFiles#activity} of a table of at least {@value #IDLE_CHECK_MIN_FDS} fds; null for a smaller one. */
    private long[] activity(TrackedProcess p, ProcFiles.FdStamp stamp) {
        if (stamp.count() < IDLE_CHECK_MIN_FDS) {
            return null;
        }
        return files.activity(p.dir.resolve("task"), (int) Math.min(Integer.MAX_VALUE, stamp.count() / 4));
    }

    /**
     * Whether {@code pid} is re-read on call {@code call} even though its stamp is unchanged:
     * once every {@code period} calls, at a phase set by the pid, so that the re-reads spread
     * over the calls instead of making every {@code period}-th call a full scan.
     */
    static boolean due(long call, int pid, int period) {
        return (call + pid) % period == 0;
    }

    /**
     * Name, command line and uid of {@code p}, read once per fd-table read; null when it exited.
     * An exited leader's command line is gone with its memory: its live thread's is the same.
     */
    private Holder holder(TrackedProcess p) {
        if (p.holder != null) {
            return p.holder;
        }
        byte[] comm = readField(p.dir, "comm", MAX_SMALL_FILE, GONE_BYTES);
        byte[] cmdline = readField(p.fromThreads() ? p.threadDir : p.dir, "cmdline", MAX_CMDLINE, GONE_BYTES);
        byte[] status = readField(p.dir, "status", MAX_SMALL_FILE, GONE_BYTES);
        if (comm == GONE_BYTES || cmdline == GONE_BYTES || status == GONE_BYTES) {
            return null;
        }
        int uid = status == null ? SocketEntry.UNKNOWN : ProcText.realUid(status);
        Holder h = new Holder(p.pid, ProcText.comm(comm), ProcText.commandLine(cmdline), uid, users.nameOf(uid));
        if (p.lastHolder != null && h.equals(p.lastHolder)) {
            // as before the table's re-read: the same objects, which rows compare by identity
            p.holder = p.lastHolder;
            p.holderList = p.lastHolderList;
        } else {
            p.holder = h;
            p.holderList = List.of(h);
        }
        return p.holder;
    }

    /**
     * The file's bytes; null when it is missing or unreadable but the process exists;
     * {@code gone} when the process exited.
     */
    private byte[] readField(Path dir, String name, int max, byte[] gone) {
        try {
            return files.read(dir.resolve(name), max);
        } catch (IOException e) {
            // Missing with its directory: the process exited mid-scan. Missing alone: a
            // captured tree without this file, or a field we may not read; leave it unknown.
            return Files.isDirectory(dir) ? null : gone;
        }
    }

    private int[] listPids() {
        int[] out = new int[512];
        int n = 0;
        try {
            long[] listed = files.nativePids();
            if (listed != null) {
                out = new int[listed.length];
                for (long pid : listed) {
                    out[n++] = (int) pid;
                }
            } else {
                try (DirectoryStream<Path> ds = files.openDir(root)) {
                    for (Path entry : ds) {
                        int pid = ProcText.parsePid(entry.getFileName().toString());
                        if (pid > 0) {
                            if (n == out.length) {
                                out = Arrays.copyOf(out, n * 2);
                            }
                            out[n++] = pid;
                        }
                    }
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // The root cannot be listed (missing, unreadable): no process is visible, so no
            // socket gets an owner; the connection tables report their own errors.
        }
        // /proc lists pids in ascending order: checked, not sorted (the first primitive sort of a
        // JVM links its lambdas, 2.6 ms of an idle snapshot on JDK 25)
        for (int i = 1; i < n; i++) {
            if (out[i - 1] > out[i]) {
                Arrays.sort(out, 0, n);
                break;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
