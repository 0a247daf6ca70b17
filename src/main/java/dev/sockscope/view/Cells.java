package dev.sockscope.view;

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
    /** Column headers, in order. */
    public static final String[] HEADERS = {
        "Proto", "Local Address", "Foreign Address", "State", "PID/Program", "Service"
    };
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
    public static String endpoint(Proto proto, String address, int port) {
        if (proto == Proto.UNIX) {
            return address.isEmpty() ? WILDCARD : Sanitizer.clean(address);
        }
        StringBuilder b = new StringBuilder(address.length() + 8);
        if (address.indexOf(':') >= 0) {
            b.append('[').append(address).append(']');
        } else {
            b.append(address);
        }
        return b.append(':').append(port).toString();
    }

    /** The local endpoint. */
    public static String local(SocketEntry e) {
        return endpoint(e.proto(), e.localAddress(), e.localPort());
    }

    /**
     * The remote endpoint; {@code *} for a wildcard peer (listening, unconnected) and for the
     * unknown peer of a unix socket.
     *
     * @param hostName the reverse-DNS name of the remote address, or null to show it numerically
     */
    public static String remote(SocketEntry e, String hostName) {
        if (e.hasWildcardPeer() || (e.proto() == Proto.UNIX && e.remoteAddress().isEmpty())) {
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

    /** A counter that may be {@link SocketEntry#UNKNOWN}: its decimal text or {@code unknown}. */
    public static String counter(long v) {
        return v == SocketEntry.UNKNOWN ? "unknown" : Long.toString(v);
    }

    /**
     * Fits column widths into {@code width}: columns shrink, widest first, but never below
     * their minimum; the result may still exceed {@code width} when the minimums do.
     *
     * @param natural the width each column wants
     * @param min     the least width each column accepts
     * @param gap     spaces between columns
     */
    public static int[] fit(int[] natural, int[] min, int gap, int width) {
        int[] w = natural.clone();
        int total = gap * (w.length - 1);
        for (int x : w) {
            total += x;
        }
        while (total > width) {
            int widest = -1;
            for (int i = 0; i < w.length; i++) {
                if (w[i] > min[i] && (widest < 0 || w[i] - min[i] > w[widest] - min[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                break;
            }
            w[widest]--;
            total--;
        }
        return w;
    }

    /** The text cut to {@code width} code points, ending in {@code …} when cut. */
    public static String elide(String s, int width) {
        int len = s.codePointCount(0, s.length());
        if (len <= width) {
            return s;
        }
        if (width <= 0) {
            return "";
        }
        int end = s.offsetByCodePoints(0, width - 1);
        return s.substring(0, end) + "…";
    }

    /** Code points in the text (the table's notion of width). */
    public static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
