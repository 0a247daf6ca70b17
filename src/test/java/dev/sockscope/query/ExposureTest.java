package dev.sockscope.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sockscope.model.Address;
import dev.sockscope.model.Details;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;
import dev.sockscope.testing.Endpoints;
import org.junit.jupiter.api.Test;

/** The exposure classification on rows as the sources give them. */
class ExposureTest {
    private static SocketEntry listener(Family f, String address, String iface) {
        SocketEntry e = new SocketEntry(
                Proto.TCP,
                f,
                Endpoints.address(address),
                8080,
                Endpoints.address(f == Family.IPV4 ? "0.0.0.0" : "::"),
                0,
                State.LISTEN,
                7,
                0,
                0,
                0);
        return iface == null
                ? e
                : e.withDetails(new Details.Builder().iface(iface).build());
    }

    @Test
    void loopbackAddressesOfBothFamiliesAndMappedOnes() {
        assertEquals(Exposure.LOOPBACK, Exposure.of(listener(Family.IPV4, "127.0.0.1", null)));
        assertEquals(Exposure.LOOPBACK, Exposure.of(listener(Family.IPV4, "127.3.2.1", null)));
        assertEquals(Exposure.LOOPBACK, Exposure.of(listener(Family.IPV6, "::1", null)));
        assertEquals(Exposure.LOOPBACK, Exposure.of(listener(Family.IPV6, "::ffff:127.0.0.1", null)));
    }

    @Test
    void wildcardsAreEveryInterface() {
        assertEquals(Exposure.ALL, Exposure.of(listener(Family.IPV4, "0.0.0.0", null)));
        assertEquals(Exposure.ALL, Exposure.of(listener(Family.IPV6, "::", null)));
    }

    @Test
    void otherAddressesAreOneAddressOfThisHost() {
        assertEquals(Exposure.HOST, Exposure.of(listener(Family.IPV4, "10.0.0.5", null)));
        assertEquals(Exposure.HOST, Exposure.of(listener(Family.IPV6, "fe80::1", null)));
        assertEquals(Exposure.HOST, Exposure.of(listener(Family.IPV4, "128.0.0.1", null)));
    }

    @Test
    void aBoundDeviceWinsOverTheAddress() {
        assertEquals(Exposure.INTERFACE, Exposure.of(listener(Family.IPV4, "0.0.0.0", "eth0")));
        assertEquals(Exposure.INTERFACE, Exposure.of(listener(Family.IPV6, "fe80::1", "eth0")));
    }

    @Test
    void unixSocketsHaveNone() {
        assertNull(Exposure.of(new SocketEntry(
                Proto.UNIX,
                Family.UNIX,
                Address.path("/run/x.sock"),
                SocketEntry.NO_PORT,
                Address.NO_PATH,
                SocketEntry.NO_PORT,
                State.LISTEN,
                9,
                0,
                0,
                0)));
    }
}
