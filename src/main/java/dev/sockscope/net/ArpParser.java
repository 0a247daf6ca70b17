package dev.sockscope.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code /proc/net/arp}: a header, then {@code IP-address HW-type Flags HW-address
 * Mask Device}. The flags say only {@code ATF_PERM} (0x4: permanent) and {@code ATF_COM} (0x2:
 * a valid entry, reachable, stale, delay or probe); an entry with neither is waiting for or
 * failed its resolution, shown as {@code incomplete} with no MAC. The exact states need
 * rtnetlink ({@link Rtnetlink}).
 *
 * <p>A line with too few fields, an address that is not a dotted quad, or non-hex flags is
 * skipped and counted.
 */
public final class ArpParser {
    private static final int ATF_COM = 0x02;
    private static final int ATF_PERM = 0x04;

    private ArpParser() {}

    public static Parsed<Neighbor> parse(String text) {
        List<Neighbor> out = new ArrayList<>();
        int bad = 0;
        List<String> lines = Lines.of(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || (i == 0 && line.startsWith("IP address"))) {
                continue;
            }
            List<String> f = Lines.fields(line);
            if (f.size() < 6) {
                bad++;
                continue;
            }
            String address = Addresses.canonicalV4(f.get(0));
            long flags = Lines.hex0x(f.get(2), 8);
            if (address == null || flags < 0) {
                bad++;
                continue;
            }
            String state;
            if ((flags & ATF_PERM) != 0) {
                state = "permanent";
            } else if ((flags & ATF_COM) != 0) {
                state = "complete";
            } else {
                state = "incomplete";
            }
            String mac = f.get(3).toLowerCase(Locale.ROOT);
            if (state.equals("incomplete") || mac.equals("00:00:00:00:00:00")) {
                mac = null;
            }
            out.add(new Neighbor("ipv4", address, mac, f.get(5), state, null, false));
        }
        return new Parsed<>(out, bad);
    }
}
