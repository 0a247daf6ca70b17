package dev.sockscope.netlink;

/**
 * The few C library calls netlink needs, behind one of two bindings ({@code FfmSyscalls} on
 * JDK 22+, {@link JnaSyscalls} otherwise). Every call that fails throws with its errno.
 * Linux, 64-bit: sizes are passed as {@code long}.
 */
interface Syscalls {
    /** {@code ffm} or {@code jna}. */
    String name();

    int socket(int domain, int type, int protocol) throws NetlinkException;

    /** {@code send(fd, buf, len, 0)}: bytes sent. */
    int send(int fd, byte[] buf, int len) throws NetlinkException;

    /** {@code recv(fd, buf, len, flags)}: bytes received (with {@code MSG_TRUNC}, the datagram's real length). */
    int recv(int fd, byte[] buf, int len, int flags) throws NetlinkException;

    /** {@code setsockopt(fd, level, name, &value, 4)}. */
    void setsockopt(int fd, int level, int name, int value) throws NetlinkException;

    void close(int fd);

    /** {@code open(path, flags)}: a file descriptor. */
    int open(String path, int flags) throws NetlinkException;

    /** {@code setns(fd, nstype)}, for the calling thread. */
    void setns(int fd, int nstype) throws NetlinkException;
}
