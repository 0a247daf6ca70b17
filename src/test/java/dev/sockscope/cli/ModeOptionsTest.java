package dev.sockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.service.BundledServiceRegistry;
import dev.sockscope.service.ServiceRegistry;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ModeOptionsTest {
    private static final Supplier<ServiceRegistry> SERVICES = BundledServiceRegistry::withoutEphemeralRange;

    private static ModeOptions.ModeConfig parse(String... args) throws UsageException {
        return ModeOptions.parse(args, SERVICES);
    }

    private static String error(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }

    private static Config.Mode mode(String... args) throws UsageException {
        return CommandLineParser.parse(args, SERVICES).mode();
    }

    @Test
    void recognisesThePortModesOnly() throws UsageException {
        assertEquals(Config.Mode.PORT, mode("--explain", "8080"));
        assertEquals(Config.Mode.PORT, mode("--json", "--explain=8080"));
        assertEquals(Config.Mode.PORT, mode("--expl", "8080"));
        assertEquals(Config.Mode.LIST, mode("--list", "--port", "8080"));
        assertEquals(
                "unexpected argument '--explain' (a port is given as :PORT, a bare number or --port; see --help)",
                assertThrows(UsageException.class, () -> mode("--", "--explain"))
                        .getMessage());
    }

    @Test
    void theOneParseCarriesThePortModesOptions() throws UsageException {
        Config c = CommandLineParser.parse(new String[] {"--wait-free", "8080/udp", "--timeout", "2"}, SERVICES);
        assertEquals(ModeOptions.Kind.WAIT_FREE, c.ports().kind());
        assertEquals(
                new ModeOptions.PortRequest(8080, List.of(Proto.UDP)), c.ports().request());
        assertEquals(2_000, c.ports().timeoutMs());
    }

    @Test
    void optionsOfTheSocketListAreNamedAsNotGoingWithAPortMode() {
        assertEquals(
                "unknown option '--pid' with --explain/--wait-* (see --help)", error("--explain", "80", "--pid", "1"));
        assertEquals(
                "unknown option '--help' with --explain/--wait-* (see --help)", error("--help", "--explain", "80"));
        assertEquals("unknown option '--port' with --explain/--wait-* (see --help)", error("--explain", "80", "443"));
    }

    @Test
    void explainTakesBothProtocolsUnlessOneIsNamed() throws UsageException {
        assertEquals(
                new ModeOptions.PortRequest(8080, List.of(Proto.TCP, Proto.UDP)),
                parse("--explain", "8080").request());
        assertEquals(
                new ModeOptions.PortRequest(53, List.of(Proto.UDP)),
                parse("--explain", "53/udp").request());
        assertEquals(
                new ModeOptions.PortRequest(8080, List.of(Proto.TCP)),
                parse("--explain", ":8080/TCP").request());
        assertEquals(
                new ModeOptions.PortRequest(8080, List.of(Proto.TCP)),
                parse("-t", "--explain", "8080").request());
        assertEquals(
                new ModeOptions.PortRequest(5432, List.of(Proto.TCP)),
                parse("--explain", "postgresql/tcp").request());
        assertEquals(
                ModeOptions.Kind.EXPLAIN, parse("--explain", "8080", "--json").kind());
    }

    @Test
    void badPortsNameTheBadValue() {
        assertEquals("--explain: '0' is not a port number (1-65535)", error("--explain", "0"));
        assertEquals("--explain: '123456' is not a port number (1-65535)", error("--explain", "123456"));
        assertEquals("--explain: unknown protocol 'sctp' (tcp or udp)", error("--explain", "80/sctp"));
        assertEquals("--explain: unknown service 'nosuchthing'", error("--explain", "nosuchthing"));
        assertEquals("--explain: '80/udp' contradicts -t/-u", error("-t", "--explain", "80/udp"));
        assertEquals(
                "--explain: '\u001b[2J' is neither a port number nor a service name", error("--explain", "\u001b[2J"));
        assertEquals(
                "--explain, --wait-listen and --wait-free go one at a time",
                error("--explain", "1", "--wait-free", "2"));
        assertEquals("--timeout goes with --wait-listen or --wait-free", error("--explain", "1", "--timeout", "3"));
        assertEquals("--format json goes with --explain", error("--wait-free", "1", "--json"));
    }

    @Test
    void waitListenTargets() throws UsageException {
        ModeOptions.ListenTarget any = parse("--wait-listen", "5432").target();
        assertEquals(List.of(), any.addresses());
        assertEquals(5432, any.port());
        ModeOptions.ListenTarget v4 = parse("--wait-listen", "127.0.0.1:5432").target();
        assertEquals(List.of(Address.parse("127.0.0.1")), v4.addresses());
        assertEquals(List.of(Family.IPV4), v4.families());
        ModeOptions.ListenTarget v6 = parse("--wait-listen", "[0:0::1]:5432").target();
        assertEquals(List.of(Address.parse("::1")), v6.addresses());
        assertEquals(
                List.of(Address.parse("127.0.0.1"), Address.parse("::1")),
                parse("--wait-listen", "localhost:80").target().addresses());
        assertEquals(30_000, parse("--wait-listen", "80").timeoutMs());
        assertEquals(1_500, parse("--wait-listen", "80", "--timeout", "1.5").timeoutMs());
        assertEquals(0, parse("--wait-listen", "80", "--timeout", "0").timeoutMs());
    }

    @Test
    void waitListenRejectsHostNamesAndBadAddresses() {
        assertEquals(
                "--wait-listen: 'db.example' is not an IP address (IPv6 in brackets: [::1]:5432; or localhost)",
                error("--wait-listen", "db.example:5432"));
        assertTrue(error("--wait-listen", "1.2.3.256:80").startsWith("--wait-listen: '1.2.3.256' is not an IP"));
        assertTrue(error("--wait-listen", "01.2.3.4:80").startsWith("--wait-listen: '01.2.3.4' is not an IP"));
        assertEquals("--wait-listen: '[1.2.3.4]' is not an IP address", error("--wait-listen", "[1.2.3.4]:80"));
        assertEquals(
                "--wait-listen waits for a TCP listener: -u does not go with it", error("-u", "--wait-listen", "80"));
    }

    @Test
    void timeoutsArePlainSeconds() {
        for (String bad : List.of("1d", "0x1p3", "-1", "86401", "1e3", "", "NaN")) {
            assertEquals(
                    "--timeout: '" + bad + "' is not a number of seconds from 0 to 86400",
                    error("--wait-free", "80", "--timeout", bad),
                    bad);
        }
    }

    @Test
    void waitFreeIsTcpUnlessUdpIsNamed() throws UsageException {
        assertEquals(List.of(Proto.TCP), parse("--wait-free", "8080").request().protos());
        assertEquals(
                List.of(Proto.UDP), parse("--wait-free", "8080/udp").request().protos());
    }
}
