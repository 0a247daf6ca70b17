package dev.sockscope.owner;

/**
 * Whether a socket that the connection tables listed is still open, asked by
 * {@link ProcOwnerResolver#resolve(long[], OpenCheck)} about a socket no fd table claims
 * before it searches every table for it. Under churn many such sockets have simply closed
 * between the read of the tables and the read of the fd tables; asking the kernel about each
 * costs far less than a search that cannot find them.
 */
public interface OpenCheck {
    /**
     * False only when the socket at {@code index} (of the inodes the resolver was given) is
     * known to be closed; true when it is open or the answer is unknown.
     */
    boolean mayBeOpen(int index);
}
