package dev.sockscope.view;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.service.ShownService;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The text of each table cell, as netstat {@code -ano} shows it, shared by the {@code --list}
 * table and the live view; pure functions, no terminal and no I/O.
 *
 * <p>Every string that comes from the system (unix paths, process names, resolved host names)
 * leaves here through {@link Sanitizer#clean}.
 */
public final class Cells {
    /** Shown for a wildcard peer, an unnamed unix socket, or a value nobody knows. */
    public static final String WILDCARD = "*";
    /** PID/Program of a socket with no known holder, as netstat shows it. */
    public static final String NO_OWNER = "-";

    private Cells() {}

    /** {@link #proto} by protocol ordinal: IPv4 (and unix) text, then IPv6 text. */
    private static final String[][] PROTO_TEXT = new String[Proto.values().length][];

    static {
        for (Proto p : Proto.values()) {
            PROTO_TEXT[p.ordinal()] = new String[] {p.label(), p.label() + "6"};
        }
    }

    /** {@code tcp}, {@code udp}, {@code raw}, {@code unix}, with a {@code 6} for IPv6 ({@code tcp6}) as netstat does. */
    public static String proto(SocketEntry e) {
        return PROTO_TEXT[e.proto().ordinal()][e.family() == Family.IPV6 ? 1 : 0];
    }

    /**
     * An endpoint: {@code 127.0.0.1:80}, {@code [::1]:631}; a unix path (sanitized), {@code @name}
     * for an abstract one, {@code *} when unnamed.
     */
    public static String endpoint(Proto proto, Address address, int port) {
        String text = address.text();
        if (proto == Proto.UNIX) {
            return text.isEmpty() ? WILDCARD : Sanitizer.clean(text);
        }
        StringBuilder b = new StringBuilder(text.length() + 8);
        if (address.isIpv6()) {
            b.append('[').append(text).append(']');
        } else {
            b.append(text);
        }
        return b.append(':').append(port).toString();
    }

    /**
     * The local endpoint, as {@code ss} shows what netlink tells: a dual-stack IPv6 wildcard
     * ({@code IPV6_V6ONLY} off) is {@code *:8080}, an IPv6-only one {@code [::]:22}; a bound
     * device or an IPv6 scope follows the address: {@code [fe80::1]%eth0:9100},
     * {@code 0.0.0.0%eth0:9102}.
     */
    public static String local(SocketEntry e) {
        if (e.proto() == Proto.UNIX) {
            return endpoint(e.proto(), e.localAddress(), e.localPort());
        }
        String iface = e.details().iface();
        if (iface == null
                && Boolean.TRUE.equals(e.details().dualStack())
                && e.localAddress().equals(Address.IPV6_ANY)) {
            return "*:" + e.localPort();
        }
        if (iface == null) {
            return endpoint(e.proto(), e.localAddress(), e.localPort());
        }
        String a = e.localAddress().text();
        StringBuilder b = new StringBuilder(a.length() + iface.length() + 10);
        if (e.localAddress().isIpv6()) {
            b.append('[').append(a).append(']');
        } else {
            b.append(a);
        }
        return b.append('%')
                .append(Sanitizer.clean(iface))
                .append(':')
                .append(e.localPort())
                .toString();
    }

    /**
     * The remote endpoint; {@code *} for a wildcard peer (listening, unconnected) and for the
     * unknown peer of a unix socket.
     *
     * @param hostName the reverse-DNS name of the remote address, or null to show it numerically
     */
    public static String remote(SocketEntry e, String hostName) {
        if (e.hasWildcardPeer() || (e.proto() == Proto.UNIX && e.remoteAddress().equals(Address.NO_PATH))) {
            return WILDCARD;
        }
        if (hostName != null && !hostName.isEmpty() && e.proto() != Proto.UNIX) {
            return Sanitizer.clean(hostName) + ":" + e.remotePort();
        }
        return endpoint(e.proto(), e.remoteAddress(), e.remotePort());
    }

    /** The state's name ({@code LISTEN}, {@code ESTABLISHED}, ...). */
    public static String state(SocketEntry e) {
        return e.state().name();
    }

    /** {@code 1234/nginx}; {@code 1234/nginx+2} when two more processes hold it; {@code -} when none is known. */
    public static String pidProgram(SocketRow r) {
        Holder h = r.owner();
        if (h == null) {
            return NO_OWNER;
        }
        String s = h.pid() + "/" + Sanitizer.clean(h.process());
        int more = r.holders().size() - 1;
        return more > 0 ? s + "+" + more : s;
    }

    /**
     * {@link #pidProgram} for many rows: rows with the same holder list (a process's sockets
     * share one) share one string, made once. Not thread-safe; one per table or refresh.
     */
    public static final class PidPrograms {
        private final IdentityHashMap<List<Holder>, String> made = new IdentityHashMap<>();

        public String of(SocketRow r) {
            List<Holder> holders = r.holders();
            if (holders.isEmpty()) {
                return NO_OWNER;
            }
            String s = made.get(holders);
            if (s == null) {
                s = pidProgram(r);
                made.put(holders, s);
            }
            return s;
        }
    }

    /** {@link ShownService#of}, or "" when there is none. */
    public static String service(SocketEntry e, ServiceRegistry services) {
        String s = ShownService.of(e, services);
        return s == null ? "" : s;
    }

    /** Bytes per second in at most five characters: {@code 0}, {@code 512}, {@code 12.3K}, {@code 4.5M}, {@code 1.2G}. */
    public static String rate(double perSecond) {
        if (perSecond < 1000) {
            return Long.toString(Math.round(perSecond));
        }
        String[] units = {"K", "M", "G", "T"};
        double v = perSecond;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v >= 100 ? Long.toString(Math.round(v)) : String.format(java.util.Locale.ROOT, "%.1f", v)) + units[u];
    }

    /** A counter that may be {@link SocketEntry#UNKNOWN}: its decimal text or {@code unknown}. */
    public static String counter(long v) {
        return v == SocketEntry.UNKNOWN ? "unknown" : Long.toString(v);
    }
}
