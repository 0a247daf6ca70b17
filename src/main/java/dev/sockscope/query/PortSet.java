package dev.sockscope.query;

import dev.sockscope.service.ServiceRegistry;
import java.util.BitSet;

/**
 * A set of ports parsed from a list such as {@code 80,443,8000-8100,http}: numbers, inclusive
 * ranges and service names (every port the registry knows for the name), OR-ed together.
 */
public final class PortSet {
    private final BitSet ports;
    private final String text;

    private PortSet(BitSet ports, String text) {
        this.ports = ports;
        this.text = text;
    }

    /**
     * @param what the option or word being parsed, named in error messages ({@code --port})
     * @throws QueryException naming the bad element: not a number, out of 0..65535, an empty
     *                        or reversed range, or a service name the registry does not know
     */
    public static PortSet parse(String list, String what, ServiceRegistry services) throws QueryException {
        BitSet set = new BitSet(65536);
        int start = 0;
        int n = list.length();
        if (list.isBlank()) {
            throw new QueryException(what + ": empty port list");
        }
        while (start <= n) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? n : comma;
            String item = list.substring(start, end).trim();
            addItem(set, item, what, services);
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return new PortSet(set, list.trim());
    }

    private static void addItem(BitSet set, String item, String what, ServiceRegistry services) throws QueryException {
        if (item.isEmpty()) {
            throw new QueryException(what + ": empty item in port list");
        }
        int dash = item.indexOf('-', 1);
        if (Character.isDigit(item.charAt(0)) && dash > 0 && isNumber(item.substring(0, dash))) {
            int lo = port(item.substring(0, dash).trim(), what);
            int hi = port(item.substring(dash + 1).trim(), what);
            if (lo > hi) {
                throw new QueryException(what + ": range '" + item + "' ends before it starts");
            }
            set.set(lo, hi + 1);
        } else if (isNumber(item) || item.startsWith("-") || item.startsWith("+")) {
            set.set(port(item, what));
        } else {
            int[] named = services == null ? new int[0] : services.ports(item);
            if (named.length == 0) {
                throw new QueryException(what + ": unknown service name '" + item + "'");
            }
            for (int p : named) {
                set.set(p);
            }
        }
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int port(String s, String what) throws QueryException {
        if (!isNumber(s) || s.length() > 5 || Integer.parseInt(s) > 65535) {
            throw new QueryException(what + ": '" + s + "' is not a port number (0-65535)");
        }
        return Integer.parseInt(s);
    }

    public boolean contains(int port) {
        return port >= 0 && ports.get(port);
    }

    /** Merges another set into a new one (two words naming the same option are OR-ed). */
    public PortSet or(PortSet other) {
        BitSet b = (BitSet) ports.clone();
        b.or(other.ports);
        return new PortSet(b, text + "," + other.text);
    }

    @Override
    public String toString() {
        return text;
    }
}
