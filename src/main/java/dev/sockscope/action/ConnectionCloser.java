package dev.sockscope.action;

import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;

/**
 * Closes one TCP connection: {@code SOCK_DESTROY} over netlink sock_diag (root and a kernel
 * built with {@code CONFIG_INET_DIAG_DESTROY}). The netlink layer provides the implementation;
 * where it is missing, {@link #unavailable} says which part is.
 */
public interface ConnectionCloser {

    /** Closes the connection of {@code entry}; never throws for a refusal. */
    CloseResult close(SocketEntry entry);

    /** A closer that closes nothing and says why, in one line. */
    static ConnectionCloser unavailable(String why) {
        return entry -> CloseResult.refused(why);
    }

    /** Why this row cannot be closed with SOCK_DESTROY at all, or null when it can be tried. */
    static String unsuitable(SocketEntry e) {
        if (e.proto() != Proto.TCP) {
            return "only TCP connections can be closed (this is " + e.proto().label() + ")";
        }
        if (e.state() == State.LISTEN) {
            return "this is a listener, not a connection (terminate its process with k)";
        }
        if (e.state() == State.TIME_WAIT) {
            return "a TIME_WAIT socket is already closed; the kernel ends it by itself";
        }
        return null;
    }
}
