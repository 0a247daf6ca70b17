/**
 * The network readers of Linux: thin readers of {@code <procRoot>/net/*}, {@code
 * <sysRoot>/class/net/*} and resolv.conf files, each taking its root so tests read captured
 * trees, and rtnetlink (through an {@link dev.sockscope.net.RtnlTransport}) where {@code /proc}
 * has nothing: IPv4 addresses, IPv6 neighbours, exact neighbour states, the kernel's own route
 * choice. Parsing is in {@code dev.sockscope.net}.
 */
package dev.sockscope.net.linux;
