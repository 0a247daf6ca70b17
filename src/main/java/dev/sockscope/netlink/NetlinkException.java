package dev.sockscope.netlink;

/**
 * A netlink or native call failed. {@link #getMessage()} is one line for a user, naming the
 * call and the reason ({@code socket(AF_NETLINK): EPROTONOSUPPORT (protocol not supported)}).
 */
public class NetlinkException extends Exception {
    private static final long serialVersionUID = 1L;

    /** {@code errno} values sockscope tells apart. */
    public static final int EPERM = 1;

    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EACCES = 13;
    public static final int EINVAL = 22;
    public static final int EPROTONOSUPPORT = 93;
    public static final int EOPNOTSUPP = 95;
    public static final int EAFNOSUPPORT = 97;
    public static final int ENOBUFS = 105;

    private final int errno;

    public NetlinkException(String message) {
        this(message, 0, null);
    }

    public NetlinkException(String message, int errno, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    /** A failed call: {@code call} names it, {@code errno} is the C library's error number. */
    public static NetlinkException errno(String call, int errno) {
        return new NetlinkException(call + ": " + describe(errno), errno, null);
    }

    /** The error number, 0 when the failure was not a system call's. */
    public int errno() {
        return errno;
    }

    /** {@code EPERM (operation not permitted)}; the number for errors without a name here. */
    public static String describe(int errno) {
        switch (errno) {
            case EPERM:
                return "EPERM (operation not permitted)";
            case ENOENT:
                return "ENOENT (no such entry)";
            case EINTR:
                return "EINTR (interrupted)";
            case 9:
                return "EBADF (bad file descriptor)";
            case 12:
                return "ENOMEM (out of memory)";
            case EACCES:
                return "EACCES (permission denied)";
            case EINVAL:
                return "EINVAL (invalid argument)";
            case 24:
                return "EMFILE (too many open files)";
            case 38:
                return "ENOSYS (function not implemented)";
            case EPROTONOSUPPORT:
                return "EPROTONOSUPPORT (protocol not supported)";
            case EOPNOTSUPP:
                return "EOPNOTSUPP (operation not supported)";
            case EAFNOSUPPORT:
                return "EAFNOSUPPORT (address family not supported)";
            case ENOBUFS:
                return "ENOBUFS (receive buffer overrun)";
            default:
                return "errno " + errno;
        }
    }
}
