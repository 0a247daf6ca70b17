package dev.sockscope.net;

import java.util.List;

/**
 * What the interface views show of one interface: the interface, its rates since the previous
 * reading, whether a default route leaves through it, and the listeners reachable on it.
 *
 * @param iface        the interface as read
 * @param rates        per-second rates since the previous reading; null on the first reading,
 *                     or when the interface is new or its counters went backwards
 * @param defaultRoute a default route (IPv4 or IPv6) leaves through this interface
 * @param listeners    listeners reachable on it; null when the socket tables were not read
 */
public record InterfaceRow(NetInterface iface, Rates rates, boolean defaultRoute, List<Listener> listeners) {
    public InterfaceRow {
        listeners = listeners == null ? null : List.copyOf(listeners);
    }
}
