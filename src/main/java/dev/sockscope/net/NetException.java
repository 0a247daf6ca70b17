package dev.sockscope.net;

/** A network table could not be read at all. The message is one line for the user. */
public final class NetException extends Exception {
    private static final long serialVersionUID = 1L;

    public NetException(String message) {
        super(message);
        this.errno = 0;
    }

    public NetException(String message, Throwable cause) {
        super(message, cause);
        this.errno = 0;
    }

    /** A request the kernel answered with an error: {@code errno} is its positive error number. */
    public NetException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    private final int errno;

    /** The kernel's error number for a refused request, 0 for every other failure. */
    public int errno() {
        return errno;
    }
}
