package dev.sockscope.view;

import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.service.ServiceRegistry;
import java.util.function.Function;

/**
 * The text of each table column for one row, shared by the {@code --list} table and the live
 * view. Every string that came from the system is passed through {@link Sanitizer} here, so
 * callers may print cells as they are.
 */
public final class Cells {
    /** Column headers, in order. */
    public static final String[] HEADERS = {"Proto", "Local Address", "Foreign Address", "State", "PID/Program", "Service"};
    public static final int PROTO = 0;
    public static final int LOCAL = 1;
    public static final int REMOTE = 2;
    public static final int STATE = 3;
    public static final int PROGRAM = 4;
    public static final int SERVICE = 5;

    private final ServiceRegistry services;
    private final Function<String, String> resolver;

    /**
     * @param services names ports; null for {@code -n} (the Service column then reads {@code -})
     * @param resolver address to host name, returning null when not (yet) known; null for none
     */
    public Cells(ServiceRegistry services, Function<String, String> resolver) {
        this.services = services;
        this.resolver = resolver;
    }

    /** The six cells of a row, sanitized. */
    public String[] of(SocketRow row) {
        SocketEntry e = row.entry();
        return new String[] {
            proto(e), local(e), remote(e), e.state().name(), program(row), service(e)
        };
    }

    /** {@code tcp}, {@code tcp6}, {@code udp6}, {@code raw}, {@code unix}, as netstat prints them. */
    public static String proto(SocketEntry e) {
        String p = e.proto() == Proto.UDPLITE ? "udpl" : e.proto().label();
        return e.family() == Family.IPV6 ? p + "6" : p;
    }

    /** Local endpoint: {@code 127.0.0.1:8080}, {@code [::1]:631}, a unix path, or {@code -} when unnamed. */
    public static String local(SocketEntry e) {
        if (e.proto() == Proto.UNIX) {
            return e.localAddress().isEmpty() ? "-" : Sanitizer.clean(e.localAddress());
        }
        return endpoint(e.family(), e.localAddress(), e.localPort());
    }

    /** Remote endpoint; {@code *} for a wildcard peer; {@code -} for unix (the peer is not in the table). */
    public String remote(SocketEntry e) {
        if (e.proto() == Proto.UNIX) {
            return e.remoteAddress().isEmpty() ? "-" : Sanitizer.clean(e.remoteAddress());
        }
        if (e.hasWildcardPeer()) {
            return "*";
        }
        if (resolver != null) {
            String host = resolver.apply(e.remoteAddress());
            if (host != null) {
                // a PTR record is controlled by whoever owns the address: untrusted text
                return Sanitizer.clean(host) + ":" + e.remotePort();
            }
        }
        return endpoint(e.family(), e.remoteAddress(), e.remotePort());
    }

    public static String endpoint(Family family, String address, int port) {
        return family == Family.IPV6 ? "[" + address + "]:" + port : address + ":" + port;
    }

    /**
     * {@code 1234/nginx}, with {@code +N} when N more processes hold the socket; {@code -}
     * when no holder is known.
     */
    public static String program(SocketRow row) {
        Holder h = row.owner();
        if (h == null) {
            return "-";
        }
        String s = h.pid() + "/" + Sanitizer.clean(h.process());
        int more = row.holders().size() - 1;
        return more > 0 ? s + " +" + more : s;
    }

    /**
     * The local port's service name; for a client socket whose local port has none, the
     * remote port's as {@code ->https}; {@code -} when neither is named or with {@code -n}.
     */
    public String service(SocketEntry e) {
        if (services == null || !e.proto().isInet()) {
            return "-";
        }
        String local = services.name(e.proto(), e.localPort());
        if (local != null) {
            return local;
        }
        if (!e.hasWildcardPeer()) {
            String remote = services.name(e.proto(), e.remotePort());
            if (remote != null) {
                return "->" + remote;
            }
        }
        return "-";
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
