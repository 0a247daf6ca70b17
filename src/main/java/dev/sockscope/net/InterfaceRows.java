package dev.sockscope.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link InterfaceRow}s from two readings: a pure function, shared by {@code -i
 * --interval} and the live view's interface tab. An interface is matched to its previous
 * reading by name and index (a re-created interface with a new index has no rate).
 */
public final class InterfaceRows {
    private InterfaceRows() {}

    /**
     * @param previous      the earlier reading, or null for the first
     * @param current       the later reading
     * @param elapsedNanos  time between the two readings
     * @param routes        the routing tables (for the default-route mark); may be empty
     * @param listeners     interface name to its listeners ({@link Reachability}); null when unknown
     */
    public static List<InterfaceRow> build(
            List<NetInterface> previous,
            List<NetInterface> current,
            long elapsedNanos,
            List<Route> routes,
            Map<String, List<Listener>> listeners) {
        Map<String, NetInterface> before = new HashMap<>();
        if (previous != null) {
            for (NetInterface i : previous) {
                before.put(i.name(), i);
            }
        }
        List<InterfaceRow> out = new ArrayList<>(current.size());
        for (NetInterface i : current) {
            NetInterface old = before.get(i.name());
            Rates rates = old == null || old.index() != i.index()
                    ? null
                    : Rates.between(old.counters(), i.counters(), elapsedNanos);
            boolean def = false;
            for (Route r : routes) {
                def |= r.isDefault() && i.name().equals(r.iface()) && !r.type().equals("unreachable");
            }
            out.add(new InterfaceRow(
                    i, rates, def, listeners == null ? null : listeners.getOrDefault(i.name(), List.of())));
        }
        return out;
    }
}
