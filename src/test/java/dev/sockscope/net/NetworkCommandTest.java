package dev.sockscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network views end to end on captured trees: output forms, exit statuses, usage errors, sanitising. */
class NetworkCommandTest {
    @TempDir
    static Path dir;

    static String proc;

    @BeforeAll
    static void copyTree() {
        proc = NetFixtures.tree("captured/veth", dir.resolve("veth"))
                .resolve("proc")
                .toString();
    }

    @Test
    void routesAsATableMarkTheDefaultGateways() {
        Run run = Run.of("-r", "--proc-root", proc);
        assertEquals(0, run.status, run.toString());
        String[] lines = run.out.split("\n");
        assertEquals("Destination       Gateway          Iface  Metric  Flags", lines[0]);
        assertTrue(
                run.out.contains("default           10.77.0.254      vcap0  100     UG     default gateway\n"),
                run.out);
        assertTrue(run.out.contains("2001:db8:99::/48  2001:db8:77::3   vcap0  50      UG\n"), run.out);
        assertEquals(12, lines.length, run.out);
    }

    @Test
    void netstatHabitRnIsTheRoutingTable() {
        Run run = Run.of("-rn", "--proc-root", proc, "-4", "--json");
        assertEquals(0, run.status, run.toString());
        List<Map<String, Object>> rows = IpJson.array(run.out);
        assertEquals(5, rows.size());
        Map<String, Object> def = rows.get(0);
        assertEquals("0.0.0.0", def.get("destination"));
        assertEquals(Boolean.TRUE, def.get("default"));
        assertEquals(List.of("up", "gateway"), def.get("flags"));
    }

    @Test
    void csvHasAHeaderAndOneLinePerRoute() {
        Run run = Run.of("-r", "--proc-root", proc, "--format", "csv", "--interface", "vcap1");
        assertEquals(0, run.status, run.toString());
        assertEquals(
                "family,destination,prefix,gateway,interface,metric,flags,type,default\n"
                        + "ipv4,10.77.0.0,24,,vcap1,0,U,unicast,false\n"
                        + "ipv6,2001:db8:77::,64,,vcap1,256,U,unicast,false\n"
                        + "ipv6,fe80::,64,,vcap1,256,U,unicast,false\n",
                run.out);
    }

    @Test
    void interfacesOfACapturedTreeWithRepeatedReadings() {
        Run run =
                Run.of("-i", "--proc-root", proc, "--count", "2", "--interval", "0", "--json", "--interface", "vcap0");
        assertEquals(0, run.status, run.toString());
        String[] lines = run.out.split("\n");
        assertEquals(2, lines.length, run.out);
        Map<String, Object> second = IpJson.object(lines[1]);
        assertTrue(second.get("time") instanceof String);
        @SuppressWarnings("unchecked")
        Map<String, Object> vcap0 = ((List<Map<String, Object>>) second.get("interfaces")).get(0);
        assertEquals("vcap0", vcap0.get("name"));
        assertEquals(1450L, vcap0.get("mtu"));
        assertEquals(Boolean.TRUE, vcap0.get("defaultRoute"));
        assertEquals(0.0, vcap0.get("rxRate"), "a captured tree does not change between readings");
        Map<String, Object> first = IpJson.object(lines[0]);
        @SuppressWarnings("unchecked")
        Map<String, Object> firstVcap0 = ((List<Map<String, Object>>) first.get("interfaces")).get(0);
        assertEquals(null, firstVcap0.get("rxRate"), "no rate on the first reading");
        assertTrue(run.err.contains("no IPv4 addresses"), run.err);
    }

    @Test
    void anInterfaceFilterThatMatchesNothingIsExitOne() {
        Run run = Run.of("-i", "--proc-root", proc, "--interface", "nope0");
        assertEquals(1, run.status, run.toString());
        assertEquals("", run.out);
        assertTrue(run.err.contains("no interface is named nope0"), run.err);
        assertEquals(1, Run.of("--neighbors", "--proc-root", proc, "--interface", "nope0").status);
    }

    @Test
    void aMissingTreeIsExitThreeWithOneLine() {
        Run run = Run.of("-r", "--proc-root", dir.resolve("nothing").toString());
        assertEquals(3, run.status, run.toString());
        assertEquals(1, run.err.split("\n").length, run.err);
        assertTrue(run.err.startsWith("sockscope: cannot read network tables"), run.err);
    }

    @Test
    void usageErrorsAreExitTwoWithOneLine() {
        String[][] cases = {
            {"-i", "-r"},
            {"-i", "--port", "80"},
            {"--route-to", "example.com"},
            {"-r", "--count", "2"},
            {"-i", "--format", "xml"},
            {"--dns", "--interface", "eth0"},
            {"-i", "--backend", "magic"},
            {"-i", "--interval", "-1"},
            {"--route-to"}
        };
        String[] words = {
            "choose one of",
            "'--port' does not go with",
            "'example.com' is not an IPv4 or IPv6 address",
            "repeat -i only",
            "unknown format 'xml'",
            "--interface does not go with --dns",
            "unknown backend 'magic'",
            "'-1' is not a number of seconds",
            "needs a value"
        };
        for (int i = 0; i < cases.length; i++) {
            Run run = Run.of(cases[i]);
            assertEquals(2, run.status, String.join(" ", cases[i]) + "\n" + run);
            assertEquals("", run.out);
            assertEquals(1, run.err.split("\n").length, run.err);
            assertTrue(run.err.contains(words[i]), String.join(" ", cases[i]) + ": " + run.err);
        }
    }

    @Test
    void interfaceNamesAreSanitizedInTheTableAndExactInJson(@TempDir Path hostile) throws Exception {
        String evil = "ev\u001b[2Jil\u202e";
        Files.createDirectories(hostile.resolve("proc/net"));
        Files.write(
                hostile.resolve("proc/net/dev"),
                ("Inter-|   Receive                                                |  Transmit\n"
                                + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
                                + "  " + evil + ": 10 1 0 0 0 0 0 0 20 2 0 0 0 0 0 0\n")
                        .getBytes(StandardCharsets.UTF_8));
        Files.writeString(
                hostile.resolve("proc/net/route"),
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n" + evil
                        + "\t00000000\t0100000A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n");
        String p = hostile.resolve("proc").toString();
        Run table = Run.of("-i", "--proc-root", p);
        assertEquals(0, table.status, table.toString());
        assertFalse(table.out.contains("\u001b"), table.out);
        assertFalse(table.out.contains("\u202e"), table.out);
        assertTrue(table.out.contains("ev\\e[2Jil\\u202e"), table.out);
        Run routes = Run.of("-r", "--proc-root", p);
        assertTrue(routes.out.contains("ev\\e[2Jil\\u202e"), routes.out);
        assertFalse(routes.out.contains("\u001b"), routes.out);
        Run json = Run.of("-i", "--proc-root", p, "--json");
        assertEquals(evil, IpJson.array(json.out).get(0).get("name"));
    }

    @Test
    void theReverseSortMovedToItsLongName() {
        Run run = Run.of("--list", "--reverse", "--proc-root", proc, "-t");
        assertTrue(run.status == 0 || run.status == 1, run.toString());
        assertTrue(run.err.isEmpty() || !run.err.contains("unknown option"), run.err);
    }
}
