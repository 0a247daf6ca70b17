package dev.sockscope.service;

/**
 * The bundled table's shown names (netbase, seed, overlay: {@link NameSource#helpful}) per
 * protocol, from the two constants the build writes beside the table ({@code PortsText}): a
 * sorted string of ports, a char each, and the names in the same order. The Service column of
 * every row looks its ports up here, by bisection, so a snapshot never loads or parses the whole
 * table (170 KB, 6,000 rows) to name a few hundred ports; the table is read only for what else
 * it holds (IANA's names, {@code --port NAME}). {@code ShownNamesTest} checks every port of both
 * protocols against the parsed table.
 */
final class ShownNames {
    private final String ports;
    private final String[] names;

    private ShownNames(String ports, String names) {
        this.ports = ports;
        this.names = new String[ports.length()];
        int from = 0;
        for (int i = 0; i < this.names.length; i++) {
            int end = names.indexOf('\n', from);
            this.names[i] = names.substring(from, end);
            from = end + 1;
        }
    }

    /** The shown names of UDP's column ({@code udp}) or TCP's. */
    static ShownNames of(boolean udp) {
        return udp ? Udp.NAMES : Tcp.NAMES;
    }

    /** The shown name of {@code port} (0..65535), or null when none is shown. */
    String name(int port) {
        String p = ports;
        int lo = 0;
        int hi = p.length() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char c = p.charAt(mid);
            if (c < port) {
                lo = mid + 1;
            } else if (c > port) {
                hi = mid - 1;
            } else {
                return names[mid];
            }
        }
        return null;
    }

    private static final class Tcp {
        static final ShownNames NAMES = new ShownNames(PortsText.TCP_SHOWN_PORTS, PortsText.TCP_SHOWN_NAMES);
    }

    private static final class Udp {
        static final ShownNames NAMES = new ShownNames(PortsText.UDP_SHOWN_PORTS, PortsText.UDP_SHOWN_NAMES);
    }
}
