package dev.sockscope.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rtnetlink codec on answers captured from the kernel in the veth namespace of
 * capture-net.sh (little-endian), checked against what {@code ip -j} said there; and on
 * answers cut short or with lengths that do not add up.
 */
class RtnetlinkTest {

    private static List<Rtnetlink.Message> messages(String fixture) throws NetException {
        List<Rtnetlink.Message> out = new ArrayList<>();
        List<ByteBuffer> datagrams = NetFixtures.datagrams(fixture);
        for (int i = 0; i < datagrams.size(); i++) {
            assertEquals(
                    i == datagrams.size() - 1,
                    Rtnetlink.ends(datagrams.get(i), true),
                    "end of dump at the last datagram");
            out.addAll(Rtnetlink.messages(datagrams.get(i)));
        }
        return out;
    }

    @Test
    void addressDumpIsEveryAddressOfIpAddr() throws NetException {
        Map<String, List<String>> ip = IpOracle.addresses(NetFixtures.text("captured/veth/ip-j-addr.json"), null, true);
        Map<Integer, String> names = Map.of(1, "lo", 2, "vcap1", 3, "vcap0");
        Map<String, List<String>> ours = new java.util.TreeMap<>();
        for (String n : ip.keySet()) {
            ours.put(n, new ArrayList<>());
        }
        for (Rtnetlink.Message m : messages("captured/veth/rtnl/getaddr.hex")) {
            if (m.type() == Rtnetlink.RTM_NEWADDR) {
                Rtnetlink.AddrReply r = Rtnetlink.parseAddr(m);
                ours.get(names.get(r.index()))
                        .add(r.address().cidr() + " " + r.address().scope() + " "
                                + r.address().label());
            }
        }
        assertEquals(ip, ours);
        assertTrue(ours.get("vcap0").contains("10.77.1.1/16 global vcap0:1"), ours.toString());
    }

    @Test
    void neighbourDumpHoldsIpNeighAndTheIpv6EntryProcLacks() throws NetException {
        Map<Integer, String> names = Map.of(1, "lo", 2, "vcap1", 3, "vcap0");
        List<Neighbor> ours = new ArrayList<>();
        for (Rtnetlink.Message m : messages("captured/veth/rtnl/getneigh.hex")) {
            if (m.type() == Rtnetlink.RTM_NEWNEIGH) {
                Rtnetlink.NeighReply r = Rtnetlink.parseNeigh(m);
                if (r != null
                        && !r.neighbor().state().equals("noarp")
                        && !r.neighbor().state().equals("none")) {
                    Neighbor n = r.neighbor();
                    ours.add(new Neighbor(
                            n.family(), n.address(), n.mac(), names.get(r.index()), n.state(), n.router(), false));
                }
            }
        }
        assertEquals(IpOracle.neighbors(NetFixtures.text("captured/veth/ip-j-neigh.json")), IpOracle.neighbors(ours));
        assertTrue(ours.stream()
                .anyMatch(
                        n -> n.address().equals("2001:db8:77::fe") && n.state().equals("permanent")));
        assertTrue(ours.stream()
                .anyMatch(n -> n.address().equals("10.77.0.9") && n.state().equals("stale")));
    }

    @Test
    void routeAnswersAreWhatIpRouteGetSays() throws NetException {
        for (String dst : List.of(
                "198.51.100.7",
                "10.77.0.77",
                "10.77.5.5",
                "192.0.2.9",
                "10.77.0.2",
                "2001:db8:99::7",
                "2001:db8:77::9",
                "2001:db8:5::1")) {
            String file = dst.replace(':', '_');
            List<ByteBuffer> d = NetFixtures.datagrams("captured/veth/rtnl/getroute-" + file + ".hex");
            assertEquals(1, d.size());
            assertTrue(Rtnetlink.ends(d.get(0), false));
            Rtnetlink.RouteReply r =
                    Rtnetlink.parseRoute(Rtnetlink.messages(d.get(0)).get(0));
            Map<String, Object> ip = IpJson.array(NetFixtures.text("captured/veth/ip-j-route-get-" + file + ".json"))
                    .get(0);
            assertEquals(ip.get("dst"), r.destination(), dst);
            assertEquals(ip.get("gateway"), r.gateway(), dst);
            assertEquals(ip.get("prefsrc"), r.prefsrc(), dst);
            assertEquals(ip.getOrDefault("type", "unicast"), r.type(), dst);
            Map<Integer, String> names = Map.of(1, "lo", 2, "vcap1", 3, "vcap0");
            assertEquals(ip.get("dev"), names.get(r.oif()), dst);
        }
    }

    @Test
    void requestsHaveTheKernelsLayout() {
        byte[] dump = Rtnetlink.dumpRequest(Rtnetlink.RTM_GETNEIGH, Rtnetlink.AF_UNSPEC, 7);
        ByteBuffer b = ByteBuffer.wrap(dump).order(ByteOrder.nativeOrder());
        assertEquals(28, dump.length); // nlmsghdr 16 + ndmsg 12
        assertEquals(28, b.getInt(0));
        assertEquals(Rtnetlink.RTM_GETNEIGH, b.getShort(4));
        assertEquals(Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_DUMP, b.getShort(6));
        assertEquals(7, b.getInt(8));
        byte[] get = Rtnetlink.routeGet(new byte[] {(byte) 198, 51, 100, 7}, 9);
        ByteBuffer g = ByteBuffer.wrap(get).order(ByteOrder.nativeOrder());
        assertEquals(36, get.length); // 16 + rtmsg 12 + attribute 4 + 4 bytes
        assertEquals(Rtnetlink.AF_INET, g.get(16));
        assertEquals(32, g.get(17));
        assertEquals(8, g.getShort(28));
        assertEquals(1, g.getShort(30)); // RTA_DST
        assertArrayEquals(new byte[] {(byte) 198, 51, 100, 7}, Arrays.copyOfRange(get, 32, 36));
    }

    @Test
    void aMessageLongerThanItsDatagramIsAnError() {
        ByteBuffer d = NetFixtures.datagrams("captured/veth/rtnl/getneigh.hex").get(0);
        ByteBuffer cut = ByteBuffer.wrap(Arrays.copyOf(d.array(), 40)).order(ByteOrder.nativeOrder());
        NetException e = assertThrows(NetException.class, () -> Rtnetlink.messages(cut));
        assertTrue(e.getMessage().contains("bytes in 40 left"), e.getMessage());
    }

    @Test
    void anAttributeRunningPastItsMessageIsAnError() throws NetException {
        ByteBuffer d = NetFixtures.datagrams("captured/veth/rtnl/getneigh.hex").get(0);
        byte[] copy = d.array().clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder());
        b.putShort(16 + 12, (short) 2000); // the first attribute after ndmsg claims 2000 bytes
        Rtnetlink.Message m = Rtnetlink.messages(b).get(0);
        assertThrows(NetException.class, () -> Rtnetlink.parseNeigh(m));
    }

    @Test
    void aBodyShorterThanItsHeaderIsAnError() throws NetException {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        b.putInt(20)
                .putShort((short) Rtnetlink.RTM_NEWADDR)
                .putShort((short) 0)
                .putInt(1)
                .putInt(0)
                .putInt(0);
        Rtnetlink.Message m = Rtnetlink.messages(b.flip()).get(0);
        NetException e = assertThrows(NetException.class, () -> Rtnetlink.parseAddr(m));
        assertTrue(e.getMessage().contains("ifaddrmsg"), e.getMessage());
    }

    @Test
    void aRefusedRequestKeepsItsErrno() {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        b.putInt(36)
                .putShort((short) Rtnetlink.NLMSG_ERROR)
                .putShort((short) 0)
                .putInt(1)
                .putInt(0);
        b.putInt(-101); // ENETUNREACH, then the request's header
        b.putInt(16)
                .putShort((short) Rtnetlink.RTM_GETROUTE)
                .putShort((short) 1)
                .putInt(1)
                .putInt(0);
        NetException e = assertThrows(NetException.class, () -> Rtnetlink.ends(b.flip(), false));
        assertEquals(101, e.errno());
    }

    @Test
    void statesAndMacsAreNamedAsIpNamesThem() {
        assertEquals("reachable", Rtnetlink.neighState(0x02));
        assertEquals("permanent", Rtnetlink.neighState(0x80));
        assertEquals("none", Rtnetlink.neighState(0));
        assertEquals("stale,delay", Rtnetlink.neighState(0x0c));
        assertEquals("02:00:0a:ff:00:fe", Rtnetlink.mac(new byte[] {2, 0, 10, (byte) 255, 0, (byte) 0xfe}));
        assertFalse(Rtnetlink.scopeName(253).isEmpty());
        assertEquals("link", Rtnetlink.scopeName(253));
    }
}
