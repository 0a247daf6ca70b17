package dev.sockscope.cli;

import java.nio.file.Path;
import java.util.Set;

/**
 * A parsed command line of the network views.
 *
 * @param view       which view
 * @param routeTo    the destination of {@code --route-to} (4 or 16 bytes), else null
 * @param interfaces {@code --interface} names (any matches); empty for all
 * @param ipv4       {@code -4} given
 * @param ipv6       {@code -6} given
 * @param format     table, json or csv
 * @param backend    {@code auto}, {@code proc}, {@code netlink} or {@code oshi}
 * @param procRoot   the {@code /proc} tree to read
 * @param intervalMs time between readings of {@code -i}
 * @param count      readings of {@code -i}; 0 until interrupted
 */
public record NetworkRequest(
        View view,
        byte[] routeTo,
        Set<String> interfaces,
        boolean ipv4,
        boolean ipv6,
        Config.Format format,
        String backend,
        Path procRoot,
        long intervalMs,
        int count) {

    /** The network views. */
    public enum View {
        INTERFACES,
        ROUTES,
        NEIGHBORS,
        DNS,
        ROUTE_TO
    }

    public NetworkRequest {
        interfaces = Set.copyOf(interfaces);
    }

    /** Whether a family filter lets this family ({@code ipv4}/{@code ipv6}) through. */
    public boolean wantsFamily(String family) {
        if (ipv4 == ipv6) {
            return true;
        }
        return ipv4 ? family.equals("ipv4") : family.equals("ipv6");
    }
}
