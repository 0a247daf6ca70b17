package dev.sockscope.net;

import java.util.List;

/**
 * Reads the network around the sockets: one implementation per platform ({@code net.linux},
 * {@code net.oshi}). Each call reads afresh; notes gather what could not be read and how
 * things were read, for the command line to print once.
 */
public interface NetworkSource extends AutoCloseable {

    /** Every interface, ordered by index. @throws NetException when none could be listed */
    List<NetInterface> interfaces() throws NetException;

    /** The main routing tables, IPv4 then IPv6. @throws NetException when no table could be read */
    List<Route> routes() throws NetException;

    /** The ARP and NDP caches, the gateways of default routes marked. */
    List<Neighbor> neighbors() throws NetException;

    /** The resolvers in use. @throws NetException when {@code resolv.conf} cannot be read */
    Resolvers resolvers() throws NetException;

    /**
     * The route a packet to {@code destination} (4 or 16 bytes) would take.
     *
     * @return the answer; its {@code type} is {@code unreachable} when no route fits
     */
    RouteLookup routeTo(byte[] destination) throws NetException;

    /** Notes gathered so far (what was missing, how it was read), each one line; never null. */
    List<String> notes();

    /** {@code linux} or {@code oshi}. */
    String name();

    @Override
    default void close() {}
}
