package dev.sockscope.source;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.State;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which connection tables a read needs: a source skips tables that no row could come from
 * (e.g. {@code -t} never reads {@code /proc/net/udp}).
 *
 * <p>Optionally also which rows, for a source that can select in the kernel (netlink
 * {@code sock_diag} runs a filter before copying a socket out): {@code states} and the three
 * port conditions, each empty when it does not constrain. They are hints: a source may return
 * more rows (the proc source ignores them), never fewer, so the query's filter still runs on
 * what a source returns. Conditions combine with AND; the ranges inside one with OR, as the
 * options {@code --state}, {@code --port}, {@code --local-port}, {@code --remote-port} do.
 * Rows without ports (unix) never match a port condition.
 *
 * @param protos      protocols wanted
 * @param families    address families wanted among IPV4/IPV6 (unix sockets come with {@link Proto#UNIX})
 * @param states      states wanted; empty: any
 * @param anyPorts    the local or the remote port in one of these; empty: any
 * @param localPorts  the local port in one of these; empty: any
 * @param remotePorts the remote port in one of these; empty: any
 * @param tcpInfo     whether the read should carry TCP's {@code tcp_info} (rtt, retransmits,
 *                    bytes, hence rates): a netlink dump without it copies half the bytes and
 *                    costs the kernel half the time, so a read whose output shows none of it
 *                    leaves it out. A hint like the others: a source may carry it anyway.
 * @param cgroups     whether rows should carry their socket's cgroup path: netlink names a
 *                    cgroup by number, and the path is found by walking the cgroup hierarchy
 *                    (4 ms of an idle snapshot), so a read whose output shows no unit,
 *                    container or cgroup leaves it out. A hint like the others.
 */
public record TableSelection(
        Set<Proto> protos,
        Set<Family> families,
        Set<State> states,
        List<PortRange> anyPorts,
        List<PortRange> localPorts,
        List<PortRange> remotePorts,
        boolean tcpInfo,
        boolean cgroups) {
    public TableSelection {
        protos = protos.isEmpty() ? EnumSet.noneOf(Proto.class) : EnumSet.copyOf(protos);
        families = families.isEmpty() ? EnumSet.noneOf(Family.class) : EnumSet.copyOf(families);
        states = states.isEmpty() ? EnumSet.noneOf(State.class) : EnumSet.copyOf(states);
        anyPorts = List.copyOf(anyPorts);
        localPorts = List.copyOf(localPorts);
        remotePorts = List.copyOf(remotePorts);
    }

    /** Whole tables, no row conditions. */
    public TableSelection(
            Set<Proto> protos,
            Set<Family> families,
            Set<State> states,
            List<PortRange> anyPorts,
            List<PortRange> localPorts,
            List<PortRange> remotePorts) {
        this(protos, families, states, anyPorts, localPorts, remotePorts, true, true);
    }

    public TableSelection(Set<Proto> protos, Set<Family> families) {
        this(protos, families, Set.of(), List.of(), List.of(), List.of(), true, true);
    }

    /** Every table there is. */
    public static TableSelection all() {
        return new TableSelection(EnumSet.allOf(Proto.class), EnumSet.of(Family.IPV4, Family.IPV6));
    }

    /** This selection, keeping only rows in one of {@code wanted} (empty: any state). */
    public TableSelection withStates(Set<State> wanted) {
        return new TableSelection(
                protos, families, Objects.requireNonNull(wanted), anyPorts, localPorts, remotePorts, tcpInfo, cgroups);
    }

    /** The same selection, with or without {@code tcp_info}. */
    public TableSelection withTcpInfo(boolean wanted) {
        return wanted == tcpInfo
                ? this
                : new TableSelection(protos, families, states, anyPorts, localPorts, remotePorts, wanted, cgroups);
    }

    /** The same selection, with or without the sockets' cgroup paths. */
    public TableSelection withCgroups(boolean wanted) {
        return wanted == cgroups
                ? this
                : new TableSelection(protos, families, states, anyPorts, localPorts, remotePorts, tcpInfo, wanted);
    }

    /** This selection with port conditions (each empty when it does not constrain). */
    public TableSelection withPorts(List<PortRange> any, List<PortRange> local, List<PortRange> remote) {
        return new TableSelection(protos, families, states, any, local, remote, tcpInfo, cgroups);
    }

    /** Whether any port condition is set. */
    public boolean hasPortConditions() {
        return !anyPorts.isEmpty() || !localPorts.isEmpty() || !remotePorts.isEmpty();
    }

    public boolean wants(Proto proto, Family family) {
        return protos.contains(proto) && (proto == Proto.UNIX || families.contains(family));
    }
}
