package dev.sockscope.net.linux;

import dev.sockscope.model.InetText;
import dev.sockscope.net.Addresses;
import dev.sockscope.net.ArpParser;
import dev.sockscope.net.Counters;
import dev.sockscope.net.IfAddress;
import dev.sockscope.net.IfInet6Parser;
import dev.sockscope.net.LinkInfo;
import dev.sockscope.net.Neighbor;
import dev.sockscope.net.NetDevParser;
import dev.sockscope.net.NetException;
import dev.sockscope.net.NetInterface;
import dev.sockscope.net.NetworkSource;
import dev.sockscope.net.Parsed;
import dev.sockscope.net.ResolvConf;
import dev.sockscope.net.Resolvers;
import dev.sockscope.net.Route;
import dev.sockscope.net.RouteChooser;
import dev.sockscope.net.RouteLookup;
import dev.sockscope.net.RouteTableParser;
import dev.sockscope.net.Rtnetlink;
import dev.sockscope.net.RtnlTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The network of the namespace this process runs in, on Linux.
 *
 * <ul>
 *   <li>interfaces: {@code <sysRoot>/class/net/*} ({@code ifindex}, {@code flags}, {@code
 *       operstate}, {@code carrier}, {@code mtu}, {@code address}, {@code type}, {@code
 *       statistics/*}); counters from {@code <procRoot>/net/dev} where {@code statistics} is
 *       missing; addresses from rtnetlink {@code RTM_GETADDR}, else IPv6 from {@code
 *       <procRoot>/net/if_inet6} and IPv4 from {@code java.net.NetworkInterface} (only for the
 *       live {@code /proc}: a captured tree has no IPv4 addresses);</li>
 *   <li>routes: {@code <procRoot>/net/route} and {@code ipv6_route};</li>
 *   <li>neighbours: rtnetlink {@code RTM_GETNEIGH}, else {@code <procRoot>/net/arp} (IPv4 only,
 *       coarse states);</li>
 *   <li>resolvers: the given resolv.conf, and systemd-resolved's upstream file behind its stub;</li>
 *   <li>route lookups: rtnetlink {@code RTM_GETROUTE}, else {@link RouteChooser}.</li>
 * </ul>
 */
public final class LinuxNetwork implements NetworkSource {
    private final Path procRoot;
    private final Path sysRoot;
    private final Path resolvConf;
    private final Path resolvedConf;
    private final Supplier<RtnlTransport> transports;
    private final Set<String> notes = new LinkedHashSet<>();
    private RtnlTransport transport;
    private boolean transportTried;
    private int seq = 1;

    /**
     * @param procRoot     the {@code /proc} tree
     * @param sysRoot      the {@code /sys} tree; null when there is none (a captured {@code /proc})
     * @param resolvConf   usually {@code /etc/resolv.conf}
     * @param resolvedConf systemd-resolved's upstream list, usually {@code /run/systemd/resolve/resolv.conf}
     * @param transports   opens an rtnetlink socket, or returns null when rtnetlink is not to be
     *                     used; may throw {@link IllegalStateException} with a one-line reason
     */
    public LinuxNetwork(
            Path procRoot, Path sysRoot, Path resolvConf, Path resolvedConf, Supplier<RtnlTransport> transports) {
        this.procRoot = procRoot;
        this.sysRoot = sysRoot;
        this.resolvConf = resolvConf;
        this.resolvedConf = resolvedConf;
        this.transports = transports;
    }

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }

    private RtnlTransport transport() {
        if (!transportTried) {
            transportTried = true;
            try {
                transport = transports.get();
            } catch (IllegalStateException e) {
                notes.add(e.getMessage());
            }
        }
        return transport;
    }

    @Override
    public void close() {
        if (transport != null) {
            transport.close();
        }
    }

    // ---- interfaces

    @Override
    public List<NetInterface> interfaces() throws NetException {
        Map<String, Counters> devCounters = new HashMap<>();
        List<String> devOrder = new ArrayList<>();
        String dev = readOrNull(procRoot.resolve("net/dev"));
        if (dev != null) {
            Parsed<NetDevParser.DevCounters> p = NetDevParser.parse(dev);
            unparsed(p.unparsed(), "net/dev");
            for (NetDevParser.DevCounters d : p.items()) {
                devCounters.put(d.name(), d.counters());
                devOrder.add(d.name());
            }
        }
        List<String> names = sysNames();
        if (names == null) {
            names = devOrder;
            if (dev == null) {
                throw new NetException("cannot list interfaces: neither " + sysRoot + "/class/net nor " + procRoot
                        + "/net/dev is readable");
            }
        }
        List<NetInterface> out = new ArrayList<>();
        for (String name : names) {
            out.add(readInterface(name, devCounters.get(name)));
        }
        out = withAddresses(out);
        out.sort(Comparator.comparingInt((NetInterface i) -> i.index() < 0 ? Integer.MAX_VALUE : i.index())
                .thenComparing(NetInterface::name));
        return out;
    }

    private List<String> sysNames() {
        if (sysRoot == null) {
            return null;
        }
        Path dir = sysRoot.resolve("class/net");
        if (!Files.isDirectory(dir)) {
            return null;
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            return null;
        }
        names.sort(null);
        return names;
    }

    private NetInterface readInterface(String name, Counters fromDev) {
        Path d = sysRoot == null ? null : sysRoot.resolve("class/net").resolve(name);
        int index = -1;
        String oper = null;
        Boolean carrier = null;
        List<String> flags = List.of();
        int mtu = -1;
        String mac = null;
        String linkType = null;
        Counters counters = fromDev;
        if (d != null) {
            index = (int) number(sysValue(d.resolve("ifindex")), false);
            oper = sysValue(d.resolve("operstate"));
            String c = sysValue(d.resolve("carrier"));
            carrier = c == null ? null : c.equals("1") ? Boolean.TRUE : c.equals("0") ? Boolean.FALSE : null;
            long f = number(sysValue(d.resolve("flags")), true);
            if (f >= 0) {
                flags = LinkInfo.names(LinkInfo.effectiveFlags((int) f, oper, carrier));
            }
            mtu = (int) number(sysValue(d.resolve("mtu")), false);
            String a = sysValue(d.resolve("address"));
            mac = a == null || a.isEmpty() ? null : a.toLowerCase(Locale.ROOT);
            long type = number(sysValue(d.resolve("type")), false);
            linkType = type < 0 ? null : LinkInfo.linkType((int) type);
            Counters sys = sysCounters(d.resolve("statistics"));
            if (sys != null) {
                counters = sys;
            }
        }
        return new NetInterface(name, index, oper, carrier, flags, mtu, mac, linkType, List.of(), counters);
    }

    private static Counters sysCounters(Path stats) {
        String[] files = {
            "rx_bytes", "rx_packets", "rx_errors", "rx_dropped", "tx_bytes", "tx_packets", "tx_errors", "tx_dropped"
        };
        long[] v = new long[files.length];
        for (int i = 0; i < files.length; i++) {
            v[i] = number(sysValue(stats.resolve(files[i])), false);
            if (v[i] < 0) {
                return null;
            }
        }
        return new Counters(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    /** A one-line sysfs attribute without its line feed, or null when it cannot be read (EINVAL for a down link's carrier). */
    private static String sysValue(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long number(String s, boolean hex) {
        if (s == null) {
            return -1;
        }
        try {
            if (hex) {
                return Long.parseLong(s.startsWith("0x") ? s.substring(2) : s, 16);
            }
            long v = Long.parseLong(s);
            return v < 0 ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private List<NetInterface> withAddresses(List<NetInterface> list) throws NetException {
        Map<Integer, List<IfAddress>> byIndex = netlinkAddresses();
        List<NetInterface> out = new ArrayList<>(list.size());
        if (byIndex != null) {
            for (NetInterface i : list) {
                out.add(i.withAddresses(byIndex.getOrDefault(i.index(), List.of())));
            }
            return out;
        }
        Map<String, List<IfAddress>> v6 = new HashMap<>();
        String text = readOrNull(procRoot.resolve("net/if_inet6"));
        if (text != null) {
            Parsed<IfInet6Parser.Entry> p = IfInet6Parser.parse(text);
            unparsed(p.unparsed(), "net/if_inet6");
            for (IfInet6Parser.Entry e : p.items()) {
                v6.computeIfAbsent(e.iface(), k -> new ArrayList<>()).add(e.address());
            }
        }
        Map<String, List<IfAddress>> v4 = Map.of();
        if (procRoot.equals(Path.of("/proc"))) {
            v4 = JavaInterfaces.ipv4Addresses();
            notes.add(
                    "IPv4 addresses from java.net.NetworkInterface (no rtnetlink): their scope, label and flags are not shown");
        } else {
            notes.add("a captured /proc tree holds no IPv4 addresses: only IPv6 ones are shown");
        }
        for (NetInterface i : list) {
            List<IfAddress> all = new ArrayList<>(v4.getOrDefault(i.name(), List.of()));
            all.addAll(v6.getOrDefault(i.name(), List.of()));
            out.add(i.withAddresses(all));
        }
        return out;
    }

    /** Addresses by interface index over rtnetlink, IPv4 first; null when rtnetlink is not available. */
    private Map<Integer, List<IfAddress>> netlinkAddresses() {
        RtnlTransport t = transport();
        if (t == null) {
            return null;
        }
        try {
            Map<Integer, List<IfAddress>> v4 = new LinkedHashMap<>();
            Map<Integer, List<IfAddress>> v6 = new LinkedHashMap<>();
            for (ByteBuffer d :
                    t.exchange(Rtnetlink.dumpRequest(Rtnetlink.RTM_GETADDR, Rtnetlink.AF_UNSPEC, seq++), true)) {
                for (Rtnetlink.Message m : Rtnetlink.messages(d)) {
                    if (m.type() != Rtnetlink.RTM_NEWADDR) {
                        continue;
                    }
                    Rtnetlink.AddrReply r = Rtnetlink.parseAddr(m);
                    if (r != null) {
                        (r.address().family().equals("ipv4") ? v4 : v6)
                                .computeIfAbsent(r.index(), k -> new ArrayList<>())
                                .add(r.address());
                    }
                }
            }
            for (Map.Entry<Integer, List<IfAddress>> e : v6.entrySet()) {
                v4.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
            }
            return v4;
        } catch (NetException e) {
            notes.add("addresses over rtnetlink failed (" + e.getMessage() + "): read from /proc instead");
            return null;
        }
    }

    // ---- routes

    @Override
    public List<Route> routes() throws NetException {
        String v4 = readOrNull(procRoot.resolve("net/route"));
        String v6 = readOrNull(procRoot.resolve("net/ipv6_route"));
        if (v4 == null && v6 == null) {
            throw new NetException(
                    "cannot read the routing tables: " + procRoot + "/net/route and ipv6_route are unreadable");
        }
        List<Route> out = new ArrayList<>();
        if (v4 != null) {
            Parsed<Route> p = RouteTableParser.ipv4(v4);
            unparsed(p.unparsed(), "net/route");
            out.addAll(p.items());
        } else {
            notes.add(procRoot + "/net/route is unreadable: no IPv4 routes");
        }
        if (v6 != null) {
            Parsed<Route> p = RouteTableParser.ipv6(v6);
            unparsed(p.unparsed(), "net/ipv6_route");
            out.addAll(p.items());
        } else {
            notes.add(procRoot + "/net/ipv6_route is unreadable (IPv6 disabled?): no IPv6 routes");
        }
        return out;
    }

    @Override
    public RouteLookup routeTo(byte[] destination) throws NetException {
        RtnlTransport t = transport();
        if (t != null) {
            try {
                return kernelRoute(t, destination);
            } catch (NetException e) {
                if (e.errno() == 101 || e.errno() == 113 || e.errno() == 22) {
                    // ENETUNREACH, EHOSTUNREACH; EINVAL for an address no route can take
                    return new RouteLookup(
                            InetText.format(destination), "unreachable", null, null, null, null, -1, "kernel");
                }
                notes.add(
                        "the kernel's route lookup failed (" + e.getMessage() + "): computed from the tables instead");
            }
        }
        return RouteChooser.choose(destination, routes(), interfaces());
    }

    private RouteLookup kernelRoute(RtnlTransport t, byte[] destination) throws NetException {
        for (ByteBuffer d : t.exchange(Rtnetlink.routeGet(destination, seq++), false)) {
            for (Rtnetlink.Message m : Rtnetlink.messages(d)) {
                if (m.type() != Rtnetlink.RTM_NEWROUTE) {
                    continue;
                }
                Rtnetlink.RouteReply r = Rtnetlink.parseRoute(m);
                String iface = r.oif() < 0 ? null : nameOf(r.oif());
                return new RouteLookup(
                        InetText.format(destination),
                        r.type(),
                        iface,
                        r.gateway(),
                        r.prefsrc(),
                        null,
                        r.metric(),
                        "kernel");
            }
        }
        throw new NetException("rtnetlink: no route in the kernel's answer");
    }

    private String nameOf(int index) throws NetException {
        for (NetInterface i : interfacesWithoutAddresses()) {
            if (i.index() == index) {
                return i.name();
            }
        }
        return "if" + index;
    }

    private List<NetInterface> interfacesWithoutAddresses() {
        List<NetInterface> out = new ArrayList<>();
        List<String> names = sysNames();
        if (names != null) {
            for (String n : names) {
                out.add(readInterface(n, null));
            }
        }
        return out;
    }

    // ---- neighbours

    @Override
    public List<Neighbor> neighbors() throws NetException {
        List<Neighbor> list = netlinkNeighbors();
        if (list == null) {
            String arp = readOrNull(procRoot.resolve("net/arp"));
            if (arp == null) {
                throw new NetException("cannot read the neighbour tables: " + procRoot + "/net/arp is unreadable"
                        + " and rtnetlink is not available");
            }
            Parsed<Neighbor> p = ArpParser.parse(arp);
            unparsed(p.unparsed(), "net/arp");
            list = p.items();
            notes.add("without rtnetlink only the IPv4 (ARP) cache is shown, its states as /proc/net/arp gives them"
                    + " (permanent, complete, incomplete); IPv6 (NDP) neighbours need rtnetlink");
        }
        List<Route> routes;
        try {
            routes = routes();
        } catch (NetException e) {
            routes = List.of();
        }
        return markGateways(list, routes);
    }

    /** Marks the neighbours that are the gateway of a default route on their interface. */
    public static List<Neighbor> markGateways(List<Neighbor> list, List<Route> routes) {
        List<Neighbor> out = new ArrayList<>(list.size());
        for (Neighbor n : list) {
            boolean gw = false;
            for (Route r : routes) {
                if (r.isDefault()
                        && r.gateway() != null
                        && r.gateway().equals(n.address())
                        && (r.iface() == null || r.iface().equals(n.iface()))) {
                    gw = true;
                }
            }
            out.add(n.withGateway(gw));
        }
        return out;
    }

    private List<Neighbor> netlinkNeighbors() {
        RtnlTransport t = transport();
        if (t == null) {
            return null;
        }
        try {
            Map<Integer, String> names = new HashMap<>();
            for (NetInterface i : interfacesWithoutAddresses()) {
                names.put(i.index(), i.name());
            }
            List<Neighbor> out = new ArrayList<>();
            for (ByteBuffer d :
                    t.exchange(Rtnetlink.dumpRequest(Rtnetlink.RTM_GETNEIGH, Rtnetlink.AF_UNSPEC, seq++), true)) {
                for (Rtnetlink.Message m : Rtnetlink.messages(d)) {
                    if (m.type() != Rtnetlink.RTM_NEWNEIGH) {
                        continue;
                    }
                    Rtnetlink.NeighReply r = Rtnetlink.parseNeigh(m);
                    if (r == null
                            || r.neighbor().state().equals("noarp")
                            || r.neighbor().state().equals("none")) {
                        continue; // as ip neigh: NOARP (loopback, multicast) and NONE entries stay out
                    }
                    Neighbor n = r.neighbor();
                    String iface = names.getOrDefault(r.index(), "if" + r.index());
                    out.add(new Neighbor(n.family(), n.address(), n.mac(), iface, n.state(), n.router(), false));
                }
            }
            return out;
        } catch (NetException e) {
            notes.add("neighbours over rtnetlink failed (" + e.getMessage() + "): read from /proc instead");
            return null;
        }
    }

    // ---- resolvers

    @Override
    public Resolvers resolvers() throws NetException {
        String text;
        try {
            text = Files.readString(resolvConf, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new NetException("cannot read " + resolvConf + ": " + reason(e));
        }
        ResolvConf conf = ResolvConf.parse(text);
        if (conf.unparsed() > 0) {
            notes.add(conf.unparsed() + " line" + (conf.unparsed() == 1 ? "" : "s") + " of " + resolvConf
                    + " could not be parsed and " + (conf.unparsed() == 1 ? "was" : "were") + " skipped");
        }
        List<String> unreadable = new ArrayList<>();
        String stub = null;
        ResolvConf upstream = null;
        String upstreamPath = null;
        if (conf.pointsAtLocalStub()) {
            boolean resolved = conf.nameservers().contains("127.0.0.53")
                    || conf.nameservers().contains("127.0.0.54");
            stub = resolved ? "systemd-resolved" : "local";
            if (resolved) {
                try {
                    upstream = ResolvConf.parse(Files.readString(resolvedConf, StandardCharsets.UTF_8));
                    upstreamPath = resolvedConf.toString();
                } catch (IOException | RuntimeException e) {
                    unreadable.add(resolvedConf + ": " + reason(e) + " (the stub's upstream servers are unknown)");
                }
            } else {
                unreadable.add("the local resolver at " + String.join(", ", conf.nameservers())
                        + " is not systemd-resolved: its upstream servers are in its own configuration");
            }
        }
        return new Resolvers(resolvConf.toString(), conf, stub, upstream, upstreamPath, unreadable);
    }

    // ---- files

    private String readOrNull(Path p) {
        try {
            // interface names are bytes; shown as UTF-8, malformed sequences as U+FFFD
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void unparsed(int n, String table) {
        if (n > 0) {
            notes.add(n + " line" + (n == 1 ? "" : "s") + " of " + procRoot + "/" + table + " could not be parsed and "
                    + (n == 1 ? "was" : "were") + " skipped");
        }
    }

    private static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** Whether the text is an address literal of either family. */
    static boolean isAddress(String s) {
        return Addresses.parse(s) != null;
    }
}
