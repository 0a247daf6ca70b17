package dev.sockscope.source.proc;

/**
 * Type of a unix domain socket, the {@code Type} column of {@code /proc/net/unix}
 * ({@code SOCK_STREAM}, {@code SOCK_DGRAM}, {@code SOCK_SEQPACKET}: the only types the kernel
 * allows for {@code AF_UNIX}).
 */
public enum UnixSocketType {
    STREAM(0x0001),
    DGRAM(0x0002),
    SEQPACKET(0x0005);

    private final int code;

    UnixSocketType(int code) {
        this.code = code;
    }

    /** The kernel's {@code SOCK_*} value. */
    public int code() {
        return code;
    }

    /** The type with kernel value {@code code}, or null when there is none. */
    public static UnixSocketType fromCode(long code) {
        for (UnixSocketType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
