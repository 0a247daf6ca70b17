package dev.sockscope.explain;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * This host's port settings, from {@code <procRoot>/sys/net/} (see the kernel's
 * {@code ip-sysctl} documentation). Every value is null or -1 when its file is missing or
 * malformed (not Linux, a partial capture): then nothing is said about it.
 *
 * @param unprivilegedStart {@code net.ipv4.ip_unprivileged_port_start}: a port below it needs
 *                          root or {@code CAP_NET_BIND_SERVICE} (1024 by default); -1 unknown
 * @param ephemeralLow      {@code net.ipv4.ip_local_port_range}, low end; -1 unknown
 * @param ephemeralHigh     high end, inclusive; -1 unknown
 * @param reserved          {@code net.ipv4.ip_local_reserved_ports}: never handed out as an
 *                          ephemeral port; null unknown
 * @param bindV6Only        {@code net.ipv6.bindv6only}: the default of {@code IPV6_V6ONLY} for
 *                          new IPv6 sockets; null unknown
 */
public record KernelPorts(
        int unprivilegedStart, int ephemeralLow, int ephemeralHigh, BitSet reserved, Boolean bindV6Only) {

    private static final int MAX_FILE = 64 * 1024;

    /** Nothing known (other platforms). */
    public static final KernelPorts UNKNOWN = new KernelPorts(-1, -1, -1, null, null);

    /** Reads the settings under {@code procRoot}. */
    public static KernelPorts read(Path procRoot) {
        Path net = procRoot.resolve("sys/net");
        long start = number(text(net.resolve("ipv4/ip_unprivileged_port_start")));
        int[] range = range(text(net.resolve("ipv4/ip_local_port_range")));
        long v6only = number(text(net.resolve("ipv6/bindv6only")));
        return new KernelPorts(
                start >= 0 && start <= 65536 ? (int) start : -1,
                range == null ? -1 : range[0],
                range == null ? -1 : range[1],
                portList(text(net.resolve("ipv4/ip_local_reserved_ports"))),
                v6only < 0 ? null : v6only != 0);
    }

    /** Whether {@code port} is in the ephemeral range; false when the range is unknown. */
    public boolean ephemeral(int port) {
        return ephemeralLow >= 0 && port >= ephemeralLow && port <= ephemeralHigh;
    }

    /** Whether {@code port} is listed as reserved; false when unknown. */
    public boolean isReserved(int port) {
        return reserved != null && reserved.get(port);
    }

    /** Whether binding {@code port} needs privilege; false when unknown. */
    public boolean privileged(int port) {
        return unprivilegedStart >= 0 && port > 0 && port < unprivilegedStart;
    }

    private static String text(Path file) {
        try (InputStream in = new FileInputStream(file.toFile())) {
            byte[] b = in.readNBytes(MAX_FILE + 1);
            return b.length > MAX_FILE ? null : new String(b, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null; // not Linux, or not in this capture: unknown
        }
    }

    /** One decimal number with optional surrounding white space; -1 otherwise. */
    static long number(String s) {
        if (s == null) {
            return -1;
        }
        String t = s.strip();
        if (t.isEmpty() || t.length() > 9) {
            return -1;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(t);
    }

    /** {@code "32768\t60999"}: two ports, low &lt;= high; null otherwise. */
    static int[] range(String s) {
        if (s == null) {
            return null;
        }
        String[] parts = s.strip().split("[ \t]+");
        if (parts.length != 2) {
            return null;
        }
        long low = number(parts[0]);
        long high = number(parts[1]);
        if (low < 0 || high < 0 || low > 65535 || high > 65535 || low > high) {
            return null;
        }
        return new int[] {(int) low, (int) high};
    }

    /**
     * {@code "8000-8100,9090"} (the kernel's format; empty when none): the ports listed; null
     * when malformed.
     */
    static BitSet portList(String s) {
        if (s == null) {
            return null;
        }
        BitSet set = new BitSet(65536);
        String t = s.strip();
        if (t.isEmpty()) {
            return set;
        }
        for (String item : t.split(",")) {
            int dash = item.indexOf('-');
            long low = number(dash < 0 ? item : item.substring(0, dash));
            long high = dash < 0 ? low : number(item.substring(dash + 1));
            if (low < 0 || high < 0 || low > 65535 || high > 65535 || low > high) {
                return null;
            }
            set.set((int) low, (int) high + 1);
        }
        return set;
    }
}
