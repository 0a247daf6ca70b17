package dev.sockscope.view.live;

import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.service.PortClass;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.view.Sanitizer;

/**
 * The text of each table cell, as netstat {@code -ano} shows it; pure functions, no terminal
 * and no I/O (kept apart so that the {@code --list} table can share them).
 *
 * <p>Every string that comes from the system (unix paths, process names, resolved host names)
 * leaves here through {@link Sanitizer#clean}.
 */
public final class Cells {
    /** Shown for a wildcard peer, an unnamed unix socket, or a value nobody knows. */
    public static final String WILDCARD = "*";
    /** PID/Program of a socket with no known holder, as netstat shows it. */
    public static final String NO_OWNER = "-";

    private Cells() {
    }

    /** {@code tcp}, {@code udp}, {@code raw}, {@code unix}, with a {@code 6} for IPv6 ({@code tcp6}) as netstat does. */
    public static String proto(SocketEntry e) {
        return e.family() == Family.IPV6 ? e.proto().label() + "6" : e.proto().label();
    }

    /**
     * An endpoint: {@code 127.0.0.1:80}, {@code [::1]:631}; a unix path (sanitized), {@code @name}
     * for an abstract one, {@code *} when unnamed.
     */
    public static String endpoint(Proto proto, String address, int port) {
        if (proto == Proto.UNIX) {
            return address.isEmpty() ? WILDCARD : Sanitizer.clean(address);
        }
        StringBuilder b = new StringBuilder(address.length() + 8);
        if (address.indexOf(':') >= 0) {
            b.append('[').append(address).append(']');
        } else {
            b.append(address);
        }
        return b.append(':').append(port).toString();
    }

    /** The local endpoint. */
    public static String local(SocketEntry e) {
        return endpoint(e.proto(), e.localAddress(), e.localPort());
    }

    /**
     * The remote endpoint; {@code *} for a wildcard peer (listening, unconnected) and for the
     * unknown peer of a unix socket.
     *
     * @param hostName the reverse-DNS name of the remote address, or null to show it numerically
     */
    public static String remote(SocketEntry e, String hostName) {
        if (e.hasWildcardPeer() || (e.proto() == Proto.UNIX && e.remoteAddress().isEmpty())) {
            return WILDCARD;
        }
        if (hostName != null && !hostName.isEmpty() && e.proto() != Proto.UNIX) {
            return Sanitizer.clean(hostName) + ":" + e.remotePort();
        }
        return endpoint(e.proto(), e.remoteAddress(), e.remotePort());
    }

    /** The state's name ({@code LISTEN}, {@code ESTABLISHED}, ...). */
    public static String state(SocketEntry e) {
        return e.state().name();
    }

    /** {@code 1234/nginx}; {@code 1234/nginx+2} when two more processes hold it; {@code -} when none is known. */
    public static String pidProgram(SocketRow r) {
        Holder h = r.owner();
        if (h == null) {
            return NO_OWNER;
        }
        String s = h.pid() + "/" + Sanitizer.clean(h.process());
        int more = r.holders().size() - 1;
        return more > 0 ? s + "+" + more : s;
    }

    /**
     * What service the socket is about: the local port's name for a socket with a wildcard peer
     * or a fixed local port; the remote port's name for an outgoing connection (local port
     * ephemeral or unnamed); "" when neither is named, for unix sockets and without a registry.
     */
    public static String service(SocketEntry e, ServiceRegistry services) {
        if (services == null || e.proto() == Proto.UNIX) {
            return "";
        }
        String local = services.name(e.proto(), e.localPort());
        if (e.hasWildcardPeer() || e.remotePort() == 0) {
            return local == null ? "" : local;
        }
        if (local != null && services.classify(e.localPort()) != PortClass.EPHEMERAL) {
            return local;
        }
        String remote = services.name(e.proto(), e.remotePort());
        return remote != null ? remote : local == null ? "" : local;
    }

    /** True for a listening socket or an unconnected datagram one (what {@code -l} selects). */
    public static boolean isListening(SocketEntry e) {
        return e.state() == State.LISTEN || e.state() == State.UNCONN;
    }

    /** A counter that may be {@link SocketEntry#UNKNOWN}: its decimal text or {@code unknown}. */
    public static String counter(long v) {
        return v == SocketEntry.UNKNOWN ? "unknown" : Long.toString(v);
    }
}
