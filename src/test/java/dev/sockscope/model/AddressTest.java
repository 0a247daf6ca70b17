package dev.sockscope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "0.0.0.0",
                "255.255.255.255",
                "10.200.3.128",
                "::",
                "::1",
                "fe80::1",
                "2001:db8::1:0:0:1",
                "::ffff:10.0.0.5",
                "::102:304",
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "8000::"
            })
    void parsesCanonicalTextAndWritesItBackUnchanged(String text) {
        assertEquals(text, Address.parse(text).text());
    }

    @Test
    void writesTheCanonicalFormOfLooserText() {
        assertEquals("2001:db8::1", Address.parse("2001:0DB8:0:0:0:0:0:1").text());
        assertEquals("::ffff:127.0.0.1", Address.parse("::ffff:7f00:1").text());
        assertEquals("fe80::1", Address.parse("fe80::1%eth0").text());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "localhost", "1.2.3", "1.2.3.256", "1:2:3:4:5:6:7:8:9", ":::", "/run/x.sock", "@abstract"})
    void parsesNoAddressFromOtherText(String text) {
        assertNull(Address.parse(text));
    }

    @Test
    void textMatchesInetTextOnRandomAddresses() {
        Random r = new Random(11);
        for (int i = 0; i < 5000; i++) {
            byte[] b = new byte[i % 2 == 0 ? 4 : 16];
            r.nextBytes(b);
            if (b.length == 16 && i % 3 == 0) {
                // runs of zero groups, where RFC 5952's rules bite
                for (int k = r.nextInt(16); k < 16 && r.nextBoolean(); k++) {
                    b[k] = 0;
                }
            }
            Address a = Address.of(b);
            assertEquals(InetText.format(b), a.text());
            assertArrayEquals(b, a.bytes());
            assertEquals(a, Address.parse(a.text()));
        }
    }

    @Test
    void buildsTheSameAddressFromNumbersBytesAndText() {
        assertEquals(Address.parse("127.0.0.1"), Address.ipv4(0x7f000001));
        assertEquals(Address.parse("127.0.0.1"), Address.of(new byte[] {127, 0, 0, 1}));
        assertEquals(Address.parse("255.255.255.255"), Address.ipv4(-1));
        assertEquals(0xffffffffL, Address.ipv4(-1).low());
        assertEquals(Address.parse("::1"), Address.ipv6(0, 1));
        assertEquals(Address.parse("fe80::1"), Address.ipv6(0xfe80L << 48, 1));
        assertEquals(Address.parse("::1").hashCode(), Address.ipv6(0, 1).hashCode());
    }

    @Test
    void ordersIpv4NumericallyThenIpv6NumericallyThenPaths() {
        List<Address> sorted = List.of(
                Address.parse("0.0.0.0"),
                Address.parse("9.0.0.1"),
                Address.parse("10.0.0.2"),
                Address.parse("127.0.0.1"),
                Address.parse("200.1.1.1"),
                Address.parse("::"),
                Address.parse("::1"),
                Address.parse("::ffff:127.0.0.1"),
                Address.parse("2001:db8::1"),
                Address.parse("fe80::1"),
                Address.parse("ffff::"),
                Address.NO_PATH,
                Address.path("/run/a.sock"),
                Address.path("@abstract"));
        List<Address> shuffled = new ArrayList<>(sorted);
        java.util.Collections.shuffle(shuffled, new Random(5));
        java.util.Collections.sort(shuffled);
        assertEquals(sorted, shuffled);
    }

    @Test
    void keepsAMappedAddressApartFromItsIpv4Form() {
        Address mapped = Address.parse("::ffff:10.0.0.5");
        assertTrue(mapped.isV4Mapped());
        assertTrue(mapped.isIpv6());
        assertNotEquals(Address.parse("10.0.0.5"), mapped);
        assertFalse(Address.parse("::10.0.0.5").isV4Mapped());
    }

    @Test
    void knowsTheWildcards() {
        assertTrue(Address.parse("0.0.0.0").isWildcard());
        assertTrue(Address.parse("::").isWildcard());
        assertSame(Address.IPV6_ANY, Address.parse("::"));
        assertFalse(Address.parse("0.0.0.1").isWildcard());
        assertFalse(Address.parse("::ffff:0.0.0.0").isWildcard());
        assertFalse(Address.NO_PATH.isWildcard());
    }

    @Test
    void knowsLoopbackAddresses() {
        for (String s : List.of("127.0.0.1", "127.255.3.4", "::1", "::ffff:127.0.0.1", "::ffff:127.9.9.9")) {
            assertTrue(Address.parse(s).isLoopback(), s);
        }
        for (String s : List.of("126.255.255.255", "128.0.0.1", "::2", "::ffff:128.0.0.1", "::127.0.0.1", "0.0.0.0")) {
            assertFalse(Address.parse(s).isLoopback(), s);
        }
        assertFalse(Address.path("/tmp/127.0.0.1").isLoopback());
    }

    @Test
    void holdsAUnixPathAsText() {
        Address p = Address.path("/run/dbus/system_bus_socket");
        assertEquals("/run/dbus/system_bus_socket", p.text());
        assertTrue(p.isPath());
        assertEquals(Family.UNIX, p.family());
        assertEquals(Address.path("/run/dbus/system_bus_socket"), p);
        assertSame(Address.NO_PATH, Address.path(""));
        assertEquals("", Address.NO_PATH.text());
        assertThrows(IllegalStateException.class, p::bytes);
    }

    @Test
    void rejectsAddressesOfOtherLengths() {
        assertThrows(IllegalArgumentException.class, () -> Address.of(new byte[5]));
    }
}
