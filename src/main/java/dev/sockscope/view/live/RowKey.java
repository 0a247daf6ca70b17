package dev.sockscope.view.live;

import dev.sockscope.model.Address;
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
 *
 * <p>A view of those fields of the row's entry, not a copy of them: a live view holds one key
 * per row of two reads, 160,000 of them on a host with 80,000 sockets.
 */
final class RowKey {
    private final SocketEntry e;

    private RowKey(SocketEntry e) {
        this.e = e;
    }

    static RowKey of(SocketEntry e) {
        return new RowKey(e);
    }

    Proto proto() {
        return e.proto();
    }

    Family family() {
        return e.family();
    }

    Address localAddress() {
        return e.localAddress();
    }

    int localPort() {
        return e.localPort();
    }

    Address remoteAddress() {
        return e.remoteAddress();
    }

    int remotePort() {
        return e.remotePort();
    }

    long inode() {
        return e.inode();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof RowKey k && same(e, k.e);
    }

    /** Whether two entries are the same socket (see the class comment), without making keys. */
    static boolean same(SocketEntry e, SocketEntry x) {
        return e == x
                || (e.inode() == x.inode()
                        && e.localPort() == x.localPort()
                        && e.remotePort() == x.remotePort()
                        && e.proto() == x.proto()
                        && e.family() == x.family()
                        && e.localAddress().equals(x.localAddress())
                        && e.remoteAddress().equals(x.remoteAddress()));
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(e.inode());
        h = 31 * h + e.localPort();
        h = 31 * h + e.remotePort();
        h = 31 * h + e.proto().ordinal();
        h = 31 * h + e.family().ordinal();
        h = 31 * h + e.localAddress().hashCode();
        return 31 * h + e.remoteAddress().hashCode();
    }

    @Override
    public String toString() {
        return e.proto().label() + " " + e.localAddress().text() + ":" + e.localPort() + " "
                + e.remoteAddress().text() + ":" + e.remotePort() + " inode " + e.inode();
    }
}
