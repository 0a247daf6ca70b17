package dev.sockscope.net;

import java.util.List;
import java.util.Objects;

/**
 * One address of an interface, as {@code ip addr} lists it.
 *
 * @param family  {@code ipv4} or {@code ipv6}
 * @param address canonical text ({@code 192.0.2.2}, RFC 5952 {@code fe80::1})
 * @param prefix  prefix length, 0..32 or 0..128
 * @param scope   {@code global}, {@code host}, {@code link}, {@code site}, or a number; null
 *                when the source does not say (java.net.NetworkInterface has no scope)
 * @param label   the IPv4 label ({@code eth0:1}); null when none or unknown (raw, untrusted)
 * @param flags   the address's flags as ip names them ({@code secondary}, {@code nodad},
 *                {@code tentative}, {@code deprecated}, {@code dadfailed}, {@code temporary},
 *                {@code noprefixroute}...); empty when none or unknown
 */
public record IfAddress(String family, String address, int prefix, String scope, String label, List<String> flags) {
    public IfAddress {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(address, "address");
        int max = family.equals("ipv4") ? 32 : 128;
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix " + prefix + " out of 0.." + max);
        }
        flags = List.copyOf(flags);
    }

    /** {@code address/prefix}. */
    public String cidr() {
        return address + "/" + prefix;
    }
}
