package dev.sockscope.net;

import java.util.List;
import java.util.Objects;

/**
 * A network interface, as {@code ip addr} and {@code netstat -i} show it.
 *
 * @param name      kernel name, raw and untrusted (a name may hold any byte but '/' and
 *                  white space)
 * @param index     ifindex, or -1 when unknown
 * @param operState RFC 2863 operational state in lower case as {@code /sys/class/net/IFACE/operstate}
 *                  says ({@code up}, {@code down}, {@code unknown}, {@code dormant},
 *                  {@code lowerlayerdown}...); null when unknown
 * @param carrier   whether the link has carrier; null when the kernel does not say (an
 *                  interface that is administratively down has no carrier reading)
 * @param flags     link flags as {@code ip link} names them, in its order ({@code
 *                  NO-CARRIER}, {@code LOOPBACK}, {@code BROADCAST}, ..., {@code UP},
 *                  {@code LOWER_UP}); empty when unknown
 * @param mtu       MTU in bytes, -1 when unknown
 * @param mac       link-layer address in lower-case hex with colons; null when none or unknown
 * @param linkType  {@code ether}, {@code loopback}, {@code none}... or the ARPHRD number as
 *                  text; null when unknown
 * @param addresses every address, IPv4 first, each family in the kernel's order
 * @param counters  traffic counters; null when unknown
 */
public record NetInterface(
        String name,
        int index,
        String operState,
        Boolean carrier,
        List<String> flags,
        int mtu,
        String mac,
        String linkType,
        List<IfAddress> addresses,
        Counters counters) {

    public NetInterface {
        Objects.requireNonNull(name, "name");
        flags = List.copyOf(flags);
        addresses = List.copyOf(addresses);
    }

    /** Administratively up ({@code IFF_UP}). */
    public boolean up() {
        return flags.contains("UP");
    }

    /** A copy with other addresses. */
    public NetInterface withAddresses(List<IfAddress> list) {
        return new NetInterface(name, index, operState, carrier, flags, mtu, mac, linkType, list, counters);
    }
}
