package dev.sockscope.service;

import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;

/**
 * The one service name a row shows (the table's Service column, and its sort order): what the
 * socket is about.
 */
public final class ShownService {
    private ShownService() {}

    /**
     * The local port's name for a socket with a wildcard peer or a fixed local port; the remote
     * port's name for an outgoing connection (local port ephemeral or unnamed); null when
     * neither is named, for unix sockets and without a registry.
     */
    public static String of(SocketEntry e, ServiceRegistry services) {
        if (services == null || e.proto() == Proto.UNIX) {
            return null;
        }
        String local = services.name(e.proto(), e.localPort());
        if (e.hasWildcardPeer() || e.remotePort() == 0) {
            return local;
        }
        if (local != null && services.classify(e.localPort()) != PortClass.EPHEMERAL) {
            return local;
        }
        String remote = services.name(e.proto(), e.remotePort());
        return remote != null ? remote : local;
    }
}
