package dev.sockscope.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of addresses and CIDR blocks ({@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code ::1},
 * {@code fe80::/10}, {@code [::1]}), matched against the canonical address text of a socket.
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
        byte[] addr = IpParse.parse(s);
        if (addr == null) {
            throw new QueryException(what + ": '" + item + "' is not an IP address or CIDR block");
        }
        int bits = addr.length * 8;
        if (prefix > bits) {
            throw new QueryException(what + ": '" + item + "': a prefix of an IPv" + (bits == 32 ? 4 : 6)
                    + " address is at most " + bits);
        }
        return new Block(addr, prefix < 0 ? bits : prefix);
    }

    /** True when the canonical address text lies in one of the blocks; false for text that is no address. */
    public boolean contains(String address) {
        byte[] a = IpParse.parse(address);
        if (a == null) {
            return false;
        }
        byte[] v4 = a.length == 16 && isV4Mapped(a) ? java.util.Arrays.copyOfRange(a, 12, 16) : null;
        for (Block b : blocks) {
            if (b.contains(a) || (v4 != null && b.contains(v4))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
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

    private record Block(byte[] address, int prefix) {
        boolean contains(byte[] a) {
            if (a.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (address[full] & mask);
        }
    }
}
