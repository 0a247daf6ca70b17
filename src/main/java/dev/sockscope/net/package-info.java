/**
 * The network around the sockets: interfaces with their addresses and counters, routes,
 * neighbours (ARP/NDP) and resolvers, as immutable records, with the pure parsers of the
 * kernel's text files ({@code /proc/net/{dev,route,ipv6_route,arp,if_inet6}}, {@code
 * /sys/class/net}), of {@code resolv.conf}, and of rtnetlink messages ({@link Rtnetlink}).
 *
 * <p>Parsers take text or bytes, never a path; readers that touch the system live in {@code
 * net.linux} (files under a root {@code Path} and an rtnetlink transport) and {@code net.oshi}
 * (other systems). Nothing here knows about terminals, options or exit codes; failures are
 * {@link NetException}. Every string from the system (interface names, labels, hostnames) is
 * kept exact here; views sanitize it.
 */
package dev.sockscope.net;
