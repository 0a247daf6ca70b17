package dev.sockscope.netlink;

import java.nio.file.Path;

/**
 * {@link Syscalls} through sockscope's own JNI library ({@link NativeLibrary}), the cheapest to
 * start on every JDK: loading it takes under a millisecond, where the foreign function API
 * generates its downcall stub at run time (25-40 ms) and JNA starts in 70-85 ms. Where there is
 * none, {@code Natives} uses FFM or JNA.
 *
 * <p>Each native function returns the call's result or {@code -errno}.
 */
final class JniSyscalls implements Syscalls {
    private static final int EINVAL = 22;

    /**
     * Loads the library.
     *
     * @throws UnsatisfiedLinkError when it cannot be loaded (another architecture, damaged) or
     *                              lacks this class's functions
     */
    JniSyscalls(Path library) {
        System.load(library.toAbsolutePath().toString());
        // one call now, so that a library without these functions fails here, not at a read
        close0(-1);
    }

    private static native int socket0(int domain, int type, int protocol);

    private static native int send0(int fd, byte[] buf, int len);

    private static native int recv0(int fd, byte[] buf, int len, int flags);

    private static native int setsockopt0(int fd, int level, int name, int value);

    private static native int close0(int fd);

    private static native int open0(byte[] path, int flags);

    private static native int setns0(int fd, int nstype);

    private static int check(String call, int r) throws NetlinkException {
        if (r < 0) {
            throw NetlinkException.errno(call, -r);
        }
        return r;
    }

    @Override
    public String name() {
        return "jni";
    }

    @Override
    public int socket(int domain, int type, int protocol) throws NetlinkException {
        return check("socket", socket0(domain, type, protocol));
    }

    @Override
    public int send(int fd, byte[] buf, int len) throws NetlinkException {
        return check("send", send0(fd, buf, len));
    }

    @Override
    public int recv(int fd, byte[] buf, int len, int flags) throws NetlinkException {
        return check("recv", recv0(fd, buf, len, flags));
    }

    @Override
    public void setsockopt(int fd, int level, int name, int value) throws NetlinkException {
        check("setsockopt", setsockopt0(fd, level, name, value));
    }

    @Override
    public void close(int fd) {
        // close fails only for a bad descriptor; the descriptor is gone either way
        close0(fd);
    }

    @Override
    public int open(String path, int flags) throws NetlinkException {
        if (path.indexOf('\0') >= 0) {
            throw NetlinkException.errno("open " + path, EINVAL);
        }
        return check("open " + path, open0(NativeLibrary.cString(path), flags));
    }

    @Override
    public void setns(int fd, int nstype) throws NetlinkException {
        check("setns", setns0(fd, nstype));
    }
}
