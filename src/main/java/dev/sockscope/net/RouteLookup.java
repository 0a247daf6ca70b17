package dev.sockscope.net;

/**
 * The answer to "which way would a packet to this address go" ({@code ip route get}).
 *
 * @param destination the address asked about, canonical text
 * @param type        {@code unicast}, {@code local} (this host's own address), {@code
 *                    unreachable}...
 * @param iface       the output interface (raw, untrusted); null when unreachable
 * @param gateway     the next hop, null when the destination is on the link
 * @param source      the source address the host would use; null when none fits
 * @param route       the route chosen, {@code default} or {@code 10.0.0.0/8}; null when the
 *                    kernel answered (it does not say) or none fits
 * @param metric      the chosen route's metric, -1 when unknown
 * @param method      {@code kernel} (asked over rtnetlink: exact, policy routing included) or
 *                    {@code computed} (longest prefix, then lowest metric, over the main table;
 *                    the source is the interface's preferred address of that family)
 */
public record RouteLookup(
        String destination,
        String type,
        String iface,
        String gateway,
        String source,
        String route,
        long metric,
        String method) {}
