package dev.sockscope.owner;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Every file access of {@link ProcOwnerResolver} and {@link FdTables}, in one overridable
 * place: tests replace it to deny access as root or to give a captured tree procfs-like change
 * stamps. {@link #openDir}, {@link #readLink}, {@link #read} and {@link #threadCount} may be
 * called from two threads at once; {@link #stamp} is called from one.
 */
class ProcFiles {
    private final Path root;
    private Boolean procfs;
    /** Whether fd tables are read by {@link NativeFdTable}: the live {@code /proc} with the library. */
    private final boolean nativeFds;

    /** Accessor for a tree that is procfs, with its stamps, when {@code procfs} says so. */
    ProcFiles(boolean procfs) {
        this.root = null;
        this.procfs = procfs;
        this.nativeFds = false;
    }

    private ProcFiles(Path root, boolean nativeFds) {
        this.root = root;
        this.nativeFds = nativeFds;
    }

    /**
     * Accessor for {@code root}: procfs stamps when {@code root} is a mounted procfs. That is
     * found on the first {@link #stamp}, not here: the file-store lookup reads the mount table,
     * a few milliseconds better spent on the scan thread than before it starts.
     */
    static ProcFiles forRoot(Path root) {
        return new ProcFiles(root, root.equals(Path.of("/proc")) && NativeFdTable.available());
    }

    /**
     * The socket links of the fd directory {@code fdDir} in one native call
     * ({@link NativeFdTable#read}), or null where fd tables are read in Java (another tree, no
     * library, a subclass).
     */
    long[] socketLinks(Path fdDir) throws IOException {
        return nativeFds ? NativeFdTable.read(fdDir) : null;
    }

    private boolean procfs() {
        if (procfs == null && nativeFds) {
            procfs = NativeFdTable.procfs(root);
        }
        if (procfs == null) {
            boolean mounted;
            try {
                FileStore store = Files.getFileStore(root);
                mounted = "proc".equals(store.type());
            } catch (IOException e) {
                // Root missing or unreadable: the scan will find no process; no stamps needed.
                mounted = false;
            }
            procfs = mounted;
        }
        return procfs;
    }

    /**
     * The pids the root lists, in its order, in one native call ({@link NativeFdTable#pids});
     * null where the root is listed in Java ({@link #openDir}).
     */
    long[] nativePids() throws IOException {
        return nativeFds ? NativeFdTable.pids(root) : null;
    }

    DirectoryStream<Path> openDir(Path dir) throws IOException {
        return Files.newDirectoryStream(dir);
    }

    Path readLink(Path link) throws IOException {
        return Files.readSymbolicLink(link);
    }

    /**
     * At most {@code max} bytes from the start of {@code file}. A {@code FileInputStream}:
     * {@code Files.newInputStream} opens a file channel, which loads the JDK's network library.
     */
    byte[] read(Path file, int max) throws IOException {
        try (InputStream in = new FileInputStream(file.toFile())) {
            return in.readNBytes(max);
        }
    }

    /**
     * How many threads the process of {@code taskDir} ({@code [pid]/task}) has, counting its
     * entries up to 2 (2 means "more than one"); -1 when it cannot be listed (no task
     * directory in a captured tree, a process gone). A listing, the same path as the fd
     * tables', costs less in a short run than the link count through the attribute views; on
     * the live {@code /proc}, one native call ({@link NativeFdTable#entries}).
     */
    long threadCount(Path taskDir) {
        if (nativeFds) {
            try {
                return Math.min(2, NativeFdTable.entries(taskDir));
            } catch (IOException e) {
                return -1;
            }
        }
        long n = 0;
        try (DirectoryStream<Path> ds = openDir(taskDir)) {
            for (Path ignored : ds) {
                if (++n == 2) {
                    break;
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // no task directory (a captured tree without one), or the process is gone
            return -1;
        }
        return n;
    }

    /**
     * What the threads of the process of {@code taskDir} ({@code [pid]/task}) have run so far:
     * per thread, in listing order, its tid, its time on a CPU and how many times it was put on
     * one (the first and third fields of {@code task/TID/schedstat}, in nanoseconds and counts).
     * Two equal answers mean no thread of the process was scheduled in between, and a thread
     * that started and exited in between was started by one that was. Null when that cannot be
     * told: no {@code schedstat} (a captured tree, a kernel without {@code CONFIG_SCHED_INFO}),
     * its counting off ({@code 0 0 0}), a thread gone while listed, more than
     * {@code maxThreads} threads (reading them would cost more than what they save). On the
     * live {@code /proc}, one native call ({@link NativeFdTable#activity}): in Java a thread's
     * file cost a {@code Path} and a stream, 3 ms of an idle snapshot's fd scan for one
     * process of 13 threads.
     */
    long[] activity(Path taskDir, int maxThreads) {
        if (nativeFds) {
            return NativeFdTable.activity(taskDir, maxThreads);
        }
        long[] out = new long[3 * 4];
        int n = 0;
        try (DirectoryStream<Path> ds = openDir(taskDir)) {
            for (Path t : ds) {
                if (n / 3 == maxThreads) {
                    return null;
                }
                int tid = ProcText.parsePid(t.getFileName().toString());
                long[] ran = ProcText.schedstat(read(t.resolve("schedstat"), 128));
                if (tid <= 0 || ran == null || ran[1] == 0) {
                    return null; // not a thread's directory, or the kernel does not count (0 0 0)
                }
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = tid;
                out[n++] = ran[0];
                out[n++] = ran[1];
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            return null; // gone, or no task directory
        }
        return n == 0 ? null : Arrays.copyOf(out, n);
    }

    /**
     * A stamp of the fd table in {@code fdDir}: which process it belongs to and how many fds
     * it has, or null when this file system cannot tell (then the resolver re-reads it on every
     * call).
     *
     * <p>On procfs the identity is the directory's file key: its inode number is allocated
     * when the kernel instantiates the directory, so a new process that reuses a pid gets a new
     * one (a spurious change, after the kernel drops a cached entry, only costs a re-read).
     * Since Linux 6.2 the directory's size is the number of open fds; on older kernels (size
     * 0) the entries are counted, which costs a {@code getdents} but no {@code readlink}.
     */
    FdStamp stamp(Path fdDir) throws IOException {
        if (!procfs()) {
            return null;
        }
        if (nativeFds) {
            long[] s = NativeFdTable.stamp(fdDir);
            return new FdStamp(s[0], s[1]);
        }
        BasicFileAttributes a = Files.readAttributes(fdDir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        long count = a.size();
        if (count <= 0) {
            count = countEntries(fdDir);
        }
        return new FdStamp(a.fileKey(), count);
    }

    final long countEntries(Path dir) throws IOException {
        long n = 0;
        try (DirectoryStream<Path> ds = openDir(dir)) {
            for (Path ignored : ds) {
                n++;
            }
        } catch (java.nio.file.DirectoryIteratorException e) {
            throw e.getCause();
        }
        return n;
    }

    /**
     * Identity and size of one process's fd table.
     *
     * @param identity equal for the same process, different after pid reuse (never null)
     * @param count    number of open fds
     */
    record FdStamp(Object identity, long count) {
        boolean sameProcess(FdStamp other) {
            return other != null && identity.equals(other.identity);
        }
    }
}
