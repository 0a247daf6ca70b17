package dev.sockscope.net;

import dev.sockscope.model.InetText;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the kernel's routing tables as {@code /proc} prints them: the main IPv4 table
 * ({@code /proc/net/route}) and the IPv6 routes ({@code /proc/net/ipv6_route}).
 *
 * <p>{@code /proc/net/route}: a header line, then {@code Iface Destination Gateway Flags RefCnt
 * Use Metric Mask MTU Window IRTT}, addresses and mask as 8 hex digits of the 32-bit value in
 * the host's byte order ({@code 010200C0} is 192.0.2.1 on a little-endian machine). An
 * unreachable route has the interface {@code *}.
 *
 * <p>{@code /proc/net/ipv6_route}: no header; {@code destination(32 hex) dst_len(hex)
 * source(32) src_len next_hop(32) metric(hex) refcnt use flags(hex) device}. It holds the
 * local table too; as {@code ip -6 route} shows only the main table, the local table's
 * entries are dropped: local and anycast addresses ({@code RTF_LOCAL}, {@code RTF_ANYCAST}),
 * the multicast {@code ff00::/8} routes, and the kernel's null entry (a reject {@code ::/0} on
 * {@code lo} with metric 0xffffffff).
 *
 * <p>A line with the wrong number of fields, bad hex, or a non-contiguous mask is skipped and
 * counted.
 */
public final class RouteTableParser {
    static final int RTF_ANYCAST = 0x00100000;
    static final int RTF_LOCAL = 0x80000000;

    private RouteTableParser() {}

    /** {@code /proc/net/route}, in this machine's byte order. */
    public static Parsed<Route> ipv4(String text) {
        return ipv4(text, ByteOrder.nativeOrder());
    }

    /** {@code /proc/net/route} as printed by a machine of the given byte order. */
    public static Parsed<Route> ipv4(String text, ByteOrder order) {
        List<Route> out = new ArrayList<>();
        int bad = 0;
        List<String> lines = Lines.of(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || (i == 0 && line.startsWith("Iface"))) {
                continue;
            }
            List<String> f = Lines.fields(line);
            if (f.size() < 11) {
                bad++;
                continue;
            }
            long dst = Lines.hex(f.get(1), 8);
            long gw = Lines.hex(f.get(2), 8);
            long flags = Lines.hex(f.get(3), 8);
            long metric = Lines.decimal(f.get(6));
            long mask = Lines.hex(f.get(7), 8);
            if (dst < 0 || gw < 0 || flags < 0 || metric < 0 || mask < 0) {
                bad++;
                continue;
            }
            byte[] maskBytes = bytes4(mask, order);
            int prefix = prefixOf(maskBytes);
            if (prefix < 0) {
                bad++;
                continue;
            }
            String iface = f.get(0).equals("*") ? null : f.get(0);
            int fl = (int) flags;
            String gateway = (fl & Route.RTF_GATEWAY) != 0 || gw != 0 ? InetText.format(bytes4(gw, order)) : null;
            String type = (fl & Route.RTF_REJECT) != 0 ? "unreachable" : "unicast";
            out.add(new Route("ipv4", InetText.format(bytes4(dst, order)), prefix, gateway, iface, metric, fl, type));
        }
        return new Parsed<>(out, bad);
    }

    /** {@code /proc/net/ipv6_route}, main-table routes only. */
    public static Parsed<Route> ipv6(String text) {
        List<Route> out = new ArrayList<>();
        int bad = 0;
        for (String line : Lines.of(text)) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = Lines.fields(line);
            if (f.size() != 10) {
                bad++;
                continue;
            }
            byte[] dst = Lines.hexBytes(f.get(0), 16);
            long dstLen = Lines.hex(f.get(1), 2);
            byte[] next = Lines.hexBytes(f.get(4), 16);
            long metric = Lines.hex(f.get(5), 8);
            long flags = Lines.hex(f.get(8), 8);
            if (dst == null || next == null || dstLen < 0 || dstLen > 128 || metric < 0 || flags < 0) {
                bad++;
                continue;
            }
            int fl = (int) flags;
            String dev = f.get(9);
            if ((fl & (RTF_LOCAL | RTF_ANYCAST)) != 0) {
                continue; // table local: this host's own addresses
            }
            if (dst[0] == (byte) 0xff && dstLen == 8 && isZero(next)) {
                continue; // table local: multicast ff00::/8 on every interface
            }
            if ((fl & Route.RTF_REJECT) != 0 && dstLen == 0 && metric == 0xffffffffL && dev.equals("lo")) {
                continue; // the kernel's null entry, in no table ip shows
            }
            String gateway = isZero(next) ? null : InetText.format(next);
            String type = (fl & Route.RTF_REJECT) != 0 ? "unreachable" : "unicast";
            out.add(new Route("ipv6", InetText.format(dst), (int) dstLen, gateway, dev, metric, fl, type));
        }
        return new Parsed<>(out, bad);
    }

    private static byte[] bytes4(long v, ByteOrder order) {
        int x = (int) v;
        if (order == ByteOrder.LITTLE_ENDIAN) {
            return new byte[] {(byte) x, (byte) (x >>> 8), (byte) (x >>> 16), (byte) (x >>> 24)};
        }
        return new byte[] {(byte) (x >>> 24), (byte) (x >>> 16), (byte) (x >>> 8), (byte) x};
    }

    /** The prefix length of a mask in network order; -1 when its ones are not contiguous. */
    static int prefixOf(byte[] mask) {
        int prefix = 0;
        boolean zeroSeen = false;
        for (byte b : mask) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean one = (b >> bit & 1) != 0;
                if (one && zeroSeen) {
                    return -1;
                }
                if (one) {
                    prefix++;
                } else {
                    zeroSeen = true;
                }
            }
        }
        return prefix;
    }

    private static boolean isZero(byte[] a) {
        for (byte b : a) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
