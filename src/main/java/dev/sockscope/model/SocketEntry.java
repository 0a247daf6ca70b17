package dev.sockscope.model;

import java.util.Objects;

/**
 * One row of a kernel connection table, before owners are joined.
 *
 * <p>Inet sockets: addresses are IP {@link Address}es of the row's family (an IPv6 row may hold
 * IPv4-mapped addresses, {@code ::ffff:127.0.0.1}); ports are 0..65535; a wildcard peer is the
 * zero address with port 0. Unix sockets: {@code localAddress} is the path
 * ({@link Address#path}), {@code @name} for an abstract name, {@link Address#NO_PATH} when
 * unnamed; {@code remoteAddress} is {@link Address#NO_PATH}; both ports are {@link #NO_PORT}.
 *
 * <p>Sentinels, for values a platform does not provide (never for values that failed to
 * parse: such lines are dropped and counted): {@link #UNKNOWN} for {@code uid},
 * {@code recvQ}, {@code sendQ}, {@code inode}.
 *
 * @param inode   kernel socket inode, 0 when the socket has none (TIME_WAIT, NEW_SYN_RECV)
 * @param details what the source knows beyond the classic table ({@link Details#NONE} when
 *                nothing)
 */
public record SocketEntry(
        Proto proto,
        Family family,
        Address localAddress,
        int localPort,
        Address remoteAddress,
        int remotePort,
        State state,
        long inode,
        int uid,
        long recvQ,
        long sendQ,
        Details details) {

    /** The port of a unix socket endpoint: it has none. */
    public static final int NO_PORT = -1;
    /** A value the platform does not provide. */
    public static final int UNKNOWN = -1;

    /** A row with nothing beyond the classic table. */
    public SocketEntry(
            Proto proto,
            Family family,
            Address localAddress,
            int localPort,
            Address remoteAddress,
            int remotePort,
            State state,
            long inode,
            int uid,
            long recvQ,
            long sendQ) {
        this(
                proto,
                family,
                localAddress,
                localPort,
                remoteAddress,
                remotePort,
                state,
                inode,
                uid,
                recvQ,
                sendQ,
                Details.NONE);
    }

    public SocketEntry {
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(state, "state");
        if (localAddress.family() != family || remoteAddress.family() != family) {
            throw new IllegalArgumentException(
                    "a " + family.label() + " row with " + localAddress.family().label() + " and "
                            + remoteAddress.family().label() + " addresses");
        }
        if (proto == Proto.UNIX) {
            if (localPort != NO_PORT || remotePort != NO_PORT) {
                throw new IllegalArgumentException("unix sockets have no port");
            }
        } else {
            checkPort(localPort);
            checkPort(remotePort);
        }
        if (inode < UNKNOWN || uid < UNKNOWN || recvQ < UNKNOWN || sendQ < UNKNOWN) {
            throw new IllegalArgumentException("negative counter");
        }
    }

    /**
     * The record's equality, written out: the generated one is linked through
     * {@code ObjectMethods} and called through method handles, slow until the JIT's second tier
     * (3 ms a read at 40,000 rows when a read's rows are matched to the last read's).
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SocketEntry)) {
            return false;
        }
        SocketEntry e = (SocketEntry) o;
        return inode == e.inode
                && localPort == e.localPort
                && remotePort == e.remotePort
                && uid == e.uid
                && recvQ == e.recvQ
                && sendQ == e.sendQ
                && proto == e.proto
                && family == e.family
                && state == e.state
                && localAddress.equals(e.localAddress)
                && remoteAddress.equals(e.remoteAddress)
                && (details == e.details || details.equals(e.details));
    }

    @Override
    public int hashCode() {
        int h = proto.hashCode();
        h = 31 * h + family.hashCode();
        h = 31 * h + localAddress.hashCode();
        h = 31 * h + localPort;
        h = 31 * h + remoteAddress.hashCode();
        h = 31 * h + remotePort;
        h = 31 * h + state.hashCode();
        h = 31 * h + Long.hashCode(inode);
        h = 31 * h + uid;
        h = 31 * h + Long.hashCode(recvQ);
        h = 31 * h + Long.hashCode(sendQ);
        return 31 * h + details.hashCode();
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** True when the peer is the wildcard (zero address, port 0): listening or unconnected. */
    public boolean hasWildcardPeer() {
        return proto != Proto.UNIX && remotePort == 0 && remoteAddress.isWildcard();
    }

    /** This row with other details. */
    public SocketEntry withDetails(Details d) {
        return new SocketEntry(
                proto, family, localAddress, localPort, remoteAddress, remotePort, state, inode, uid, recvQ, sendQ, d);
    }
}
