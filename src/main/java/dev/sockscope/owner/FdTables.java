package dev.sockscope.owner;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads processes' fd tables ({@code <root>/[pid]/fd/}, one {@code readlink} per fd) into
 * their {@link TrackedProcess}: which fds are sockets, and the inode of each. A batch whose
 * tables add up to {@code parallelFds} fds or more (by their stamps) is shared with a second
 * thread, largest tables first: the {@code readlink} of each fd is most of a snapshot's time
 * at 10k sockets, and a machine with more than one CPU has one to spare.
 *
 * <p><b>Exited thread-group leaders.</b> When a process's main thread ends
 * ({@code pthread_exit}) while other threads run on, the leader stays a zombie whose
 * {@code fd/} is empty; the fds are then only under {@code task/TID/fd}. {@link #readThreadsOf}
 * checks an empty table for other threads (a listing of {@code task/}; a kernel thread, the
 * usual empty table, has one) and reads theirs instead (the union, each inode once: threads
 * normally share one table, but a thread may have unshared its own). That check costs a
 * listing per empty table, about 70 kernel threads on an idle machine, so the resolver
 * makes it only when a search through every table left a socket without a claim; once found,
 * such a process is read through its threads on every call.
 *
 * <p>Counts every table and link read, for {@link ProcOwnerResolver.ScanStats}. Thread-safe as
 * long as no two threads read the same process.
 */
final class FdTables {
    static final int OK = 0;
    static final int GONE = 1;
    static final int DENIED = 2;

    /** Fd tables at least this large in all are read on two threads where there are two CPUs. */
    static final long PARALLEL_FDS = 8192;

    private final ProcFiles files;
    private final long parallelFds;
    private final AtomicLong linksRead = new AtomicLong();
    private final AtomicInteger tablesRead = new AtomicInteger();

    /**
     * @param parallelFds a batch whose stamps add up to this many fds is read on two threads;
     *                    {@link Long#MAX_VALUE} never
     */
    FdTables(ProcFiles files, long parallelFds) {
        this.files = files;
        this.parallelFds = parallelFds;
    }

    /**
     * {@link #PARALLEL_FDS} on a machine with more than one CPU, else never; always in a class-data
     * archive's training run ({@code -Dsockscope.training}), which sees an idle host as a rule:
     * the two threads' classes are then in the archive for the hosts that need them (loaded from
     * the jar, the first took 8 ms of a snapshot at 10,000 sockets).
     */
    static long defaultParallelFds() {
        if (System.getProperty("sockscope.training") != null) {
            return 0;
        }
        return Runtime.getRuntime().availableProcessors() > 1 ? PARALLEL_FDS : Long.MAX_VALUE;
    }

    long linksRead() {
        return linksRead.get();
    }

    int tablesRead() {
        return tablesRead.get();
    }

    /**
     * The result of one batch: each process's {@link #OK}, {@link #GONE} or {@link #DENIED}
     * ({@code OK} where not read), and whether two threads shared it.
     */
    record Batch(int[] results, boolean parallel) {}

    /** Reads the tables of {@code procs[i]} where {@code toRead[i]}, in call {@code call}. */
    Batch readAll(TrackedProcess[] procs, boolean[] toRead, int n, long call) {
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
                    results[i] = read(procs[i], call);
                }
            }
            return new Batch(results, false);
        }
        Integer[] order = new Integer[count];
        for (int i = 0, k = 0; i < n; i++) {
            if (toRead[i]) {
                order[k++] = i;
            }
        }
        Arrays.sort(order, new LargestFirst(procs));
        Drain drain = new Drain(order, procs, results, call);
        Background.Task helper = Background.start(drain, "sockscope-fd-read");
        drain.run();
        Background.await(helper);
        return new Batch(results, true);
    }

    // named classes, not lambdas: a lambda's class is spun and linked at its first use, 4 ms of
    // a snapshot at 40,000 sockets where no class-data archive holds it (JDK 17)

    /** The processes with the most fds first. */
    private static final class LargestFirst implements Comparator<Integer> {
        private final TrackedProcess[] procs;

        LargestFirst(TrackedProcess[] procs) {
            this.procs = procs;
        }

        @Override
        public int compare(Integer a, Integer b) {
            return Long.compare(procs[b].stamp.count(), procs[a].stamp.count());
        }
    }

    /** Reads the next table of the order not yet taken, until none is left; run on two threads. */
    private final class Drain implements Runnable {
        private final Integer[] order;
        private final TrackedProcess[] procs;
        private final int[] results;
        private final long call;
        private final AtomicInteger next = new AtomicInteger();

        Drain(Integer[] order, TrackedProcess[] procs, int[] results, long call) {
            this.order = order;
            this.procs = procs;
            this.results = results;
            this.call = call;
        }

        @Override
        public void run() {
            for (int k; (k = next.getAndIncrement()) < order.length; ) {
                results[order[k]] = read(procs[order[k]], call);
            }
        }
    }

    /**
     * Reads the whole fd table of {@code p} in call {@code call}; {@link #OK}, {@link #GONE}
     * or {@link #DENIED}. On OK, {@code p}'s sockets are replaced and its holder record cleared
     * (the caller reads it again).
     */
    int read(TrackedProcess p, long call) {
        Table t = new Table(p.sockFds, p.sockInodes, p.sockCount);
        int r = readInto(p.fdDir, p.dir, t);
        if (r != OK) {
            return r;
        }
        p.emptyTable = t.links == 0;
        Path threadDir = null;
        if (p.emptyTable && p.fromThreads()) {
            // an exited leader found before: its threads' tables again
            threadDir = readThreads(p, t);
        }
        keep(p, t, threadDir, call);
        return OK;
    }

    /**
     * For a process whose own table is empty: when it has other threads (its leader exited
     * while they run on), reads their tables into it and returns true; false otherwise (a
     * kernel thread, the usual empty table). One listing of {@code task/}, so the
     * resolver asks only when a search through every table left sockets without a claim.
     */
    boolean readThreadsOf(TrackedProcess p, long call) {
        // a table with any fd is the live leader's, which its threads share
        if (!p.emptyTable || p.fromThreads() || files.threadCount(p.dir.resolve("task")) <= 1) {
            return false;
        }
        Table t = new Table(p.sockFds, p.sockInodes, p.sockCount);
        Path threadDir = readThreads(p, t);
        if (threadDir == null) {
            return false;
        }
        keep(p, t, threadDir, call);
        return true;
    }

    private static void keep(TrackedProcess p, Table t, Path threadDir, long call) {
        if (t.changed || t.n != t.before || threadDir != null || p.threadDir != null) {
            p.changedAt = call;
        }
        p.sockFds = t.fds;
        p.sockInodes = t.inodes;
        if (p.sockCheckedAt.length != t.fds.length) {
            p.sockCheckedAt = new long[t.fds.length];
        }
        p.sockCount = t.n;
        p.threadDir = threadDir;
        if (p.holder != null) {
            p.lastHolder = p.holder;
            p.lastHolderList = p.holderList;
        }
        p.holder = null;
        p.holderList = null;
        p.readAt = call;
    }

    /**
     * The socket fds of one table being read, written over the arrays of the read before (the
     * first {@code before} entries are that read's, until overwritten in order), noting whether
     * any differs.
     */
    private static final class Table {
        int[] fds;
        long[] inodes;
        int n;
        long links;
        final int before;
        boolean changed;

        Table(int[] fds, long[] inodes, int before) {
            this.fds = fds;
            this.inodes = inodes;
            this.before = before;
        }

        void add(int fd, long inode) {
            if (n == fds.length) {
                int size = Math.max(8, n * 2);
                fds = Arrays.copyOf(fds, size);
                inodes = Arrays.copyOf(inodes, size);
            }
            changed |= n >= before || fds[n] != fd || inodes[n] != inode;
            fds[n] = fd;
            inodes[n] = inode;
            n++;
        }

        boolean has(long inode) {
            for (int i = 0; i < n; i++) {
                if (inodes[i] == inode) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Adds the socket fds of {@code fdDir} to {@code t}; OK, GONE or DENIED (judged by {@code procDir}). */
    private int readInto(Path fdDir, Path procDir, Table t) {
        tablesRead.incrementAndGet();
        long links = 0;
        int before = t.n;
        long[] found;
        try {
            found = files.socketLinks(fdDir);
        } catch (IOException e) {
            return failure(procDir, e);
        }
        if (found != null) {
            for (int i = 1; i + 1 < found.length; i += 2) {
                if (before > 0 && t.has(found[i + 1])) {
                    continue;
                }
                t.add((int) found[i], found[i + 1]);
            }
            linksRead.addAndGet(found[0]);
            t.links += found[0];
            return OK;
        }
        try (DirectoryStream<Path> ds = files.openDir(fdDir)) {
            for (Path fd : ds) {
                links++;
                long inode;
                try {
                    inode = ProcText.socketInode(files.readLink(fd).toString());
                } catch (NoSuchFileException e) {
                    // The fd was closed between the listing and the readlink (or the process
                    // exited; then its metadata read finds it gone).
                    continue;
                }
                int number = ProcText.fdNumber(fd.toString());
                if (inode <= 0 || number < 0 || (before > 0 && t.has(inode))) {
                    continue;
                }
                t.add(number, inode);
            }
        } catch (DirectoryIteratorException e) {
            return failure(procDir, e.getCause());
        } catch (IOException e) {
            return failure(procDir, e);
        } finally {
            linksRead.addAndGet(links);
            t.links += links;
        }
        return OK;
    }

    /**
     * The tables of the threads of an exited leader, added to {@code t}; the directory of the
     * first thread whose table could be read, or null when none could (then {@code t} stays
     * empty: the process has no fd to report).
     */
    private Path readThreads(TrackedProcess p, Table t) {
        Path first = null;
        Path task = p.dir.resolve("task");
        try (DirectoryStream<Path> ds = files.openDir(task)) {
            for (Path thread : ds) {
                int tid = ProcText.parsePid(thread.getFileName().toString());
                if (tid <= 0 || tid == p.pid) {
                    continue;
                }
                if (readInto(thread.resolve("fd"), thread, t) == OK && first == null) {
                    first = thread;
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // The process exited meanwhile, or its threads cannot be listed: nothing more to add.
        }
        return first;
    }

    /**
     * Whether {@code p}'s fd count has moved since its stamp (one {@code stat}); the new stamp
     * is kept when it has. False when this file system keeps no stamps, the process exited, or
     * the pid is another process's now.
     */
    boolean movedSinceStamp(TrackedProcess p) {
        ProcFiles.FdStamp now;
        try {
            now = files.stamp(p.fdDir);
        } catch (IOException e) {
            return false;
        }
        if (now == null || p.stamp == null || !now.sameProcess(p.stamp) || now.count() == p.stamp.count()) {
            return false;
        }
        p.stamp = now;
        return true;
    }

    /**
     * Whether fd {@code j} of {@code p} (of the table read before) still names its socket: one
     * {@code readlink}. False when it changed, was closed, or the process exited.
     */
    boolean stillNames(TrackedProcess p, int j) {
        linksRead.incrementAndGet();
        try {
            Path link = p.fdDir.resolve(Integer.toString(p.sockFds[j]));
            return ProcText.socketInode(files.readLink(link).toString()) == p.sockInodes[j];
        } catch (IOException e) {
            // The fd was closed or the process exited: re-reading the table tells which.
            return false;
        }
    }

    /** Why a read of {@code procDir}'s files failed: GONE or DENIED. */
    static int failure(Path procDir, IOException e) {
        if (e instanceof NoSuchFileException) {
            // The process exited between the listing of the root and this read: not hidden.
            return GONE;
        }
        if (e instanceof AccessDeniedException) {
            // Another user's process and we are not root (or a process even root may not
            // inspect): its sockets stay without owner.
            return DENIED;
        }
        // Other errors (ESRCH while the process is torn down, EIO): gone if its directory is,
        // else a process we could not inspect.
        return Files.isDirectory(procDir) ? DENIED : GONE;
    }
}
