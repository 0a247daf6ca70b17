package dev.sockscope.net;

import java.util.Objects;

/**
 * One entry of the neighbour cache: ARP for IPv4, NDP for IPv6 ({@code ip neigh}, {@code arp -a}).
 *
 * @param family  {@code ipv4} or {@code ipv6}
 * @param address the neighbour's IP address, canonical text
 * @param mac     its link-layer address, lower-case hex with colons; null when not (yet) known
 * @param iface   the interface (raw, untrusted)
 * @param state   {@code reachable}, {@code stale}, {@code delay}, {@code probe}, {@code failed},
 *                {@code incomplete}, {@code permanent}, {@code noarp}, {@code none}; from
 *                {@code /proc/net/arp} only {@code permanent}, {@code complete} or {@code
 *                incomplete} (its flags say no more)
 * @param router  the neighbour said it is a router (IPv6 NDP); null when unknown
 * @param gateway this address is the gateway of a default route
 */
public record Neighbor(
        String family, String address, String mac, String iface, String state, Boolean router, boolean gateway) {
    public Neighbor {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
    }

    public Neighbor withGateway(boolean g) {
        return new Neighbor(family, address, mac, iface, state, router, g);
    }
}
