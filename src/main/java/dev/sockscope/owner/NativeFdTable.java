package dev.sockscope.owner;

import dev.sockscope.netlink.NativeLibrary;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One fd table's socket links in one call to sockscope's JNI library ({@link NativeLibrary}):
 * the directory listed and each link read in C, where Java makes two {@code Path} objects, a
 * {@code String} and a checked system call per fd. Used for the live {@code /proc} only; a
 * tree given to {@link ProcFiles} otherwise (tests, captures) is read in Java.
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
                    ok = r != null && r.length >= 1;
                } catch (UnsatisfiedLinkError e) {
                    ok = false;
                }
            }
            available = a = ok;
        }
        return a;
    }

    private static native long[] read0(byte[] dirZ);

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
        long[] r = read0(NativeLibrary.cString(path));
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
