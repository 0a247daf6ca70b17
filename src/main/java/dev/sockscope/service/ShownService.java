package dev.sockscope.service;

import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;

/**
 * Which port names a row shows: the table's Service column and its sort order ({@link #of}), and
 * the JSON/CSV {@code localService}/{@code remoteService} ({@link #local}, {@link #remote}).
 *
 * <p>Two rules, so that a row names what the socket is about and nothing else:
 *
 * <ul>
 *   <li>Only helpful names ({@link ServiceRegistry#name}: netbase, the seed list, the overlay);
 *       a name only IANA gives (32768 {@code filenet-tms}) is never shown.
 *   <li>The ephemeral side of a connection is never named: the local port of a connected socket
 *       when it lies inside this host's ephemeral range (the client's end), and the remote port
 *       inside that range when the local port lies outside it (the server's end of a connection
 *       from a client's ephemeral port). A listener or unconnected socket on a port inside the
 *       range (UDP 51820 {@code wireguard}) is not a side of a connection and keeps its name.
 * </ul>
 *
 * <p>The remote host's ephemeral range is unknown; this host's stands for it. Without a range
 * (a registry with none) no port counts as ephemeral and only the first rule applies.
 */
public final class ShownService {
    private ShownService() {}

    /**
     * The row's one name: the local port's ({@link #local}) when it has one, else the remote
     * port's ({@link #remote}: an outgoing connection names the server it reaches); null when
     * neither is named, for unix sockets and without a registry.
     */
    public static String of(SocketEntry e, ServiceRegistry services) {
        String local = local(e, services);
        return local != null ? local : remote(e, services);
    }

    /**
     * The local port's helpful name, or null: also null on a connected socket whose local port is
     * inside this host's ephemeral range, for unix sockets and without a registry.
     */
    public static String local(SocketEntry e, ServiceRegistry services) {
        if (services == null || e.proto() == Proto.UNIX) {
            return null;
        }
        if (connected(e) && services.classify(e.localPort()) == PortClass.EPHEMERAL) {
            return null;
        }
        return services.name(e.proto(), e.localPort());
    }

    /**
     * The remote port's helpful name, or null: null for a wildcard peer (a listener, an
     * unconnected socket), and for a remote port inside the ephemeral range when the local port
     * is outside it (this end is the server's, the peer's port is a client's ephemeral one).
     */
    public static String remote(SocketEntry e, ServiceRegistry services) {
        if (services == null || e.proto() == Proto.UNIX || !connected(e)) {
            return null;
        }
        if (services.classify(e.remotePort()) == PortClass.EPHEMERAL
                && services.classify(e.localPort()) != PortClass.EPHEMERAL) {
            return null;
        }
        return services.name(e.proto(), e.remotePort());
    }

    /** A socket with a peer: not a wildcard peer, not remote port 0. */
    private static boolean connected(SocketEntry e) {
        return !e.hasWildcardPeer() && e.remotePort() != 0;
    }
}
