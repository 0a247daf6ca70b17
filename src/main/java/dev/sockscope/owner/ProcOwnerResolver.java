package dev.sockscope.owner;

import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
 * unparsable; the user comes from {@link UserNames}. Text is decoded as UTF-8 with
 * replacement and kept raw (a process may name itself with escape sequences: sanitize
 * before display). A file missing from a captured tree leaves its field empty or unknown.
 *
 * <p><b>Races and permissions.</b> A process that exits during the scan is skipped silently.
 * A process whose {@code fd/} cannot be read (another user's process when not root, or any
 * other error while the process still exists) is counted in
 * {@link Owners#hiddenProcesses()}. With {@code hidepid} mounts other users' processes are
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
 *       phase set by the pid, so the cost spreads instead of spiking); the other processes'
 *       tables are trusted;</li>
 *   <li>where a trusted table claims a shared inode (one that another table also claims, or
 *       that had several holders at the last call: a fork, a pre-fork server, a socket handed
 *       over), re-reads just those fds, once per call, and the whole table when one no longer
 *       names its socket;</li>
 *   <li>if a wanted inode has no claim left (new socket, or its holders exited or gave it up),
 *       reads the trusted processes, those that held sockets before first, in pid order, and
 *       stops as soon as every wanted inode has a claim. An inode that a search through every
 *       process does not find (held by a hidden process, by the kernel only, or in flight in an
 *       {@code SCM_RIGHTS} message) is remembered and does not start a search again while it
 *       stays unclaimed.</li>
 * </ol>
 *
 * <p><b>What the reuse guarantees.</b> An exited process is never reported (every reported
 * pid was listed and stamped in the call, and its metadata read finds it gone). A socket that
 * moves to a process that is new or whose fd count changed is reported with that holder in
 * the same call, and a trusted claim on it is re-checked, so the old holder is dropped if it
 * let go. A forked child sharing its parent's sockets is reported in the same call. A process
 * that gives up a shared socket is dropped in the same call, whatever its fd count does (the
 * claim is re-checked with one {@code readlink}). A new socket is always found (the search
 * stops only when it has a holder or everything was read).
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
 * <p>Thread-safe ({@link #scan} and {@link #resolve} are synchronized); the returned
 * {@link Owners} is immutable.
 */
public final class ProcOwnerResolver {
    /** Default period, in calls, of the re-read of a process whose fd table looks unchanged. */
    public static final int DEFAULT_FULL_RESCAN_EVERY = 10;

    static final int MAX_CMDLINE = 256 * 1024;
    private static final int MAX_SMALL_FILE = 64 * 1024;

    private static final int OK = 0;
    private static final int GONE = 1;
    private static final int DENIED = 2;
    private static final int[] NO_FDS = new int[0];
    private static final long[] NO_INODES = new long[0];
    private static final byte[] GONE_BYTES = new byte[0];

    private final Path root;
    private final UserNames users;
    private final ProcFiles files;
    private final int fullRescanEvery;

    private LongMap<Proc> procs;
    private LongMap<Boolean> orphans = new LongMap<>(0);
    private LongMap<Boolean> shared = new LongMap<>(0);
    private long calls;
    private long freshVersion;
    private int unresolved;
    private int hidden;
    /** Counters for {@link ScanStats}; atomic because {@link #readTables} may use two threads. */
    private final AtomicLong linksRead = new AtomicLong();

    private final AtomicInteger tablesRead = new AtomicInteger();
    private ScanStats lastStats = new ScanStats(0, 0, 0, false);

    /** What a process's fd table held at its last read, and its name, command line and uid. */
    private static final class Proc {
        final int pid;
        final Path dir;
        final Path fdDir;
        ProcFiles.FdStamp stamp;
        /** The numbers of the socket fds, not their Paths: 4 bytes each instead of about 130. */
        int[] sockFds = NO_FDS;

        long[] sockInodes = NO_INODES;
        int sockCount;
        /** Per socket fd, the call in which its link was last re-checked. */
        long[] sockCheckedAt = new long[0];

        Holder holder;
        /** {@code List.of(holder)}: the holders of each socket only this process holds. */
        List<Holder> holderList;

        long readAt;
        long checkedVersion = -1;
        boolean dead;

        Proc(int pid, Path dir) {
            this.pid = pid;
            this.dir = dir;
            this.fdDir = dir.resolve("fd");
        }
    }

    /** Per-call bookkeeping of one wanted inode. */
    private static final class Want {
        /** fds (of live tables) naming this inode, and how many of them were read in this call. */
        int claims;

        int freshClaims;
        /** Not found by an exhaustive search before: its absence does not start a search. */
        boolean orphan;
        /** Had more than one holder at the last call: trusted claims on it are re-checked. */
        boolean shared;

        int lastPid;
        List<Holder> holders;
    }

    /**
     * Work done by the last call, for measurements and tests.
     *
     * @param processes     numeric directories listed under the root
     * @param tablesRead    processes whose whole fd table was read
     * @param linksRead     fd symlinks read (whole tables plus single re-checks)
     * @param full          whether every table was read (first call, or no reuse)
     */
    record ScanStats(int processes, int tablesRead, long linksRead, boolean full) {}

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
        if (fullRescanEvery < 1) {
            throw new IllegalArgumentException("fullRescanEvery must be at least 1: " + fullRescanEvery);
        }
        this.root = procRoot;
        this.users = users;
        this.files = files;
        this.fullRescanEvery = fullRescanEvery;
    }

    /**
     * Step 1 of a call, done by {@link #scan} ahead of {@link #resolve}, or by resolve itself:
     * the processes still alive ({@code live[0..count)}), whether each one's table was read in
     * this scan ({@code fresh}; else it is trusted), and the counters before it.
     */
    private record Scan(
            boolean full,
            long linksBefore,
            int tablesBefore,
            int processes,
            Proc[] live,
            boolean[] fresh,
            int count,
            int hidden) {}

    private Scan pending;

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
    public synchronized Owners resolve(long[] inodes) {
        Scan scan = pending != null ? pending : scanProcesses();
        pending = null;
        boolean full = scan.full();

        LongMap<Want> wanted = new LongMap<>(inodes.length);
        long[] wantedList = new long[inodes.length];
        int nWanted = 0;
        unresolved = 0;
        for (long inode : inodes) {
            if (inode > 0 && wanted.get(inode) == null) {
                Want w = new Want();
                w.orphan = orphans.get(inode) != null;
                w.shared = shared.get(inode) != null;
                if (!w.orphan) {
                    unresolved++;
                }
                wanted.put(inode, w);
                wantedList[nWanted++] = inode;
            }
        }

        // 1. (the scan) Claims of the tables read and of the trusted ones.
        Proc[] live = scan.live();
        int nLive = scan.count();
        List<Proc> trusted = new ArrayList<>();
        hidden = scan.hidden();
        for (int i = 0; i < nLive; i++) {
            claim(live[i], wanted, 1, scan.fresh()[i]);
            if (!scan.fresh()[i]) {
                trusted.add(live[i]);
            }
        }

        // 2. Check trusted claims that fresh tables contradict; 3. search for unclaimed inodes.
        boolean exhaustive = full;
        freshVersion++;
        while (true) {
            checkConflicts(trusted, wanted);
            if (unresolved == 0 || exhaustive) {
                break;
            }
            exhaustive = search(trusted, wanted);
        }

        // 4. Every holder, in pid order, from the tables as they stand.
        LongMap<Proc> next = new LongMap<>(nLive);
        for (int i = 0; i < nLive; i++) {
            Proc p = live[i];
            if (p.dead) {
                continue;
            }
            for (int j = 0; j < p.sockCount; j++) {
                Want w = wanted.get(p.sockInodes[j]);
                if (w == null || w.lastPid == p.pid) {
                    continue;
                }
                Holder h = holder(p);
                if (h == null) {
                    p.dead = true;
                    break;
                }
                if (w.holders == null) {
                    w.holders = p.holderList; // shared by all its sockets: no list per socket
                } else {
                    List<Holder> more = new ArrayList<>(w.holders.size() + 1);
                    more.addAll(w.holders);
                    more.add(h);
                    w.holders = more;
                }
                w.lastPid = p.pid;
            }
            if (!p.dead) {
                next.put(p.pid, p);
            }
        }

        LongMap<List<Holder>> result = new LongMap<>(nWanted);
        LongMap<Boolean> nextOrphans = new LongMap<>(0);
        LongMap<Boolean> nextShared = new LongMap<>(0);
        for (int i = 0; i < nWanted; i++) {
            long inode = wantedList[i];
            Want w = wanted.get(inode);
            if (w.holders != null) {
                result.put(inode, w.holders.size() == 1 ? w.holders : List.copyOf(w.holders));
                if (w.holders.size() > 1) {
                    nextShared.put(inode, Boolean.TRUE);
                }
            } else if (w.claims == 0 && (exhaustive || w.orphan)) {
                nextOrphans.put(inode, Boolean.TRUE);
            }
        }
        procs = next;
        orphans = nextOrphans;
        shared = nextShared;
        lastStats = new ScanStats(
                scan.processes(), tablesRead.get() - scan.tablesBefore(), linksRead.get() - scan.linksBefore(), full);
        return new Owners(result, hidden);
    }

    /** Step 1: reads every process that is new, reused, changed its fd count, or is due. */
    private Scan scanProcesses() {
        calls++;
        boolean full = procs == null || fullRescanEvery == 1;
        long linksBefore = linksRead.get();
        int tablesBefore = tablesRead.get();
        int[] pids = listPids();
        // stamps first: they say which tables to read, and how large each is
        Proc[] stamped = new Proc[pids.length];
        boolean[] toRead = new boolean[pids.length];
        int nStamped = 0;
        hidden = 0;
        for (int pid : pids) {
            Proc old = procs == null ? null : procs.get(pid);
            Proc p = old != null ? old : new Proc(pid, root.resolve(Integer.toString(pid)));
            ProcFiles.FdStamp stamp;
            try {
                stamp = files.stamp(p.fdDir);
            } catch (IOException e) {
                // Gone (exited since the root was listed): skipped; denied: counted hidden.
                countFailure(failure(p, e));
                continue;
            }
            boolean read;
            if (old == null || stamp == null || !stamp.sameProcess(old.stamp)) {
                if (old != null) {
                    // A different process under the same pid: forget everything about the old one.
                    p = new Proc(pid, old.dir);
                }
                read = true;
            } else {
                read = full || stamp.count() != old.stamp.count() || due(calls, pid, fullRescanEvery);
            }
            p.stamp = stamp;
            toRead[nStamped] = read;
            stamped[nStamped++] = p;
        }
        int[] results = readTables(stamped, toRead, nStamped);
        Proc[] live = new Proc[nStamped];
        boolean[] fresh = new boolean[nStamped];
        int nLive = 0;
        for (int i = 0; i < nStamped; i++) {
            if (toRead[i] && results[i] != OK) {
                countFailure(results[i]);
                continue;
            }
            fresh[nLive] = toRead[i];
            live[nLive++] = stamped[i];
        }
        return new Scan(full, linksBefore, tablesBefore, pids.length, live, fresh, nLive, hidden);
    }

    /** Work done by the last {@link #resolve} call. */
    synchronized ScanStats lastStats() {
        return lastStats;
    }

    /**
     * Whether {@code pid} is re-read on call {@code call} even though its stamp is unchanged:
     * once every {@code period} calls, at a phase set by the pid, so that the re-reads spread
     * over the calls instead of making every {@code period}-th call a full scan.
     */
    static boolean due(long call, int pid, int period) {
        return (call + pid) % period == 0;
    }

    private void countFailure(int result) {
        if (result == DENIED) {
            hidden++;
        }
    }

    /** Adds ({@code delta} 1) or withdraws (-1) the claims of {@code p}'s table on the wanted inodes. */
    private void claim(Proc p, LongMap<Want> wanted, int delta, boolean fresh) {
        for (int j = 0; j < p.sockCount; j++) {
            Want w = wanted.get(p.sockInodes[j]);
            if (w == null) {
                continue;
            }
            int before = w.claims;
            w.claims += delta;
            if (fresh) {
                w.freshClaims += delta;
            }
            if (!w.orphan) {
                if (before == 0 && w.claims > 0) {
                    unresolved--;
                } else if (before > 0 && w.claims == 0) {
                    unresolved++;
                }
            }
        }
    }

    /** Re-reads a trusted process: withdraws its old claims, adds the fresh ones. */
    private void reread(Proc p, LongMap<Want> wanted) {
        claim(p, wanted, -1, false);
        int r = readTable(p);
        if (r != OK) {
            p.dead = true;
            countFailure(r);
            return;
        }
        claim(p, wanted, 1, true);
        freshVersion++;
    }

    /**
     * For each trusted process that claims a shared inode (another table claims it too, or it
     * had several holders at the last call), re-reads the fds behind those claims; when one no
     * longer names its socket, re-reads the whole process. Repeats until no table changes.
     */
    private void checkConflicts(List<Proc> trusted, LongMap<Want> wanted) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Proc p : trusted) {
                if (p.dead || p.readAt == calls || p.checkedVersion == freshVersion) {
                    continue;
                }
                p.checkedVersion = freshVersion;
                if (!stillHoldsContested(p, wanted)) {
                    reread(p, wanted);
                    changed = true;
                }
            }
        }
    }

    /**
     * Reads the trusted processes not read yet in this call, those that held sockets before
     * first, in pid order, until every wanted inode has a claim.
     *
     * @return true when every process was read (the search was exhaustive)
     */
    private boolean search(List<Proc> trusted, LongMap<Want> wanted) {
        for (int pass = 0; pass < 2; pass++) {
            for (Proc p : trusted) {
                if (p.dead || p.readAt == calls || (p.sockCount > 0) != (pass == 0)) {
                    continue;
                }
                reread(p, wanted);
                if (unresolved == 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Re-reads, once per call, the fds of {@code p} whose wanted inode is shared (claimed by
     * another table as well, or held by several processes at the last call); false when one
     * changed.
     */
    private boolean stillHoldsContested(Proc p, LongMap<Want> wanted) {
        for (int j = 0; j < p.sockCount; j++) {
            long inode = p.sockInodes[j];
            Want w = wanted.get(inode);
            if (w == null || p.sockCheckedAt[j] == calls || (w.freshClaims == 0 && w.claims < 2 && !w.shared)) {
                continue;
            }
            p.sockCheckedAt[j] = calls;
            linksRead.incrementAndGet();
            try {
                if (socketInode(files.readLink(p.fdDir.resolve(Integer.toString(p.sockFds[j])))
                                .toString())
                        != inode) {
                    return false;
                }
            } catch (IOException e) {
                // The fd was closed or the process exited: re-reading the table tells which.
                return false;
            }
        }
        return true;
    }

    /**
     * Fd tables at least this large in all (by their stamps) are read on two threads: the
     * readlink of each fd is most of a snapshot's time at 10k sockets, and a machine with
     * more than one CPU has one to spare once the connection tables are read.
     */
    static final long PARALLEL_FDS = 8192;

    private static final boolean MANY_CPUS = Runtime.getRuntime().availableProcessors() > 1;
    /** {@link #PARALLEL_FDS}, lowered by tests; and how many scans used two threads. */
    long parallelFds = MANY_CPUS ? PARALLEL_FDS : Long.MAX_VALUE;

    int parallelScans;

    /**
     * Reads the tables of {@code procs[i]} where {@code toRead[i]}; returns each one's result
     * (OK, GONE or DENIED; OK where not read). When their stamps add up to
     * {@link #parallelFds} fds or more, a second thread shares the work, largest tables first.
     */
    private int[] readTables(Proc[] procs, boolean[] toRead, int n) {
        int[] results = new int[n];
        long fds = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (toRead[i]) {
                count++;
                fds += procs[i].stamp == null ? 0 : procs[i].stamp.count();
            }
        }
        if (fds < parallelFds || count < 2) {
            for (int i = 0; i < n; i++) {
                if (toRead[i]) {
                    results[i] = readTable(procs[i]);
                }
            }
            return results;
        }
        Integer[] order = new Integer[count];
        for (int i = 0, k = 0; i < n; i++) {
            if (toRead[i]) {
                order[k++] = i;
            }
        }
        parallelScans++;
        Arrays.sort(order, new LargestFirst(procs));
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int k; (k = next.getAndIncrement()) < order.length; ) {
                results[order[k]] = readTable(procs[order[k]]);
            }
        };
        FutureTask<Void> helper = Background.start(drain, "sockscope-fd-read");
        drain.run();
        Background.await(helper);
        return results;
    }

    /** Largest fd count (stamp) first. */
    private record LargestFirst(Proc[] procs) implements java.util.Comparator<Integer> {
        @Override
        public int compare(Integer a, Integer b) {
            return Long.compare(procs[b].stamp.count(), procs[a].stamp.count());
        }
    }

    /**
     * Reads the whole fd table of {@code p}; OK, GONE or DENIED. Touches only {@code p} and
     * the atomic counters, so two threads may read two processes at once.
     */
    private int readTable(Proc p) {
        tablesRead.incrementAndGet();
        int[] fds = p.sockFds;
        long[] inodes = p.sockInodes;
        int n = 0;
        long links = 0;
        try (DirectoryStream<Path> ds = files.openDir(p.fdDir)) {
            for (Path fd : ds) {
                links++;
                long inode;
                try {
                    inode = socketInode(files.readLink(fd).toString());
                } catch (NoSuchFileException e) {
                    // The fd was closed between the listing and the readlink (or the process
                    // exited; then its metadata read finds it gone).
                    continue;
                }
                int number = fdNumber(fd);
                if (inode <= 0 || number < 0) {
                    continue;
                }
                if (n == fds.length) {
                    int size = Math.max(8, n * 2);
                    fds = Arrays.copyOf(fds, size);
                    inodes = Arrays.copyOf(inodes, size);
                }
                fds[n] = number;
                inodes[n] = inode;
                n++;
            }
        } catch (DirectoryIteratorException e) {
            return failure(p, e.getCause());
        } catch (IOException e) {
            return failure(p, e);
        } finally {
            linksRead.addAndGet(links);
        }
        p.sockFds = fds;
        p.sockInodes = inodes;
        if (p.sockCheckedAt.length != fds.length) {
            p.sockCheckedAt = new long[fds.length];
        }
        p.sockCount = n;
        p.holder = null;
        p.holderList = null;
        p.readAt = calls;
        return OK;
    }

    private static int failure(Proc p, IOException e) {
        if (e instanceof NoSuchFileException) {
            // The process exited between the listing of the root and this read: not hidden.
            return GONE;
        }
        if (e instanceof AccessDeniedException) {
            // Another user's process and we are not root: its sockets stay without owner.
            return DENIED;
        }
        // Other errors (ESRCH while the process is torn down, EIO): gone if its directory is,
        // else a process we could not inspect.
        return Files.isDirectory(p.dir) ? DENIED : GONE;
    }

    /** Name, command line and uid of {@code p}, read once per fd-table read; null when it exited. */
    private Holder holder(Proc p) {
        if (p.holder != null) {
            return p.holder;
        }
        byte[] comm = readField(p, "comm", MAX_SMALL_FILE);
        byte[] cmdline = readField(p, "cmdline", MAX_CMDLINE);
        byte[] status = readField(p, "status", MAX_SMALL_FILE);
        if (comm == GONE_BYTES || cmdline == GONE_BYTES || status == GONE_BYTES) {
            return null;
        }
        int uid = status == null ? SocketEntry.UNKNOWN : realUid(status);
        p.holder = new Holder(p.pid, comm(comm), commandLine(cmdline), uid, users.nameOf(uid));
        p.holderList = List.of(p.holder);
        return p.holder;
    }

    /** The file's bytes; null when it is missing or unreadable but the process exists; GONE_BYTES when it exited. */
    private byte[] readField(Proc p, String name, int max) {
        try {
            return files.read(p.dir.resolve(name), max);
        } catch (IOException e) {
            // Missing with its directory: the process exited mid-scan. Missing alone: a
            // captured tree without this file, or a field we may not read; leave it unknown.
            return Files.isDirectory(p.dir) ? null : GONE_BYTES;
        }
    }

    private int[] listPids() {
        int[] out = new int[512];
        int n = 0;
        try (DirectoryStream<Path> ds = files.openDir(root)) {
            for (Path entry : ds) {
                int pid = parsePid(entry.getFileName().toString());
                if (pid > 0) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = pid;
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // The root cannot be listed (missing, unreadable): no process is visible, so no
            // socket gets an owner; the connection tables report their own errors.
        }
        Arrays.sort(out, 0, n);
        return Arrays.copyOf(out, n);
    }

    /** A canonical decimal pid (no sign, no leading zero, fits an int), else -1. */
    static int parsePid(String name) {
        return name.startsWith("0") ? -1 : decimal(name, 0);
    }

    /** The number an fd's entry is named by; -1 when its name is not one. */
    static int fdNumber(Path fd) {
        String s = fd.toString();
        return decimal(s, s.lastIndexOf('/') + 1);
    }

    /** {@code s} from {@code from} on: one to ten decimal digits that fit an int, else -1. */
    private static int decimal(String s, int from) {
        int n = s.length() - from;
        if (n == 0 || n > 10) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= Integer.MAX_VALUE ? (int) v : -1;
    }

    /** The inode of a link text {@code socket:[N]}, else -1 (not a socket, or malformed). */
    static long socketInode(String link) {
        int n = link.length();
        if (n < 10 || link.charAt(n - 1) != ']' || !link.startsWith("socket:[")) {
            return -1;
        }
        if (n - 9 > 19) {
            return -1;
        }
        long v = 0;
        for (int i = 8; i < n - 1; i++) {
            char c = link.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v < 0) {
                return -1;
            }
        }
        return v;
    }

    /** {@code comm} without its trailing newline. */
    static String comm(byte[] b) {
        if (b == null) {
            return "";
        }
        int n = b.length;
        if (n > 0 && b[n - 1] == '\n') {
            n--;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** {@code cmdline} with trailing NULs dropped and the other NULs as spaces. */
    static String commandLine(byte[] b) {
        if (b == null) {
            return "";
        }
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                // NUL never occurs inside a multi-byte UTF-8 sequence, so this cannot split one.
                b[i] = ' ';
            }
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** The real uid (first number) of the {@code Uid:} line of {@code status}, else UNKNOWN. */
    static int realUid(byte[] b) {
        int n = b.length;
        for (int i = 0; i + 4 <= n; ) {
            if (b[i] == 'U' && b[i + 1] == 'i' && b[i + 2] == 'd' && b[i + 3] == ':') {
                int j = i + 4;
                while (j < n && (b[j] == '\t' || b[j] == ' ')) {
                    j++;
                }
                long v = 0;
                int digits = 0;
                while (j < n && b[j] >= '0' && b[j] <= '9' && digits <= 10) {
                    v = v * 10 + (b[j] - '0');
                    j++;
                    digits++;
                }
                boolean ends = j == n || b[j] == '\t' || b[j] == ' ' || b[j] == '\n';
                return digits > 0 && digits <= 10 && ends && v <= Integer.MAX_VALUE ? (int) v : SocketEntry.UNKNOWN;
            }
            int nl = i;
            while (nl < n && b[nl] != '\n') {
                nl++;
            }
            i = nl + 1;
        }
        return SocketEntry.UNKNOWN;
    }
}
