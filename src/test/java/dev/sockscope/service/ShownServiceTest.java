package dev.sockscope.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The names a row shows, over the bundled table and Linux's default ephemeral range
 * 32768-60999: the Service column ({@link ShownService#of}) and the JSON/CSV
 * {@code localService}/{@code remoteService} ({@link ShownService#local}, {@link ShownService#remote}).
 */
class ShownServiceTest {
    private static final BundledServiceRegistry LINUX = BundledServiceRegistry.withEphemeralRange(32768, 60999);

    private static SocketEntry tcp(int localPort, int remotePort, State state) {
        String remote = remotePort == 0 && state == State.LISTEN ? "0.0.0.0" : "127.0.0.1";
        return new SocketEntry(
                Proto.TCP,
                Family.IPV4,
                Address.parse("127.0.0.1"),
                localPort,
                Address.parse(remote),
                remotePort,
                state,
                1,
                0,
                0,
                0);
    }

    private static SocketEntry udp(int localPort, int remotePort) {
        return new SocketEntry(
                Proto.UDP,
                Family.IPV4,
                Address.parse("0.0.0.0"),
                localPort,
                Address.parse(remotePort == 0 ? "0.0.0.0" : "127.0.0.1"),
                remotePort,
                remotePort == 0 ? State.UNCONN : State.ESTABLISHED,
                1,
                0,
                0,
                0);
    }

    /**
     * The case: a client on ephemeral port 32768 (IANA: filenet-tms) connected to a
     * server. The client's row names the server; the server's row names itself, never
     * filenet-tms; JSON names the server's port on both rows and the client's port on neither.
     */
    @ParameterizedTest(name = "client 32768 -> {0} {1}")
    @CsvSource({"8080, http-alt", "3306, mysql", "1521, oracle", "5601, kibana", "3389, rdp", "27017, mongodb"})
    void aConnectionFromEphemeralPort32768NamesTheServerOnBothRows(int server, String name) {
        SocketEntry client = tcp(32768, server, State.ESTABLISHED);
        SocketEntry accepted = tcp(server, 32768, State.ESTABLISHED);
        assertEquals("filenet-tms", LINUX.ianaName(Proto.TCP, 32768)); // what the column used to show
        assertEquals(name, ShownService.of(client, LINUX));
        assertEquals(name, ShownService.of(accepted, LINUX));
        assertNull(ShownService.local(client, LINUX));
        assertEquals(name, ShownService.remote(client, LINUX));
        assertEquals(name, ShownService.local(accepted, LINUX));
        assertNull(ShownService.remote(accepted, LINUX));
    }

    @Test
    void theServersRowOfAConnectionToAnUnnamedPortShowsNothingObscure() {
        // 2024 is IANA's xinuexpansion4 and nothing else: the listener and its connection are unnamed
        assertNull(ShownService.of(tcp(2024, 0, State.LISTEN), LINUX));
        assertNull(ShownService.of(tcp(2024, 32768, State.ESTABLISHED), LINUX));
        assertNull(ShownService.of(tcp(32768, 2024, State.ESTABLISHED), LINUX));
        // a server on an unnamed port inside the range, from a client port inside it
        assertNull(ShownService.of(tcp(46001, 52094, State.ESTABLISHED), LINUX));
        assertNull(ShownService.of(tcp(52094, 46001, State.ESTABLISHED), LINUX));
    }

    @Test
    void aHelpfulNameOnTheEphemeralSideIsNotShownEither() {
        // netbase names 57000 dircproxy and 60179 fido, both inside Linux's ephemeral range
        assertEquals("dircproxy", LINUX.name(Proto.TCP, 57000));
        SocketEntry client = tcp(57000, 443, State.ESTABLISHED);
        assertEquals("https", ShownService.of(client, LINUX));
        assertNull(ShownService.local(client, LINUX));
        SocketEntry server = tcp(22, 60179, State.ESTABLISHED);
        assertEquals("ssh", ShownService.of(server, LINUX));
        assertNull(ShownService.remote(server, LINUX));
        SocketEntry unnamedServer = tcp(2024, 57000, State.TIME_WAIT);
        assertNull(ShownService.of(unnamedServer, LINUX));
    }

    @Test
    void aListenerInsideTheEphemeralRangeKeepsItsName() {
        assertEquals("wireguard", ShownService.of(udp(51820, 0), LINUX));
        assertEquals("wireguard", ShownService.local(udp(51820, 0), LINUX));
        assertEquals("dircproxy", ShownService.of(tcp(57000, 0, State.LISTEN), LINUX));
        assertEquals("mysqlx", ShownService.of(tcp(33060, 0, State.LISTEN), LINUX));
        // a client reaching a server whose port is inside the range still names it
        assertEquals("mysqlx", ShownService.of(tcp(45000, 33060, State.ESTABLISHED), LINUX));
    }

    @Test
    void anOutgoingConnectionFromAFixedUnnamedPortNamesTheServer() {
        assertEquals("https", ShownService.of(tcp(2024, 443, State.ESTABLISHED), LINUX));
        assertNull(ShownService.local(tcp(2024, 443, State.ESTABLISHED), LINUX));
        assertEquals("https", ShownService.remote(tcp(2024, 443, State.ESTABLISHED), LINUX));
    }

    @Test
    void connectedUdpFollowsTheSameRules() {
        assertEquals("domain", ShownService.of(udp(40000, 53), LINUX));
        assertNull(ShownService.local(udp(40000, 53), LINUX));
        assertEquals("domain", ShownService.of(udp(53, 40000), LINUX));
        assertNull(ShownService.remote(udp(53, 40000), LINUX));
    }

    @Test
    void withoutAnEphemeralRangeOnlyHelpfulnessDecides() {
        BundledServiceRegistry none = BundledServiceRegistry.withoutEphemeralRange();
        assertEquals("dircproxy", ShownService.local(tcp(57000, 443, State.ESTABLISHED), none));
        assertNull(ShownService.of(tcp(32768, 2024, State.ESTABLISHED), none)); // both IANA's alone
        assertEquals("http-alt", ShownService.of(tcp(32768, 8080, State.ESTABLISHED), none));
    }

    @Test
    void unixRawAndNoRegistryNameNothing() {
        SocketEntry unix = new SocketEntry(
                Proto.UNIX,
                Family.UNIX,
                Address.path("/run/x.sock"),
                SocketEntry.NO_PORT,
                Address.NO_PATH,
                SocketEntry.NO_PORT,
                State.LISTEN,
                1,
                0,
                0,
                0);
        assertNull(ShownService.of(unix, LINUX));
        assertNull(ShownService.remote(unix, LINUX));
        SocketEntry raw = new SocketEntry(
                Proto.RAW,
                Family.IPV4,
                Address.parse("0.0.0.0"),
                1,
                Address.parse("0.0.0.0"),
                0,
                State.UNCONN,
                1,
                0,
                0,
                0);
        assertNull(ShownService.of(raw, LINUX));
        assertNull(ShownService.of(tcp(8080, 0, State.LISTEN), null));
    }
}
