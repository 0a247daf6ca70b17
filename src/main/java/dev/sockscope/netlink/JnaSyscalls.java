package dev.sockscope.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * {@link Syscalls} through JNA direct mapping (static native methods bound once by
 * {@link Native#register}), for JDK 17 to 21. Byte arrays are copied to and from native memory
 * by JNA around each call.
 */
final class JnaSyscalls implements Syscalls {

    /** The C library's functions; {@code size_t} and {@code ssize_t} are 64-bit {@code long}s. */
    static final class LibC {
        static {
            Native.register(LibC.class, Platform.C_LIBRARY_NAME);
        }

        private LibC() {}

        static native int socket(int domain, int type, int protocol) throws LastErrorException;

        static native long send(int fd, byte[] buf, long len, int flags) throws LastErrorException;

        static native long recv(int fd, byte[] buf, long len, int flags) throws LastErrorException;

        static native int setsockopt(int fd, int level, int name, int[] value, int len) throws LastErrorException;

        static native int close(int fd) throws LastErrorException;

        /** {@code open} is variadic; the mode argument is read only with {@code O_CREAT}, never used here. */
        static native int open(String path, int flags, int mode) throws LastErrorException;

        static native int setns(int fd, int nstype) throws LastErrorException;
    }

    JnaSyscalls() {
        // binds the library now, so that a failure shows at selection, not at the first call
        try {
            Class.forName(LibC.class.getName(), true, LibC.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String name() {
        return "jna";
    }

    @Override
    public int socket(int domain, int type, int protocol) throws NetlinkException {
        try {
            return LibC.socket(domain, type, protocol);
        } catch (LastErrorException e) {
            throw NetlinkException.errno("socket", e.getErrorCode());
        }
    }

    @Override
    public int send(int fd, byte[] buf, int len) throws NetlinkException {
        try {
            return (int) LibC.send(fd, buf, len, 0);
        } catch (LastErrorException e) {
            throw NetlinkException.errno("send", e.getErrorCode());
        }
    }

    @Override
    public int recv(int fd, byte[] buf, int len, int flags) throws NetlinkException {
        try {
            return (int) LibC.recv(fd, buf, len, flags);
        } catch (LastErrorException e) {
            throw NetlinkException.errno("recv", e.getErrorCode());
        }
    }

    @Override
    public void setsockopt(int fd, int level, int name, int value) throws NetlinkException {
        try {
            LibC.setsockopt(fd, level, name, new int[] {value}, 4);
        } catch (LastErrorException e) {
            throw NetlinkException.errno("setsockopt", e.getErrorCode());
        }
    }

    @Override
    public void close(int fd) {
        try {
            LibC.close(fd);
        } catch (LastErrorException e) {
            // close fails only for a bad descriptor; the descriptor is gone either way
        }
    }

    @Override
    public int open(String path, int flags) throws NetlinkException {
        try {
            return LibC.open(path, flags, 0);
        } catch (LastErrorException e) {
            throw NetlinkException.errno("open " + path, e.getErrorCode());
        }
    }

    @Override
    public void setns(int fd, int nstype) throws NetlinkException {
        try {
            LibC.setns(fd, nstype);
        } catch (LastErrorException e) {
            throw NetlinkException.errno("setns", e.getErrorCode());
        }
    }
}
