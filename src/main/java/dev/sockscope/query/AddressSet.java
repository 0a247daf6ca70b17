package dev.sockscope.query;

import dev.sockscope.model.Address;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of addresses and CIDR blocks ({@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code ::1},
 * {@code fe80::/10}, {@code [::1]}), matched against a socket's {@link Address} by its bits.
 * An IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.5}) matches the IPv4 blocks it maps to, so
 * a dual-stack server's accepted connections are found by their IPv4 address. Immutable.
 */
public final class AddressSet {
    private final List<Block> blocks;
    private final String text;

    private AddressSet(List<Block> blocks, String text) {
        this.blocks = List.copyOf(blocks);
        this.text = text;
    }

    /**
     * @param what the option or word, for the message
     * @throws QueryException naming the bad item
     */
    public static AddressSet parse(String list, String what) throws QueryException {
        List<Block> blocks = new ArrayList<>();
        for (String item : Lists.items(list, what)) {
            blocks.add(block(item, what));
        }
        return new AddressSet(blocks, list);
    }

    private static Block block(String item, String what) throws QueryException {
        String s = item;
        int prefix = -1;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            s = s.substring(0, slash);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new QueryException(what + ": '" + item + "' has a bad prefix length");
            }
            prefix = Integer.parseInt(p);
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        Address addr = Address.parse(s);
        if (addr == null) {
            throw new QueryException(what + ": '" + item + "' is not an IP address or CIDR block");
        }
        int bits = addr.isIpv4() ? 32 : 128;
        if (prefix > bits) {
            throw new QueryException(what + ": '" + item + "': a prefix of an IPv" + (bits == 32 ? 4 : 6)
                    + " address is at most " + bits);
        }
        return new Block(addr, prefix < 0 ? bits : prefix);
    }

    /** True when the address lies in one of the blocks; false for a unix path. */
    public boolean contains(Address address) {
        if (address.isPath()) {
            return false;
        }
        Address v4 = address.isV4Mapped() ? Address.ipv4((int) address.low()) : null;
        for (Block b : blocks) {
            if (b.contains(address) || (v4 != null && b.contains(v4))) {
                return true;
            }
        }
        return false;
    }

    public AddressSet or(AddressSet other) {
        List<Block> all = new ArrayList<>(blocks);
        all.addAll(other.blocks);
        return new AddressSet(all, text + "," + other.text);
    }

    @Override
    public String toString() {
        return text;
    }

    /** An address and the number of leading bits that must match. */
    private record Block(Address address, int prefix) {
        boolean contains(Address a) {
            if (a.family() != address.family()) {
                return false;
            }
            if (a.isIpv4()) {
                return prefix == 0 || ((a.low() ^ address.low()) >>> (32 - prefix)) == 0;
            }
            if (prefix <= 64) {
                return prefix == 0 || ((a.high() ^ address.high()) >>> (64 - prefix)) == 0;
            }
            // 65..128 bits: the high half whole, then the low bits left over (a shift of 0 takes all)
            return a.high() == address.high() && ((a.low() ^ address.low()) >>> (128 - prefix)) == 0;
        }
    }
}
