package dev.sockscope.net;

import dev.sockscope.model.Address;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which listeners (TCP {@code LISTEN}, unconnected UDP) a packet arriving on each interface
 * could reach, from the socket table and the interfaces' addresses. Pure.
 *
 * <ul>
 *   <li>bound to a device ({@code SO_BINDTODEVICE}, or an IPv6 scope): that interface only;</li>
 *   <li>bound to a loopback address: the loopback interface only;</li>
 *   <li>bound to the wildcard ({@code 0.0.0.0}, {@code ::}): every interface;</li>
 *   <li>bound to an address: the interface that holds it (an IPv4-mapped address as its IPv4
 *       address); an address no interface holds (a {@code freebind} socket): none.</li>
 * </ul>
 */
public final class Reachability {
    private Reachability() {}

    /** Interface name to its reachable listeners, for every interface (empty lists included), in the interfaces' order. */
    public static Map<String, List<Listener>> listeners(List<NetInterface> interfaces, List<SocketRow> rows) {
        Map<String, List<Listener>> out = new LinkedHashMap<>();
        Map<String, List<Address>> held = new LinkedHashMap<>();
        for (NetInterface i : interfaces) {
            out.put(i.name(), new ArrayList<>());
            List<Address> addrs = new ArrayList<>();
            for (IfAddress a : i.addresses()) {
                Address b = Address.parse(a.address());
                if (b != null) {
                    addrs.add(b);
                }
            }
            held.put(i.name(), addrs);
        }
        for (SocketRow row : rows) {
            SocketEntry e = row.entry();
            boolean listening = (e.proto() == Proto.TCP && e.state() == State.LISTEN)
                    || (e.proto().isUdpLike() && e.state() == State.UNCONN);
            if (!listening) {
                continue;
            }
            Address local = e.localAddress();
            if (local.isPath()) {
                continue;
            }
            if (local.isV4Mapped()) {
                local = Address.ipv4((int) local.low());
            }
            Integer pid = row.owner() == null ? null : row.owner().pid();
            String process = row.owner() == null ? null : row.owner().process();
            String device = e.details().iface();
            for (NetInterface i : interfaces) {
                String why = null;
                if (device != null && !device.isEmpty()) {
                    why = i.name().equals(device) ? "device" : null;
                } else if (local.isLoopback()) {
                    why = i.flags().contains("LOOPBACK") ? "loopback" : null;
                } else if (local.isWildcard()) {
                    why = "wildcard";
                } else {
                    for (Address b : held.get(i.name())) {
                        if (b.equals(local)) {
                            why = "address";
                            break;
                        }
                    }
                }
                if (why != null) {
                    out.get(i.name())
                            .add(new Listener(
                                    e.proto().label(), e.localAddress().text(), e.localPort(), pid, process, why));
                }
            }
        }
        return out;
    }
}
