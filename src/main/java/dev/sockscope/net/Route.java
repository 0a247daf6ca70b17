package dev.sockscope.net;

import java.util.List;
import java.util.Objects;

/**
 * One route of the main routing table ({@code netstat -r}, {@code ip route}).
 *
 * @param family      {@code ipv4} or {@code ipv6}
 * @param destination network address, canonical text
 * @param prefix      destination prefix length
 * @param gateway     next hop, canonical text; null for a directly connected route
 * @param iface       output interface (raw, untrusted); null when the route has none
 * @param metric      route metric (IPv4 routes without one have 0, as the kernel keeps them)
 * @param flags       {@code RTF_*} bits as the kernel gives them
 * @param type        {@code unicast}, or {@code unreachable} for a reject route
 */
public record Route(
        String family,
        String destination,
        int prefix,
        String gateway,
        String iface,
        long metric,
        int flags,
        String type) {

    public static final int RTF_UP = 0x0001;
    public static final int RTF_GATEWAY = 0x0002;
    public static final int RTF_HOST = 0x0004;
    public static final int RTF_REINSTATE = 0x0008;
    public static final int RTF_DYNAMIC = 0x0010;
    public static final int RTF_MODIFIED = 0x0020;
    public static final int RTF_REJECT = 0x0200;
    public static final int RTF_ADDRCONF = 0x040000;
    public static final int RTF_CACHE = 0x01000000;

    public Route {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(type, "type");
        int max = family.equals("ipv4") ? 32 : 128;
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix " + prefix + " out of 0.." + max);
        }
    }

    /** A default route: destination 0.0.0.0/0 or ::/0. */
    public boolean isDefault() {
        return prefix == 0;
    }

    /** {@code destination/prefix}, or {@code default}. */
    public String destinationText() {
        return isDefault() ? "default" : destination + "/" + prefix;
    }

    /** The flags as netstat -r letters: U up, G gateway, H host, R reinstate, D dynamic, M modified, A addrconf, C cache, ! reject. */
    public String flagLetters() {
        StringBuilder b = new StringBuilder(4);
        if ((flags & RTF_UP) != 0) {
            b.append('U');
        }
        if ((flags & RTF_GATEWAY) != 0) {
            b.append('G');
        }
        if ((flags & RTF_HOST) != 0) {
            b.append('H');
        }
        if ((flags & RTF_REINSTATE) != 0) {
            b.append('R');
        }
        if ((flags & RTF_DYNAMIC) != 0) {
            b.append('D');
        }
        if ((flags & RTF_MODIFIED) != 0) {
            b.append('M');
        }
        if ((flags & RTF_ADDRCONF) != 0) {
            b.append('A');
        }
        if ((flags & RTF_CACHE) != 0) {
            b.append('C');
        }
        if ((flags & RTF_REJECT) != 0) {
            b.append('!');
        }
        return b.toString();
    }

    /** The flags as words, for JSON: {@code up}, {@code gateway}, {@code host}, ... */
    public List<String> flagNames() {
        List<String> names = new java.util.ArrayList<>(4);
        String letters = flagLetters();
        for (int i = 0; i < letters.length(); i++) {
            switch (letters.charAt(i)) {
                case 'U' -> names.add("up");
                case 'G' -> names.add("gateway");
                case 'H' -> names.add("host");
                case 'R' -> names.add("reinstate");
                case 'D' -> names.add("dynamic");
                case 'M' -> names.add("modified");
                case 'A' -> names.add("addrconf");
                case 'C' -> names.add("cache");
                default -> names.add("reject");
            }
        }
        return names;
    }
}
