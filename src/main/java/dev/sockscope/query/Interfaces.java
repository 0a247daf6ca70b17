package dev.sockscope.query;

import dev.sockscope.model.Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;

/** The interfaces of this host (its network namespace) as {@code --interface} needs them. */
public final class Interfaces {
    private Interfaces() {}

    /**
     * The interface named {@code name} with its addresses.
     *
     * @param what the option or word, for the message
     * @throws QueryException when this host has no such interface
     */
    public static Filter.Iface lookup(String name, String what) throws QueryException {
        NetworkInterface ni;
        try {
            ni = NetworkInterface.getByName(name);
        } catch (SocketException e) {
            throw new QueryException(what + ": cannot list the interfaces: " + e.getMessage());
        }
        if (ni == null) {
            throw new QueryException(what + ": no interface '" + name + "' on this host");
        }
        Set<Address> addresses = new HashSet<>();
        for (Enumeration<InetAddress> e = ni.getInetAddresses(); e.hasMoreElements(); ) {
            addresses.add(Address.of(e.nextElement().getAddress()));
        }
        return new Filter.Iface(name, addresses);
    }
}
