package dev.sockscope.net.oshi;

import dev.sockscope.model.InetText;
import dev.sockscope.net.Addresses;
import dev.sockscope.net.Counters;
import dev.sockscope.net.IfAddress;
import dev.sockscope.net.Neighbor;
import dev.sockscope.net.NetException;
import dev.sockscope.net.NetInterface;
import dev.sockscope.net.NetworkSource;
import dev.sockscope.net.ResolvConf;
import dev.sockscope.net.Resolvers;
import dev.sockscope.net.Route;
import dev.sockscope.net.RouteChooser;
import dev.sockscope.net.RouteLookup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import oshi.hardware.NetworkIF;
import oshi.software.os.NetworkParams;
import oshi.spi.SystemInfoProvider;
import oshi.util.PlatformEnum;

/**
 * The network through OSHI: the interfaces that are up (OSHI lists what the JDK lists) with MTU, MAC, addresses (IPv4 with prefix length,
 * IPv6 with prefix length; no scope), operational state and counters ({@code NetworkIF}); the
 * routing table as OSHI reads it (on Linux its raw {@code ipv6_route}, local table included),
 * else only the default gateways; the name servers ({@code NetworkParams}). It has no link flags, carrier, transmit drops, and no
 * neighbour caches: one note says so.
 */
public final class OshiNetwork implements NetworkSource {
    private final SystemInfoProvider si;
    private final String platform;
    private final Set<String> notes = new LinkedHashSet<>();

    /** @throws NetException when OSHI does not run here */
    public OshiNetwork() throws NetException {
        try {
            PlatformEnum p = PlatformEnum.getCurrentPlatform();
            platform = p.getName();
            // the native-free provider reads /proc like the JNA one, without loading JNA
            si = p == PlatformEnum.LINUX ? new oshi.nativefree.SystemInfo() : new oshi.SystemInfo();
        } catch (RuntimeException | LinkageError e) {
            throw new NetException("the oshi network reader does not run on this system: " + e, e);
        }
        notes.add("on " + platform + " (OSHI) there are no link flags, carrier, address scopes, transmit drops"
                + " or neighbour caches");
    }

    @Override
    public String name() {
        return "oshi";
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public List<NetInterface> interfaces() throws NetException {
        List<NetworkIF> ifs;
        try {
            ifs = si.getHardware().getNetworkIFs(true);
        } catch (RuntimeException | LinkageError e) {
            throw new NetException("cannot list interfaces through OSHI: " + e, e);
        }
        List<NetInterface> out = new ArrayList<>();
        for (NetworkIF n : ifs) {
            out.add(map(n));
        }
        out.sort(Comparator.comparingInt(NetInterface::index).thenComparing(NetInterface::name));
        return out;
    }

    static NetInterface map(NetworkIF n) {
        List<IfAddress> addrs = new ArrayList<>();
        String[] v4 = n.getIPv4addr();
        Short[] masks = n.getSubnetMasks();
        for (int i = 0; i < v4.length; i++) {
            String a = Addresses.canonical(v4[i]);
            Short m = i < masks.length ? masks[i] : null;
            if (a != null && m != null && m >= 0 && m <= 32) {
                addrs.add(new IfAddress("ipv4", a, m, null, null, List.of()));
            }
        }
        String[] v6 = n.getIPv6addr();
        Short[] prefixes = n.getPrefixLengths();
        for (int i = 0; i < v6.length; i++) {
            String a = Addresses.canonical(v6[i]);
            Short m = i < prefixes.length ? prefixes[i] : null;
            if (a != null && m != null && m >= 0 && m <= 128) {
                addrs.add(new IfAddress("ipv6", a, m, null, null, List.of()));
            }
        }
        String oper = n.getIfOperStatus() == null
                ? null
                : n.getIfOperStatus().name().toLowerCase(Locale.ROOT).replace("_", "");
        String mac = n.getMacaddr();
        Counters c = new Counters(
                n.getBytesRecv(),
                n.getPacketsRecv(),
                n.getInErrors(),
                n.getInDrops(),
                n.getBytesSent(),
                n.getPacketsSent(),
                n.getOutErrors(),
                Counters.UNKNOWN);
        long mtu = n.getMTU();
        return new NetInterface(
                n.getName(),
                n.getIndex(),
                oper,
                null,
                List.of(),
                mtu > 0 && mtu <= Integer.MAX_VALUE ? (int) mtu : -1,
                mac == null || mac.isEmpty() || mac.equals("unknown") ? null : mac.toLowerCase(Locale.ROOT),
                null,
                addrs,
                c);
    }

    @Override
    public List<Route> routes() throws NetException {
        NetworkParams p = params();
        List<Route> out = new ArrayList<>();
        try {
            for (NetworkParams.IPRoute r : p.getRoutes()) {
                byte[] dst = r.getDestination();
                if (dst == null || (dst.length != 4 && dst.length != 16)) {
                    continue;
                }
                byte[] gw = r.getGateway();
                String gateway = gw == null || Addresses.isWildcard(gw) ? null : InetText.format(gw);
                int flags =
                        Route.RTF_UP | (gateway != null ? Route.RTF_GATEWAY : 0) | (r.isHost() ? Route.RTF_HOST : 0);
                out.add(new Route(
                        Addresses.family(dst),
                        InetText.format(dst),
                        r.getPrefixLength(),
                        gateway,
                        r.getInterfaceName(),
                        Math.max(0, r.getMetric()),
                        flags,
                        "unicast"));
            }
        } catch (RuntimeException | LinkageError e) {
            notes.add("OSHI could not read the routing table (" + e + ")");
        }
        if (out.isEmpty()) {
            notes.add("on " + platform + " OSHI gives only the default gateways, not the whole routing table");
            addDefault(out, p.getIpv4DefaultGateway(), "ipv4");
            addDefault(out, p.getIpv6DefaultGateway(), "ipv6");
        }
        return out;
    }

    private static void addDefault(List<Route> out, String gateway, String family) {
        byte[] gw = Addresses.parse(gateway);
        if (gw != null && !Addresses.isWildcard(gw)) {
            out.add(new Route(
                    family,
                    family.equals("ipv4") ? "0.0.0.0" : "::",
                    0,
                    InetText.format(gw),
                    null,
                    0,
                    Route.RTF_UP | Route.RTF_GATEWAY,
                    "unicast"));
        }
    }

    private NetworkParams params() throws NetException {
        try {
            return si.getOperatingSystem().getNetworkParams();
        } catch (RuntimeException | LinkageError e) {
            throw new NetException("cannot read network parameters through OSHI: " + e, e);
        }
    }

    @Override
    public List<Neighbor> neighbors() throws NetException {
        throw new NetException("the neighbour caches (ARP/NDP) are not available on " + platform + " through OSHI");
    }

    @Override
    public Resolvers resolvers() throws NetException {
        NetworkParams p = params();
        List<String> servers = new ArrayList<>();
        for (String s : p.getDnsServers()) {
            String c = Addresses.canonical(s);
            if (c != null) {
                servers.add(c);
            }
        }
        // no search list: OSHI's domain name is the host's own (its canonical name on Unix),
        // which is not what the resolver appends
        ResolvConf conf = new ResolvConf(servers, List.of(), List.of(), 0);
        return new Resolvers(
                "OSHI NetworkParams (" + platform + ")",
                conf,
                conf.pointsAtLocalStub() ? "local" : null,
                null,
                null,
                List.of());
    }

    @Override
    public RouteLookup routeTo(byte[] destination) throws NetException {
        return RouteChooser.choose(destination, routes(), interfaces());
    }
}
