package dev.sockscope.query;

import dev.sockscope.model.Address;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;

/**
 * How far a socket can be reached, from its local address and bound device: the JSON/CSV
 * {@code exposure} value and the {@code --exposed} selection.
 */
public enum Exposure {
    /** Bound to a loopback address ({@code 127.0.0.0/8}, {@code ::1}, their v4-mapped forms). */
    LOOPBACK("loopback"),
    /** Bound to one non-loopback address of this host. */
    HOST("host"),
    /** Bound to the wildcard address: every interface. */
    ALL("all"),
    /** Bound to one device ({@code SO_BINDTODEVICE}, or a link-local address's scope). */
    INTERFACE("interface");

    private final String label;

    Exposure(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The exposure of an inet socket, or null for a unix socket (not reachable over the network). */
    public static Exposure of(SocketEntry e) {
        if (e.proto() == Proto.UNIX) {
            return null;
        }
        Address a = e.localAddress();
        if (a.isLoopback()) {
            return LOOPBACK;
        }
        if (e.details().iface() != null) {
            return INTERFACE;
        }
        if (a.isWildcard()) {
            return ALL;
        }
        return HOST;
    }
}
