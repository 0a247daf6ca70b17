package dev.sockscope.source.oshi;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.InternetProtocolStats.TcpState;
import oshi.software.os.OSProcess;

/**
 * Pure mapping from OSHI's {@link IPConnection} and {@link OSProcess} to sockscope's model.
 *
 * <p>Type ({@code getType()}) to protocol and family:
 * {@code tcp4}/{@code udp4} are IPv4; {@code tcp6}/{@code udp6} are IPv6; macOS's and
 * FreeBSD's dual-stack {@code tcp46}/{@code udp46} are IPv6, because they are AF_INET6 sockets
 * that also accept IPv4 (Linux lists the same sockets in {@code /proc/net/tcp6}); the bare
 * {@code tcp}/{@code udp} of OpenBSD's and NetBSD's {@code netstat} are IPv4 unless the
 * address has 16 bytes. Any other type is bad input.
 *
 * <p>Addresses: an empty array (OSHI's wildcard {@code *}, and Windows UDP's missing peer) is
 * the family's zero address; 4 bytes on an IPv6 row (macOS fills dual-stack rows from the IPv4
 * part; Java turns a parsed {@code ::ffff:a.b.c.d} into 4 bytes) become {@code ::} when zero,
 * else {@code ::ffff:a.b.c.d}; 16 bytes on an IPv4 row, or any other length, are bad input.
 *
 * <p>States: TCP rows map every {@link TcpState} one to one ({@code CLOSED} is {@link State#CLOSE},
 * {@code FIN_WAIT_1} is {@link State#FIN_WAIT1}); {@code UNKNOWN} and {@code NONE} name no state
 * (on Linux {@code UNKNOWN} is {@code NEW_SYN_RECV}, which OSHI does not decode), so such a
 * row is bad input, never a guessed state. UDP rows ignore OSHI's state (Linux reports
 * CLOSED/ESTABLISHED, the others NONE): {@link State#UNCONN} when the peer is the zero address
 * with port 0, else {@link State#ESTABLISHED}. A TCP {@code LISTEN} row with a zero peer address
 * gets peer port 0 (Windows leaves a meaningless value there).
 *
 * <p>Sentinels: inode and uid are always {@link SocketEntry#UNKNOWN} (OSHI has neither); queues
 * are {@link SocketEntry#UNKNOWN} where the platform does not provide byte counts, or when OSHI
 * reports a negative value. A method returning null means "bad input": the caller skips the
 * connection and counts it.
 */
public final class ConnectionMapper {

    /** Protocol and family of an OSHI connection type. */
    public record Kind(Proto proto, Family family) {}

    private static final Kind TCP4 = new Kind(Proto.TCP, Family.IPV4);
    private static final Kind TCP6 = new Kind(Proto.TCP, Family.IPV6);
    private static final Kind UDP4 = new Kind(Proto.UDP, Family.IPV4);
    private static final Kind UDP6 = new Kind(Proto.UDP, Family.IPV6);

    private ConnectionMapper() {}

    /**
     * @param type               {@code IPConnection.getType()}
     * @param localAddressLength length of {@code getLocalAddress()}, which decides the family of a bare {@code tcp}/{@code udp}
     * @return the kind, or null for a type that is neither TCP nor UDP
     */
    public static Kind kindOf(String type, int localAddressLength) {
        if (type == null) {
            return null;
        }
        switch (type) {
            case "tcp4":
                return TCP4;
            case "tcp6":
            case "tcp46":
                return TCP6;
            case "udp4":
                return UDP4;
            case "udp6":
            case "udp46":
                return UDP6;
            case "tcp":
                return localAddressLength == 16 ? TCP6 : TCP4;
            case "udp":
                return localAddressLength == 16 ? UDP6 : UDP4;
            default:
                return null;
        }
    }

    /**
     * The table row of one connection.
     *
     * @param queuesKnown whether the platform's queue values are byte counts ({@link OshiPlatform#queues})
     * @return the entry, or null when the connection is bad input (unknown type, bad address
     *         length, port outside 0..65535, TCP state UNKNOWN/NONE)
     */
    public static SocketEntry toEntry(IPConnection c, boolean queuesKnown) {
        byte[] local = c.getLocalAddress();
        Kind kind = kindOf(c.getType(), local.length);
        return kind == null ? null : toEntry(c, kind, queuesKnown);
    }

    /** As {@link #toEntry(IPConnection, boolean)} with the kind already known. */
    public static SocketEntry toEntry(IPConnection c, Kind kind, boolean queuesKnown) {
        Address local = address(c.getLocalAddress(), kind.family());
        Address remote = address(c.getForeignAddress(), kind.family());
        int localPort = c.getLocalPort();
        int remotePort = c.getForeignPort();
        if (local == null || remote == null || !isPort(localPort) || !isPort(remotePort)) {
            return null;
        }
        boolean zeroPeer = remote.isWildcard();
        State state;
        if (kind.proto() == Proto.UDP) {
            state = zeroPeer && remotePort == 0 ? State.UNCONN : State.ESTABLISHED;
        } else {
            state = tcpState(c.getState());
            if (state == null) {
                return null;
            }
            if (state == State.LISTEN && zeroPeer) {
                remotePort = 0;
            }
        }
        long recvQ = queuesKnown ? queue(c.getReceiveQueue()) : SocketEntry.UNKNOWN;
        long sendQ = queuesKnown ? queue(c.getTransmitQueue()) : SocketEntry.UNKNOWN;
        return new SocketEntry(
                kind.proto(),
                kind.family(),
                local,
                localPort,
                remote,
                remotePort,
                state,
                SocketEntry.UNKNOWN,
                SocketEntry.UNKNOWN,
                recvQ,
                sendQ);
    }

    /** The owning pid, or {@link SocketEntry#UNKNOWN} when OSHI has none (-1) or reports 0 (Windows' idle process). */
    public static int owningPid(IPConnection c) {
        int pid = c.getowningProcessId();
        return pid > 0 ? pid : SocketEntry.UNKNOWN;
    }

    /**
     * Our state for an OSHI TCP state, or null when it names none ({@code UNKNOWN}, {@code NONE}).
     */
    public static State tcpState(TcpState s) {
        if (s == null) {
            return null;
        }
        switch (s) {
            case CLOSED:
                return State.CLOSE;
            case LISTEN:
                return State.LISTEN;
            case SYN_SENT:
                return State.SYN_SENT;
            case SYN_RECV:
                return State.SYN_RECV;
            case ESTABLISHED:
                return State.ESTABLISHED;
            case FIN_WAIT_1:
                return State.FIN_WAIT1;
            case FIN_WAIT_2:
                return State.FIN_WAIT2;
            case CLOSE_WAIT:
                return State.CLOSE_WAIT;
            case CLOSING:
                return State.CLOSING;
            case LAST_ACK:
                return State.LAST_ACK;
            case TIME_WAIT:
                return State.TIME_WAIT;
            case UNKNOWN:
            case NONE:
            default:
                return null;
        }
    }

    /**
     * The address of an OSHI address's bytes for a row of {@code family}, or null when the
     * bytes cannot be an address of that family.
     */
    public static Address address(byte[] a, Family family) {
        switch (a.length) {
            case 0:
                return family == Family.IPV6 ? Address.IPV6_ANY : Address.IPV4_ANY;
            case 4:
                if (family == Family.IPV4) {
                    return Address.of(a);
                }
                if ((a[0] | a[1] | a[2] | a[3]) == 0) {
                    return Address.IPV6_ANY;
                }
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(a, 0, mapped, 12, 4);
                return Address.of(mapped);
            case 16:
                return family == Family.IPV6 ? Address.of(a) : null;
            default:
                return null;
        }
    }

    /**
     * A holder from OSHI's view of a process.
     *
     * @param p the process, or null when it is gone or could not be read: the pid is kept
     *          with an empty name and command, unknown uid and null user
     */
    public static Holder holder(int pid, OSProcess p) {
        if (p == null) {
            return new Holder(pid, "", "", SocketEntry.UNKNOWN, null);
        }
        int uid = parseUid(p.getUserID());
        String user = p.getUser();
        if (user == null || user.isEmpty() || user.equals("unknown")) {
            // OSHI says "unknown" when a uid has no name; the model wants the uid as text then
            user = uid == SocketEntry.UNKNOWN ? null : Integer.toString(uid);
        }
        return new Holder(pid, p.getName(), p.getCommandLine(), uid, user);
    }

    /**
     * A numeric uid, or {@link SocketEntry#UNKNOWN} for anything else (Windows gives a SID
     * such as {@code S-1-5-18}; OSHI gives {@code unknown} when it could not read one).
     */
    static int parseUid(String s) {
        if (s == null || s.isEmpty() || s.length() > 10) {
            return SocketEntry.UNKNOWN;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return SocketEntry.UNKNOWN;
            }
            v = v * 10 + (ch - '0');
        }
        return v > Integer.MAX_VALUE ? SocketEntry.UNKNOWN : (int) v;
    }

    private static boolean isPort(int p) {
        return p >= 0 && p <= 65535;
    }

    private static long queue(int v) {
        return v < 0 ? SocketEntry.UNKNOWN : v;
    }
}
