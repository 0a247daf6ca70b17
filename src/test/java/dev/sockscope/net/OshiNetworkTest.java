package dev.sockscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.net.oshi.OshiNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The OSHI reader (what other systems use) run on this Linux machine, against {@code ip -j}:
 * the same interfaces that are up (OSHI lists only those), MACs (none for loopback), MTUs and IPv4 addresses, the same default gateways and name
 * servers; and the one note that says what it lacks.
 */
@Tag("live")
class OshiNetworkTest {

    @Test
    void interfacesAgreeWithIpAddr() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")), "needs iproute2's ip to compare with");
        String ip = HostNetworkTest.ip("-j", "addr");
        List<NetInterface> list = new OshiNetwork().interfaces();
        Map<String, String> want = new TreeMap<>();
        for (Map<String, Object> l : IpJson.array(ip)) {
            if (!IpOracle.strings(l.get("flags")).contains("UP")) {
                continue;
            }
            boolean loopback = IpOracle.strings(l.get("flags")).contains("LOOPBACK");
            List<String> v4 = new ArrayList<>();
            for (Object o : (List<?>) l.get("addr_info")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> a = (Map<String, Object>) o;
                if (a.get("family").equals("inet")) {
                    v4.add(a.get("local") + "/" + a.get("prefixlen"));
                }
            }
            want.put(
                    (String) l.get("ifname"),
                    l.get("ifindex") + " " + l.get("mtu") + " " + (loopback ? null : l.get("address")) + " " + v4);
        }
        Map<String, String> have = new TreeMap<>();
        for (NetInterface i : list) {
            List<String> v4 = new ArrayList<>();
            for (IfAddress a : i.addresses()) {
                if (a.family().equals("ipv4")) {
                    v4.add(a.cidr());
                }
            }
            have.put(i.name(), i.index() + " " + i.mtu() + " " + i.mac() + " " + v4);
        }
        assertEquals(want, have);
    }

    @Test
    void defaultGatewaysAndNameServersAgreeAndNeighboursAreSaidToBeMissing() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")), "needs iproute2's ip to compare with");
        OshiNetwork n = new OshiNetwork();
        List<String> want = new ArrayList<>();
        for (String family : List.of("-4", "-6")) {
            for (Map<String, Object> r : IpJson.array(HostNetworkTest.ip("-j", family, "route", "show", "default"))) {
                want.add(r.get("gateway") + " " + r.get("dev"));
            }
        }
        List<String> have = new ArrayList<>();
        for (Route r : n.routes()) {
            if (r.isDefault() && r.gateway() != null) {
                have.add(r.gateway() + " " + r.iface());
            }
        }
        want.sort(null);
        have.sort(null);
        assertEquals(want, have);
        List<String> servers = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/etc/resolv.conf"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].equals("nameserver")) {
                servers.add(f[1]);
            }
        }
        assertEquals(servers, n.resolvers().conf().nameservers());
        NetException e = assertThrows(NetException.class, n::neighbors);
        assertTrue(e.getMessage().contains("not available"), e.getMessage());
        assertEquals(1, n.notes().size(), n.notes().toString());
        assertTrue(
                n.notes().get(0).contains("no link flags, carrier"), n.notes().toString());
    }
}
