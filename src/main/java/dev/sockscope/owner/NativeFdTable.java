package dev.sockscope.owner;

import dev.sockscope.netlink.NativeLibrary;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One fd table's socket links in one call to sockscope's JNI library ({@link NativeLibrary}):
 * the directory listed and each link read in C, where Java makes two {@code Path} objects, a
 * {@code String} and a checked system call per fd. Also, each in one call, the pids
 * {@code /proc} lists and an fd table's stamp ({@link ProcFiles#stamp}): an idle host's scan
 * made a {@code Path}, a stream or an attribute map per process for them, half its time. Used
 * for the live {@code /proc} only; a tree given to {@link ProcFiles} otherwise (tests,
 * captures) is read in Java.
 */
final class NativeFdTable {
    private static final int ENOENT = 2;
    private static final int EACCES = 13;
    private static final int EPERM = 1;

    private static volatile Boolean available;

    private NativeFdTable() {}

    /** Whether the library is here and has this reader (one call to a missing directory tells). */
    static boolean available() {
        Boolean a = available;
        if (a == null) {
            boolean ok = false;
            if (NativeLibrary.load()) {
                try {
                    long[] r = read0(NativeLibrary.cString("/proc/0/fd"));
                    // the newest function too: a library from another build may lack it
                    ok = r != null
                            && r.length >= 1
                            && procfs0(NativeLibrary.cString("/")) >= 0
                            && activity0(NativeLibrary.cString("/proc/0/task"), 1) == null;
                } catch (UnsatisfiedLinkError e) {
                    ok = false;
                }
            }
            available = a = ok;
        }
        return a;
    }

    private static native long[] read0(byte[] dirZ);

    private static native long[] stamp0(byte[] dirZ);

    private static native long[] pids0(byte[] rootZ);

    private static native int procfs0(byte[] pathZ);

    private static native long[] activity0(byte[] taskDirZ, int maxThreads);

    /**
     * {entries, fd, inode, fd, inode, ...} of the fd directory {@code fdDir}: entries counts every
     * fd listed; the pairs are its sockets' (a link that vanished while read is left out).
     *
     * @throws NoSuchFileException    the directory is gone (the process exited)
     * @throws AccessDeniedException  another user's process, and this one is not root
     * @throws IOException            another failure, with its errno
     */
    static long[] read(Path fdDir) throws IOException {
        String path = fdDir.toString();
        return checked(path, read0(NativeLibrary.cString(path)));
    }

    /**
     * {inode, fds} of the fd directory {@code fdDir}: its inode number (a new one for each
     * process that has the pid) and its number of fds (the directory's size since Linux 6.2, else
     * its entries counted). Throws as {@link #read} does.
     */
    static long[] stamp(Path fdDir) throws IOException {
        String path = fdDir.toString();
        return checked(path, stamp0(NativeLibrary.cString(path)));
    }

    /**
     * How many entries the directory {@code dir} lists (its size when positive, as procfs gives
     * for an fd directory since Linux 6.2; else counted). Throws as {@link #read} does.
     */
    static long entries(Path dir) throws IOException {
        return stamp(dir)[1];
    }

    /**
     * The pids {@code root} lists, in its order: its entries named by a decimal int without a
     * leading zero. Throws as {@link #read} does.
     */
    static long[] pids(Path root) throws IOException {
        String path = root.toString();
        return checked(path, pids0(NativeLibrary.cString(path)));
    }

    /**
     * {tid, ran, times, ...} of the task directory {@code taskDir}, as {@link ProcFiles#activity}
     * reads it in Java (a directory and a file per thread there); null when that cannot be told.
     */
    static long[] activity(Path taskDir, int maxThreads) {
        return activity0(NativeLibrary.cString(taskDir.toString()), maxThreads);
    }

    /** Whether {@code path} is on procfs; false also when that cannot be told. */
    static boolean procfs(Path path) {
        return procfs0(NativeLibrary.cString(path.toString())) == 1;
    }

    /** {@code r}, unless it is {-errno}: then the exception for that errno. Every value else is positive. */
    private static long[] checked(String path, long[] r) throws IOException {
        if (r.length == 1 && r[0] < 0) {
            int errno = (int) -r[0];
            if (errno == ENOENT) {
                throw new NoSuchFileException(path);
            }
            if (errno == EACCES || errno == EPERM) {
                throw new AccessDeniedException(path);
            }
            throw new IOException(path + ": errno " + errno);
        }
        return r;
    }
}
