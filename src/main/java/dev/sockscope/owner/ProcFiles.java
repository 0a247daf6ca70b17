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
     * tables', costs less in a short run than the link count through the attribute views.
     */
    long threadCount(Path taskDir) {
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
