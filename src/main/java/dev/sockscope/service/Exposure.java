package dev.sockscope.service;

import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;

/**
 * How far a socket can be reached, from its local address and bound device: the
 * {@code exposure} value of the contract.
 *
 * <ul>
 *   <li>{@link #INTERFACE}: bound to one device ({@code SO_BINDTODEVICE}, or an IPv6 scope),
 *       reachable only through it, whatever its address;</li>
 *   <li>{@link #LOOPBACK}: a loopback address ({@code 127.0.0.0/8}, {@code ::1}, or
 *       {@code ::ffff:127.x.y.z}): this host only;</li>
 *   <li>{@link #ALL}: the wildcard ({@code 0.0.0.0}, {@code ::}): every interface;</li>
 *   <li>{@link #HOST}: one other address of this host: whoever can route to it.</li>
 * </ul>
 */
public enum Exposure {
    LOOPBACK("loopback"),
    HOST("host"),
    ALL("all"),
    INTERFACE("interface");

    private final String label;

    Exposure(String label) {
        this.label = label;
    }

    /** The JSON/CSV {@code exposure} value. */
    public String label() {
        return label;
    }

    /** Whether something beyond this host can reach it (everything but loopback). */
    public boolean reachableFromOutside() {
        return this != LOOPBACK;
    }

    /** The exposure of {@code e}'s local end; null for unix sockets (no network address). */
    public static Exposure of(SocketEntry e) {
        if (e.proto() == Proto.UNIX) {
            return null;
        }
        if (e.details().iface() != null && !e.details().iface().isEmpty()) {
            return INTERFACE;
        }
        return ofAddress(e.localAddress());
    }

    /** The exposure of a socket bound to {@code address} (canonical text) on no particular device. */
    public static Exposure ofAddress(String address) {
        if (address.equals("0.0.0.0") || address.equals("::")) {
            return ALL;
        }
        if (isLoopback(address)) {
            return LOOPBACK;
        }
        return HOST;
    }

    /** {@code 127.0.0.0/8}, {@code ::1}, or a v4-mapped {@code ::ffff:127.x.y.z}. */
    public static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.startsWith("::ffff:127.");
    }
}
