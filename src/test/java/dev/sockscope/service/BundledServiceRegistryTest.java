package dev.sockscope.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sockscope.model.Proto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BundledServiceRegistryTest {

    private static final BundledServiceRegistry REGISTRY = BundledServiceRegistry.withoutEphemeralRange();

    @ParameterizedTest(name = "tcp {0} is {1}")
    @CsvSource({
        "21, ftp",
        "22, ssh",
        "23, telnet",
        "25, smtp",
        "53, domain",
        "69, tftp",
        "80, http",
        "110, pop3",
        "113, auth",
        "443, https",
        "1080, socks",
        "1433, ms-sql-s",
        "1434, ms-sql-m",
        "1521, oracle",
        "2375, docker",
        "2376, docker-s",
        "2379, etcd-client",
        "2380, etcd-server",
        "3000, dev-http",
        "3128, squid",
        "3306, mysql",
        "3389, rdp",
        "5000, dev-http",
        "5173, vite",
        "5432, postgresql",
        "5601, kibana",
        "5672, amqp",
        "6379, redis",
        "6380, redis-alt",
        "6443, kube-apiserver",
        "8000, dev-http",
        "8080, http-alt",
        "8081, tproxy",
        "8443, https-alt",
        "8888, dev-http",
        "9000, dev-http",
        "9090, prometheus",
        "9092, kafka",
        "9100, node-exporter",
        "9200, elasticsearch",
        "9418, git",
        "11211, memcached",
        "15672, rabbitmq-mgmt",
        "25565, minecraft",
        "27017, mongodb",
    })
    void namesTheTcpPortsUsersKnow(int port, String name) {
        assertEquals(name, REGISTRY.name(Proto.TCP, port));
    }

    @ParameterizedTest(name = "tcp {0}: iana {1}")
    @CsvSource({
        "80, www-http",
        "113, auth",
        "1521, ncube-lm",
        "3000, remoteware-cl",
        "3128, ndl-aas",
        "3389, ms-wbt-server",
        "5000, commplex-main",
        "5601, esmagent",
        "6443, sun-sr-https",
        "8000, irdmi",
        "8443, pcsync-https",
        "8888, ddi-tcp-1",
        "9000, cslistener",
        "9090, websm",
        "9092, XmlIpcRegSvc",
        "9200, wap-wsp",
        "11211, memcache",
        "8081, sunproxyadmin",
        "9100, pdl-datastream",
        "22, ssh",
    })
    void keepsTheIanaNameBesideThePreferredOne(int port, String iana) {
        assertEquals(iana, REGISTRY.ianaName(Proto.TCP, port));
    }

    /** What the issue saw in the Service column: IANA's names alone, now kept out of sight. */
    @ParameterizedTest(name = "tcp {0}: only IANA's {1}")
    @CsvSource({
        "32768, filenet-tms",
        "2024, xinuexpansion4",
        "2100, amiganetfs",
        "9080, glrpc",
        "33334, speedtrace",
        "45825, qdb2service",
        "4000, terabase",
    })
    void aNameOnlyIanaGivesIsNotShownButStaysAvailable(int port, String iana) {
        assertNull(REGISTRY.name(Proto.TCP, port));
        assertEquals(iana, REGISTRY.ianaName(Proto.TCP, port));
        assertEquals(NameSource.IANA, REGISTRY.nameSource(Proto.TCP, port));
        assertArrayEquals(new int[] {port}, REGISTRY.ports(iana));
    }

    @ParameterizedTest(name = "{0} {1} is {2} from {3}")
    @CsvSource({
        "TCP, 80, http, NETBASE",
        "UDP, 80, http, NETBASE", // netbase's tcp name: IANA names both protocols alike
        "TCP, 8080, http-alt, NETBASE",
        "TCP, 3306, mysql, NETBASE",
        "TCP, 1433, ms-sql-s, NETBASE",
        "TCP, 57000, dircproxy, NETBASE",
        "TCP, 27017, mongodb, SEED",
        "TCP, 2379, etcd-client, SEED",
        "UDP, 1900, ssdp, SEED",
        "UDP, 5355, llmnr, SEED",
        "TCP, 1521, oracle, OVERLAY",
        "TCP, 5601, kibana, OVERLAY",
        "TCP, 3389, rdp, OVERLAY",
        "UDP, 51820, wireguard, OVERLAY",
        "UDP, 323, chrony, OVERLAY",
    })
    void everyShownNameSaysWhereItComesFrom(Proto proto, int port, String name, NameSource source) {
        assertEquals(name, REGISTRY.name(proto, port));
        assertEquals(source, REGISTRY.nameSource(proto, port));
    }

    @Test
    void nameSourceIsNullWhereNothingNamesThePort() {
        assertNull(REGISTRY.nameSource(Proto.TCP, 4));
        assertNull(REGISTRY.nameSource(Proto.RAW, 80));
        assertNull(REGISTRY.nameSource(Proto.UNIX, 80));
        assertNull(REGISTRY.nameSource(Proto.TCP, 65536));
        assertNull(REGISTRY.nameSource(Proto.TCP, -1));
    }

    /** tools/ports/seed.tsv, the ports users expect named: each is named as the list says. */
    @Test
    void everyPortOfTheSeedListIsNamedAsTheListSays() throws IOException {
        int checked = 0;
        for (String line : Files.readAllLines(Path.of("tools/ports/seed.tsv"), StandardCharsets.UTF_8)) {
            String[] f = line.split("#", 2)[0].trim().split("\\s+");
            if (f.length < 4) {
                continue;
            }
            int port = Integer.parseInt(f[0]);
            NameSource want = switch (f[3]) {
                case "netbase" -> NameSource.NETBASE;
                case "overlay" -> NameSource.OVERLAY;
                case "iana" -> NameSource.SEED;
                default -> throw new AssertionError("bad source in " + line);
            };
            for (Proto proto : f[1].equals("tcp+udp")
                    ? new Proto[] {Proto.TCP, Proto.UDP}
                    : new Proto[] {f[1].equals("udp") ? Proto.UDP : Proto.TCP}) {
                assertEquals(f[2], REGISTRY.name(proto, port), line);
                assertEquals(want, REGISTRY.nameSource(proto, port), line);
                checked++;
            }
        }
        assertEquals(130, checked);
    }

    @ParameterizedTest
    @ValueSource(ints = {5173, 6380, 15672, 25565})
    void ianaNameIsNullWhereOnlyTheOverlayNamesThePort(int port) {
        assertNull(REGISTRY.ianaName(Proto.TCP, port));
    }

    @Test
    void prefersNetbaseNamesOverIanaAliases() {
        assertEquals("http", REGISTRY.name(Proto.TCP, 80));
        assertEquals("www-http", REGISTRY.ianaName(Proto.TCP, 80));
        assertEquals("auth", REGISTRY.name(Proto.TCP, 113));
        assertEquals("imap2", REGISTRY.name(Proto.TCP, 143));
        assertEquals("imap", REGISTRY.ianaName(Proto.TCP, 143));
    }

    @Test
    void udpHasItsOwnNames() {
        assertEquals("wireguard", REGISTRY.name(Proto.UDP, 51820));
        assertNull(REGISTRY.ianaName(Proto.UDP, 51820));
        assertNull(REGISTRY.name(Proto.TCP, 51820));
        assertEquals("syslog", REGISTRY.name(Proto.UDP, 514));
        assertEquals("shell", REGISTRY.name(Proto.TCP, 514));
        assertEquals("ntp", REGISTRY.name(Proto.UDP, 123));
        assertNull(REGISTRY.name(Proto.UDP, 5601)); // Kibana is TCP only; IANA's esmagent is not shown
        assertEquals("esmagent", REGISTRY.ianaName(Proto.UDP, 5601));
        assertNull(REGISTRY.name(Proto.UDP, 6379)); // IANA names redis for TCP only
        assertEquals("https", REGISTRY.name(Proto.UDP, 443));
        assertEquals("http", REGISTRY.name(Proto.UDP, 80)); // netbase tcp name, IANA alike on both
    }

    @Test
    void udpLiteUsesUdpNames() {
        assertEquals("wireguard", REGISTRY.name(Proto.UDPLITE, 51820));
        assertEquals("domain", REGISTRY.name(Proto.UDPLITE, 53));
    }

    @Test
    void rawAndUnixHaveNoNames() {
        assertNull(REGISTRY.name(Proto.RAW, 80));
        assertNull(REGISTRY.ianaName(Proto.RAW, 80));
        assertNull(REGISTRY.name(Proto.UNIX, 80));
        assertNull(REGISTRY.ianaName(Proto.UNIX, 22));
    }

    @Test
    void unnamedAndOutOfRangePortsHaveNoName() {
        assertNull(REGISTRY.name(Proto.TCP, 0));
        assertNull(REGISTRY.name(Proto.TCP, 4)); // IANA: Unassigned
        assertNull(REGISTRY.name(Proto.TCP, 65535));
        assertNull(REGISTRY.name(Proto.TCP, -1));
        assertNull(REGISTRY.name(Proto.TCP, 65536));
        assertNull(REGISTRY.ianaName(Proto.UDP, 70000));
    }

    @Test
    void findsPortsByPreferredOrIanaNameIgnoringCase() {
        assertArrayEquals(new int[] {80}, REGISTRY.ports("http"));
        assertArrayEquals(new int[] {443}, REGISTRY.ports("HTTPS"));
        assertArrayEquals(new int[] {80}, REGISTRY.ports("WWW-HTTP"));
        assertArrayEquals(new int[] {5601}, REGISTRY.ports("esmagent"));
        assertArrayEquals(new int[] {5601}, REGISTRY.ports("Kibana"));
        assertArrayEquals(new int[] {9092}, REGISTRY.ports("xmlipcregsvc"));
        assertArrayEquals(new int[] {51820}, REGISTRY.ports("wireguard"));
        assertArrayEquals(new int[] {3389}, REGISTRY.ports("ms-wbt-server"));
    }

    @Test
    void aSharedNameGivesEveryPortAscendingOnce() {
        assertArrayEquals(new int[] {3000, 5000, 8000, 8888, 9000}, REGISTRY.ports("dev-http"));
        // 514: tcp shell, udp syslog; 512/tcp is exec
        assertArrayEquals(new int[] {514}, REGISTRY.ports("syslog"));
        // ssh is named for tcp and udp on port 22: listed once
        assertArrayEquals(new int[] {22}, REGISTRY.ports("SSH"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no-such-service", "htt", "http ", "ht\u00e9p", "\u0000"})
    void unknownNameGivesEmpty(String name) {
        assertArrayEquals(new int[0], REGISTRY.ports(name));
    }

    @Test
    void nullNameGivesEmpty() {
        assertArrayEquals(new int[0], REGISTRY.ports(null));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "0, WELL_KNOWN", "1023, WELL_KNOWN", "1024, REGISTERED", "32767, REGISTERED",
        "32768, EPHEMERAL", "49151, EPHEMERAL", "49152, EPHEMERAL", "60999, EPHEMERAL",
        "61000, DYNAMIC", "65535, DYNAMIC",
    })
    void classifiesWithLinuxDefaultRange(int port, PortClass expected) {
        assertEquals(
                expected,
                BundledServiceRegistry.withEphemeralRange(32768, 60999).classify(port));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "0, WELL_KNOWN", "1023, WELL_KNOWN", "1024, REGISTERED", "32767, REGISTERED",
        "32768, REGISTERED", "49151, REGISTERED", "49152, DYNAMIC", "60999, DYNAMIC",
        "61000, DYNAMIC", "65535, DYNAMIC",
    })
    void classifiesByIanaRangesWithoutEphemeralRange(int port, PortClass expected) {
        assertEquals(expected, REGISTRY.classify(port));
    }

    @Test
    void classifyRejectsPortsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> REGISTRY.classify(-1));
        assertThrows(IllegalArgumentException.class, () -> REGISTRY.classify(65536));
    }

    @Test
    void explicitRangeIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> BundledServiceRegistry.withEphemeralRange(-1, 5));
        assertThrows(IllegalArgumentException.class, () -> BundledServiceRegistry.withEphemeralRange(5, 65536));
        assertThrows(IllegalArgumentException.class, () -> BundledServiceRegistry.withEphemeralRange(6, 5));
        BundledServiceRegistry iana = BundledServiceRegistry.withEphemeralRange(
                BundledServiceRegistry.IANA_DYNAMIC_LOW, BundledServiceRegistry.IANA_DYNAMIC_HIGH);
        assertEquals(PortClass.REGISTERED, iana.classify(49151));
        assertEquals(PortClass.EPHEMERAL, iana.classify(49152));
        assertEquals(PortClass.EPHEMERAL, iana.classify(65535));
    }

    @Test
    void loadsRangeFromCapturedProcFile(@TempDir Path proc) throws IOException {
        Path fixture = Path.of("src/test/resources/service/ip_local_port_range");
        writeRange(
                proc,
                Files.readString(fixture)
                        .lines()
                        .filter(l -> !l.startsWith("#"))
                        .reduce("", (a, b) -> a + b + "\n"));
        BundledServiceRegistry registry = BundledServiceRegistry.load(proc);
        assertEquals(32768, registry.ephemeralLow());
        assertEquals(60999, registry.ephemeralHigh());
        assertEquals(PortClass.REGISTERED, registry.classify(32767));
        assertEquals(PortClass.EPHEMERAL, registry.classify(32768));
        assertEquals(PortClass.EPHEMERAL, registry.classify(60999));
        assertEquals(PortClass.DYNAMIC, registry.classify(61000));
    }

    @Test
    void loadsNonDefaultRange(@TempDir Path proc) throws IOException {
        writeRange(proc, "1025 1030\n");
        BundledServiceRegistry registry = BundledServiceRegistry.load(proc);
        assertEquals(PortClass.REGISTERED, registry.classify(1024));
        assertEquals(PortClass.EPHEMERAL, registry.classify(1025));
        assertEquals(PortClass.EPHEMERAL, registry.classify(1030));
        assertEquals(PortClass.REGISTERED, registry.classify(1031));
    }

    @Test
    void missingRangeFileMeansNoEphemeralClass(@TempDir Path proc) {
        BundledServiceRegistry registry = BundledServiceRegistry.load(proc);
        assertEquals(-1, registry.ephemeralLow());
        assertEquals(-1, registry.ephemeralHigh());
        assertEquals(PortClass.REGISTERED, registry.classify(32768));
        assertEquals(PortClass.REGISTERED, registry.classify(49151));
        assertEquals(PortClass.DYNAMIC, registry.classify(60999));
        assertEquals("http", registry.name(Proto.TCP, 80));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "\n",
                "32768\n",
                "32768 60999 61000\n",
                "60999\t32768\n",
                "32768\tabc\n",
                "-1\t60999\n",
                "32768\t70000\n",
                "32768\t609999\n",
                "0x8000\t60999\n",
                "32768,60999\n",
                "32768\t60999x\n",
            })
    void malformedRangeFileMeansNoEphemeralClass(String content, @TempDir Path proc) throws IOException {
        writeRange(proc, content);
        BundledServiceRegistry registry = BundledServiceRegistry.load(proc);
        assertEquals(-1, registry.ephemeralLow());
        assertEquals(PortClass.REGISTERED, registry.classify(40000));
    }

    @Test
    void oversizedRangeFileIsRejected(@TempDir Path proc) throws IOException {
        writeRange(proc, "32768\t60999" + " ".repeat(100) + "\n");
        assertEquals(-1, BundledServiceRegistry.load(proc).ephemeralLow());
    }

    @Test
    void rangeFileThatIsADirectoryIsIgnored(@TempDir Path proc) throws IOException {
        Files.createDirectories(proc.resolve(BundledServiceRegistry.RANGE_FILE));
        assertEquals(-1, BundledServiceRegistry.load(proc).ephemeralLow());
    }

    @Test
    void acceptsSinglePortRangeAndCrlf() {
        assertArrayEquals(
                new int[] {40000, 40000},
                BundledServiceRegistry.parseEphemeralRange("40000 40000\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    private static void writeRange(Path proc, String content) throws IOException {
        Path file = proc.resolve(BundledServiceRegistry.RANGE_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }
}
