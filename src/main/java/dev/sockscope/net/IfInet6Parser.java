package dev.sockscope.net;

import dev.sockscope.model.InetText;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code /proc/net/if_inet6}, the IPv6 addresses of every interface: {@code
 * address(32 hex) ifindex(hex) prefix(hex) scope(hex) flags(hex) name}. The scope is the
 * kernel's address type (0x00 global, 0x10 host (loopback), 0x20 link, 0x40 site); the flags
 * are the low byte of {@code IFA_F_*}.
 *
 * <p>A line with the wrong number of fields or bad hex is skipped and counted.
 */
public final class IfInet6Parser {
    /** One address and the interface that holds it. */
    public record Entry(String iface, int index, IfAddress address) {}

    private IfInet6Parser() {}

    public static Parsed<Entry> parse(String text) {
        List<Entry> out = new ArrayList<>();
        int bad = 0;
        for (String line : Lines.of(text)) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = Lines.fields(line);
            if (f.size() != 6) {
                bad++;
                continue;
            }
            byte[] addr = Lines.hexBytes(f.get(0), 16);
            long index = Lines.hex(f.get(1), 8);
            long prefix = Lines.hex(f.get(2), 2);
            long scope = Lines.hex(f.get(3), 2);
            long flags = Lines.hex(f.get(4), 2);
            if (addr == null || index < 0 || prefix < 0 || prefix > 128 || scope < 0 || flags < 0) {
                bad++;
                continue;
            }
            String scopeName;
            switch ((int) scope) {
                case 0x00:
                    scopeName = "global";
                    break;
                case 0x10:
                    scopeName = "host";
                    break;
                case 0x20:
                    scopeName = "link";
                    break;
                case 0x40:
                    scopeName = "site";
                    break;
                default:
                    scopeName = Long.toString(scope);
            }
            IfAddress a = new IfAddress(
                    "ipv6",
                    InetText.format(addr),
                    (int) prefix,
                    scopeName,
                    null,
                    AddressFlags.names((int) flags, true));
            out.add(new Entry(f.get(5), (int) index, a));
        }
        return new Parsed<>(out, bad);
    }
}
