package dev.sockscope.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns {@code ip -j} output and sockscope's records into the same comparable lines, so a test
 * compares sets of lines and a mismatch shows both sides.
 */
final class IpOracle {
    private IpOracle() {}

    /** {@code ip -j addr}: name to {@code "index mtu mac FLAGS,... OPERSTATE"}. */
    static Map<String, String> links(String ipAddrJson) {
        Map<String, String> out = new TreeMap<>();
        for (Map<String, Object> l : IpJson.array(ipAddrJson)) {
            out.put(
                    (String) l.get("ifname"),
                    l.get("ifindex") + " " + l.get("mtu") + " " + l.get("address") + " "
                            + String.join(",", strings(l.get("flags"))) + " " + l.get("operstate"));
        }
        return out;
    }

    static Map<String, String> links(List<NetInterface> list) {
        Map<String, String> out = new TreeMap<>();
        for (NetInterface i : list) {
            out.put(
                    i.name(),
                    i.index() + " " + i.mtu() + " " + i.mac() + " " + String.join(",", i.flags()) + " "
                            + (i.operState() == null ? null : i.operState().toUpperCase(java.util.Locale.ROOT)));
        }
        return out;
    }

    /** {@code ip -j addr}: name to its addresses {@code "address/prefix scope label"}, in ip's order; {@code family} null for both. */
    static Map<String, List<String>> addresses(String ipAddrJson, String family, boolean withLabel) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Map<String, Object> l : IpJson.array(ipAddrJson)) {
            List<String> a = new ArrayList<>();
            for (Object o : (List<?>) l.get("addr_info")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) o;
                String fam = m.get("family").equals("inet") ? "ipv4" : "ipv6";
                if (family == null || family.equals(fam)) {
                    a.add(m.get("local") + "/" + m.get("prefixlen") + " " + m.get("scope")
                            + (withLabel ? " " + m.get("label") : ""));
                }
            }
            out.put((String) l.get("ifname"), a);
        }
        return out;
    }

    static Map<String, List<String>> addresses(List<NetInterface> list, String family, boolean withLabel) {
        Map<String, List<String>> out = new TreeMap<>();
        for (NetInterface i : list) {
            List<String> a = new ArrayList<>();
            for (IfAddress x : i.addresses()) {
                if (family == null || family.equals(x.family())) {
                    a.add(x.cidr() + " " + x.scope() + (withLabel ? " " + x.label() : ""));
                }
            }
            out.put(i.name(), a);
        }
        return out;
    }

    /** {@code ip -j route} or {@code ip -j -6 route}: {@code "destination/prefix via gateway dev metric"}, sorted. */
    static List<String> routes(String ipRouteJson, String family) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : IpJson.array(ipRouteJson)) {
            String dst = (String) r.get("dst");
            if (dst.equals("default")) {
                dst = family.equals("ipv4") ? "0.0.0.0/0" : "::/0";
            } else if (dst.indexOf('/') < 0) {
                dst = dst + (family.equals("ipv4") ? "/32" : "/128");
            }
            Object metric = r.get("metric");
            String type = r.containsKey("type") ? (String) r.get("type") : "unicast";
            out.add(dst + " via " + r.get("gateway") + " dev " + r.get("dev") + " metric "
                    + (metric == null ? 0 : metric) + " " + type);
        }
        out.sort(null);
        return out;
    }

    static List<String> routes(List<Route> list, String family) {
        List<String> out = new ArrayList<>();
        for (Route r : list) {
            if (r.family().equals(family)) {
                out.add(r.destination() + "/" + r.prefix() + " via " + r.gateway() + " dev " + r.iface() + " metric "
                        + r.metric() + " " + r.type());
            }
        }
        out.sort(null);
        return out;
    }

    /** {@code ip -j neigh}: {@code "address mac dev state"}, sorted; states lower case. */
    static List<String> neighbors(String ipNeighJson) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> n : IpJson.array(ipNeighJson)) {
            out.add(n.get("dst") + " " + n.get("lladdr") + " " + n.get("dev") + " "
                    + String.join(",", strings(n.get("state"))).toLowerCase(java.util.Locale.ROOT)
                    + (n.containsKey("router") ? " router" : ""));
        }
        out.sort(null);
        return out;
    }

    static List<String> neighbors(List<Neighbor> list) {
        List<String> out = new ArrayList<>();
        for (Neighbor n : list) {
            out.add(n.address() + " " + n.mac() + " " + n.iface() + " " + n.state()
                    + (Boolean.TRUE.equals(n.router()) ? " router" : ""));
        }
        out.sort(null);
        return out;
    }

    static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (Object o : (List<?>) list) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }
}
