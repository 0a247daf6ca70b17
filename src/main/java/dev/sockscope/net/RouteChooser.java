package dev.sockscope.net;

import dev.sockscope.model.InetText;
import java.util.List;

/**
 * Picks the route to a destination the way the kernel does for the main table, without
 * asking it: a destination that is one of this host's addresses is {@code local} (via
 * {@code lo}); otherwise the longest prefix that contains it, then the lowest metric, among
 * routes of its family. The source address follows the kernel's rules in their plain form:
 *
 * <ul>
 *   <li>IPv4 ({@code inet_select_addr}): the primary (not secondary) address of the output
 *       interface whose subnet holds the next hop (gateway, else destination); else its first
 *       primary address not of host scope; else the first such address of any interface. Where
 *       several of its subnets hold the next hop, the kernel takes the first in its own list
 *       (usually the one added first), which {@code /proc} and the JDK do not show: this takes
 *       the narrowest subnet.</li>
 *   <li>IPv6 (RFC 6724, rules 2, 3 and 8): among the output interface's usable addresses
 *       (not tentative or failed duplicate detection), the one whose scope fits the
 *       destination's, not deprecated, sharing the longest prefix with it.</li>
 * </ul>
 *
 * Policy routing, route preferences and prefsrc hints are not in {@code /proc}: the kernel's
 * answer ({@link Rtnetlink#routeGet}) is exact where it can be asked.
 */
public final class RouteChooser {
    private RouteChooser() {}

    public static RouteLookup choose(byte[] dst, List<Route> routes, List<NetInterface> interfaces) {
        String dstText = InetText.format(dst);
        String family = Addresses.family(dst);
        // this host's own addresses: the local table sends them over lo
        NetInterface loopback = null;
        for (NetInterface i : interfaces) {
            if (i.flags().contains("LOOPBACK")) {
                loopback = i;
            }
        }
        String loName = loopback == null ? "lo" : loopback.name();
        for (NetInterface i : interfaces) {
            for (IfAddress a : i.addresses()) {
                byte[] b = Addresses.parse(a.address());
                if (b != null && java.util.Arrays.equals(b, dst)) {
                    return new RouteLookup(dstText, "local", loName, null, dstText, null, -1, "computed");
                }
            }
        }
        if (dst.length == 4 && loopback != null) {
            for (IfAddress a : loopback.addresses()) {
                byte[] b = Addresses.parse(a.address());
                if (b != null && b.length == 4 && Addresses.inPrefix(dst, b, a.prefix())) {
                    return new RouteLookup(dstText, "local", loName, null, a.address(), null, -1, "computed");
                }
            }
        }
        Route best = null;
        for (Route r : routes) {
            if (!r.family().equals(family)) {
                continue;
            }
            byte[] net = Addresses.parse(r.destination());
            if (net == null || !Addresses.inPrefix(dst, net, r.prefix())) {
                continue;
            }
            if (best == null
                    || r.prefix() > best.prefix()
                    || (r.prefix() == best.prefix() && r.metric() < best.metric())) {
                best = r;
            }
        }
        if (best == null || best.type().equals("unreachable") || best.iface() == null) {
            return new RouteLookup(
                    dstText,
                    "unreachable",
                    null,
                    null,
                    null,
                    best == null ? null : best.destinationText(),
                    -1,
                    "computed");
        }
        NetInterface out = null;
        for (NetInterface i : interfaces) {
            if (i.name().equals(best.iface())) {
                out = i;
            }
        }
        byte[] hop = best.gateway() != null ? Addresses.parse(best.gateway()) : dst;
        String source = dst.length == 4 ? sourceV4(out, hop, interfaces) : sourceV6(out, dst, interfaces);
        return new RouteLookup(
                dstText,
                "unicast",
                best.iface(),
                best.gateway(),
                source,
                best.destinationText(),
                best.metric(),
                "computed");
    }

    private static String sourceV4(NetInterface out, byte[] hop, List<NetInterface> all) {
        if (out != null) {
            String first = null;
            IfAddress holding = null;
            for (IfAddress a : out.addresses()) {
                if (!a.family().equals("ipv4") || a.flags().contains("secondary")) {
                    continue;
                }
                byte[] b = Addresses.parse(a.address());
                if (hop != null
                        && hop.length == 4
                        && Addresses.inPrefix(hop, b, a.prefix())
                        && (holding == null || a.prefix() > holding.prefix())) {
                    holding = a;
                }
                if (first == null && !"host".equals(a.scope())) {
                    first = a.address();
                }
            }
            if (holding != null) {
                return holding.address();
            }
            if (first != null) {
                return first;
            }
        }
        for (NetInterface i : all) {
            for (IfAddress a : i.addresses()) {
                if (a.family().equals("ipv4")
                        && !a.flags().contains("secondary")
                        && !"host".equals(a.scope())
                        && !Addresses.isLoopback(Addresses.parse(a.address()))) {
                    return a.address();
                }
            }
        }
        return null;
    }

    private static String sourceV6(NetInterface out, byte[] dst, List<NetInterface> all) {
        String pick = out == null ? null : bestV6(out.addresses(), dst);
        if (pick == null && !Addresses.isLinkLocal(dst)) {
            for (NetInterface i : all) {
                if (!i.flags().contains("LOOPBACK")) {
                    pick = bestV6(i.addresses(), dst);
                    if (pick != null) {
                        break;
                    }
                }
            }
        }
        return pick;
    }

    private static String bestV6(List<IfAddress> addresses, byte[] dst) {
        boolean dstLink = Addresses.isLinkLocal(dst);
        IfAddress best = null;
        int bestScore = Integer.MIN_VALUE;
        for (IfAddress a : addresses) {
            if (!a.family().equals("ipv6")
                    || a.flags().contains("tentative")
                    || a.flags().contains("dadfailed")) {
                continue;
            }
            byte[] b = Addresses.parse(a.address());
            boolean link = Addresses.isLinkLocal(b);
            if (Addresses.isLoopback(b)) {
                continue;
            }
            if (dstLink && !link) {
                continue;
            }
            int score = 0;
            if (link == dstLink) {
                score += 1 << 20; // rule 2: the destination's scope
            }
            if (!a.flags().contains("deprecated")) {
                score += 1 << 10; // rule 3: avoid deprecated addresses
            }
            score += Addresses.commonPrefix(b, dst); // rule 8: longest matching prefix
            if (score > bestScore) {
                best = a;
                bestScore = score;
            }
        }
        return best == null ? null : best.address();
    }
}
