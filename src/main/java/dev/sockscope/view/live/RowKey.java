package dev.sockscope.view.live;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;

/**
 * Identity of a socket across refreshes: what decides that a row is new, closed, or still the
 * one selected.
 *
 * <p>Protocol, family, both endpoints and the inode. Not the state: a connection going from
 * SYN_SENT to ESTABLISHED to CLOSE_WAIT is one socket, not three. Not the queues, which change
 * with every packet. The inode separates sockets with equal endpoints (unix sockets, or a
 * listener closed and reopened on the same port); a TCP socket that is closed and lingers in
 * TIME_WAIT loses its inode (the kernel keeps only a minisocket), so it shows as the old socket
 * closed and a TIME_WAIT one new, which is what happened.
 */
record RowKey(Proto proto, Family family, String localAddress, int localPort,
              String remoteAddress, int remotePort, long inode) {

    static RowKey of(SocketEntry e) {
        return new RowKey(e.proto(), e.family(), e.localAddress(), e.localPort(),
                e.remoteAddress(), e.remotePort(), e.inode());
    }
}
