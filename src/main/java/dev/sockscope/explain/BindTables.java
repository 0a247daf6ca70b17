package dev.sockscope.explain;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;
import java.util.ArrayList;
import java.util.List;

/**
 * What the connection tables say about binding one address and port, by Linux's rules
 * ({@code inet_csk_bind_conflict}, {@code udp_lib_lport_inuse}): a socket of the same protocol
 * on the same port blocks a bind when their addresses overlap (equal, or either is the
 * wildcard; an IPv6 wildcard that also takes IPv4 overlaps every IPv4 address, and a
 * v4-mapped IPv6 address its IPv4 one). With {@code SO_REUSEADDR} on both sockets, a TCP socket
 * that is not listening (TIME_WAIT, connections) does not block, nor does a UDP socket. Whether
 * the other socket set {@code SO_REUSEADDR} is not in the tables: a bind attempt settles it.
 * Pure: no I/O.
 */
public final class BindTables {
    private BindTables() {}

    /** The tables' verdict, from the most blocking socket found. */
    public enum Verdict {
        /** No socket of this protocol overlaps the address on this port. */
        FREE,
        /** Only TIME_WAIT sockets: a bind with {@code SO_REUSEADDR} succeeds (when theirs had it). */
        TIME_WAIT_ONLY,
        /** Connections (not listening, not TIME_WAIT): only {@code SO_REUSEADDR} on both sides passes. */
        CONNECTIONS,
        /** A listening TCP socket, or a bound UDP socket: held. */
        HELD
    }

    /**
     * @param verdict  the verdict
     * @param blocking the sockets behind it (for HELD, the listeners or UDP sockets; else every
     *                 overlapping socket)
     */
    public record Result(Verdict verdict, List<SocketEntry> blocking) {
        public Result {
            blocking = List.copyOf(blocking);
        }
    }

    /**
     * @param entries       sockets of the tables (any protocol, any port: filtered here)
     * @param proto         TCP, UDP or UDP-Lite
     * @param family        the family of {@code address}
     * @param address       the address to bind ({@code 0.0.0.0}, {@code ::1} ...)
     * @param port          the port
     * @param targetV6Only  for an IPv6 wildcard target: whether it would be IPv6-only
     * @param defaultV6Only the default of {@code IPV6_V6ONLY} for IPv6 sockets whose own flag is
     *                      not in the tables
     */
    public static Result check(
            List<SocketEntry> entries,
            Proto proto,
            Family family,
            Address address,
            int port,
            boolean targetV6Only,
            boolean defaultV6Only) {
        List<SocketEntry> held = new ArrayList<>();
        List<SocketEntry> connections = new ArrayList<>();
        List<SocketEntry> timeWait = new ArrayList<>();
        for (SocketEntry e : entries) {
            if (e.proto() != proto
                    || e.localPort() != port
                    || !overlaps(e, family, address, targetV6Only, defaultV6Only)) {
                continue;
            }
            if (proto != Proto.TCP || e.state() == State.LISTEN) {
                held.add(e);
            } else if (e.state() == State.TIME_WAIT) {
                timeWait.add(e);
            } else if (e.state() != State.NEW_SYN_RECV) {
                // connections, and bound sockets neither listening nor connected (CLOSE); a
                // NEW_SYN_RECV row is a listener's pending request, not a socket of its own
                connections.add(e);
            }
        }
        if (!held.isEmpty()) {
            return new Result(Verdict.HELD, held);
        }
        if (!connections.isEmpty()) {
            List<SocketEntry> all = new ArrayList<>(connections);
            all.addAll(timeWait);
            return new Result(Verdict.CONNECTIONS, all);
        }
        if (!timeWait.isEmpty()) {
            return new Result(Verdict.TIME_WAIT_ONLY, timeWait);
        }
        return new Result(Verdict.FREE, List.of());
    }

    /** Whether socket {@code e}'s local address overlaps the target address. */
    public static boolean overlaps(
            SocketEntry e, Family family, Address address, boolean targetV6Only, boolean defaultV6Only) {
        Address mine = e.localAddress();
        boolean targetWild = address.isWildcard();
        if (e.family() == family) {
            return targetWild || mine.isWildcard() || mine.equals(address);
        }
        if (e.family() == Family.IPV6 && family == Family.IPV4) {
            if (mine.isWildcard()) {
                Boolean dual = e.details().dualStack();
                return dual != null ? dual : !defaultV6Only;
            }
            if (mine.isV4Mapped()) {
                Address v4 = Address.ipv4((int) mine.low());
                return targetWild || v4.isWildcard() || v4.equals(address);
            }
            return false;
        }
        if (e.family() == Family.IPV4 && family == Family.IPV6) {
            // only an IPv6 wildcard that also takes IPv4, or a v4-mapped address, meets IPv4
            if (address.isWildcard()) {
                return !targetV6Only;
            }
            if (address.isV4Mapped()) {
                Address v4 = Address.ipv4((int) address.low());
                return mine.isWildcard() || mine.equals(v4);
            }
            return false;
        }
        return false;
    }
}
