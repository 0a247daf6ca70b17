package dev.sockscope.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Address;
import org.junit.jupiter.api.Test;

class AddressSetTest {
    private static boolean in(String set, String address) throws QueryException {
        return AddressSet.parse(set, "--address").contains(Address.parse(address));
    }

    @Test
    void anIpv6AddressWithoutPrefixMatchesOnlyItself() throws QueryException {
        assertTrue(in("[::1]", "::1"));
        assertFalse(in("[::1]", "::"));
        assertFalse(in("::1", "::ffff:127.0.0.1"));
        assertFalse(in("::1/128", "::2"));
        assertTrue(in("fe80::1", "fe80::1"));
        assertFalse(in("fe80::1", "fe80::2"));
    }

    @Test
    void blocksMatchByTheirLeadingBits() throws QueryException {
        assertTrue(in("10.0.0.0/8", "10.255.1.2"));
        assertFalse(in("10.0.0.0/8", "11.0.0.1"));
        assertTrue(in("10.0.0.5", "10.0.0.5"));
        assertFalse(in("10.0.0.5", "10.0.0.6"));
        assertTrue(in("0.0.0.0/0", "203.0.113.9"));
        assertFalse(in("0.0.0.0/0", "::1"));
        assertTrue(in("fe80::/10", "febf::1"));
        assertFalse(in("fe80::/10", "fec0::1"));
        assertTrue(in("2001:db8::/64", "2001:db8::ffff:1"));
        assertFalse(in("2001:db8::/64", "2001:db8:0:1::1"));
        assertTrue(in("2001:db8::/96", "2001:db8::ffff:1"));
        assertFalse(in("2001:db8::/96", "2001:db8::1:0:0:1"));
        assertTrue(in("::/0", "ffff::1"));
    }

    @Test
    void aMappedAddressMatchesItsIpv4BlockButNotAUnixPath() throws QueryException {
        assertTrue(in("127.0.0.0/8", "::ffff:127.0.0.1"));
        assertFalse(in("127.0.0.0/8", "::1"));
        assertFalse(AddressSet.parse("0.0.0.0/0,::/0", "--address").contains(Address.path("/run/x.sock")));
    }

    @Test
    void badItemsAreNamed() {
        assertEquals(
                "--address: 'host' is not an IP address or CIDR block",
                assertThrows(QueryException.class, () -> AddressSet.parse("host", "--address"))
                        .getMessage());
        assertEquals(
                "--address: '10.0.0.0/33': a prefix of an IPv4 address is at most 32",
                assertThrows(QueryException.class, () -> AddressSet.parse("10.0.0.0/33", "--address"))
                        .getMessage());
    }
}
