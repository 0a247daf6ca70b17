package dev.sockscope.net;

/**
 * A listening socket reachable on an interface.
 *
 * @param proto   {@code tcp}, {@code udp}, {@code udplite}
 * @param address the bound local address, canonical text ({@code 0.0.0.0} and {@code ::} for
 *                the wildcard)
 * @param port    the local port
 * @param pid     the lowest pid holding it, null when unknown
 * @param process that process's name (raw, untrusted), null when unknown
 * @param why     {@code wildcard} (bound to every address), {@code address} (bound to an
 *                address this interface holds), {@code loopback}, {@code device} (bound to
 *                this interface with {@code SO_BINDTODEVICE} or an IPv6 scope)
 */
public record Listener(String proto, String address, int port, Integer pid, String process, String why) {}
