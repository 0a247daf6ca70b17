package dev.sockscope.export;

import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;

/**
 * Who can reach a socket's local address: {@code loopback} (127.0.0.0/8, {@code ::1}, their
 * v4-mapped forms), {@code all} (the wildcard {@code 0.0.0.0} or {@code ::}: every interface),
 * {@code host} (another address of this host). Unix sockets: {@code local}. Decided from the
 * address text alone (canonical, as {@link SocketEntry} holds it); no lookup.
 */
public final class Exposure {
    public static final String LOOPBACK = "loopback";
    public static final String ALL = "all";
    public static final String HOST = "host";
    public static final String LOCAL = "local";

    private Exposure() {}

    /** The exposure of the socket's local address. */
    public static String of(SocketEntry e) {
        if (e.proto() == Proto.UNIX) {
            return LOCAL;
        }
        return ofAddress(e.localAddress());
    }

    /** The exposure of an address in canonical text. */
    public static String ofAddress(String a) {
        if (a.equals("0.0.0.0") || a.equals("::")) {
            return ALL;
        }
        if (isLoopback(a)) {
            return LOOPBACK;
        }
        return HOST;
    }

    /** 127.0.0.0/8, {@code ::1}, or {@code ::ffff:127.x.y.z}. */
    public static boolean isLoopback(String a) {
        return a.startsWith("127.") || a.equals("::1") || a.startsWith("::ffff:127.");
    }
}
