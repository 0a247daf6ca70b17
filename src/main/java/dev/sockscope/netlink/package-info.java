/**
 * Netlink sockets from Java, and the {@code NETLINK_SOCK_DIAG} requests built on them.
 *
 * <p>{@link dev.sockscope.netlink.NetlinkSocket} is a plain netlink transport (open a protocol,
 * send a request, receive replies into a buffer, close) that any netlink family can use
 * ({@code NETLINK_ROUTE} as well as {@code NETLINK_SOCK_DIAG}); {@link dev.sockscope.netlink.Netns}
 * runs a call inside another network namespace; {@link dev.sockscope.netlink.SockDiag} builds
 * {@code inet_diag} and {@code unix_diag} requests, walks multipart replies and closes sockets
 * ({@code SOCK_DESTROY}); {@link dev.sockscope.netlink.InetDiagBytecode} compiles port
 * conditions to the kernel's filter language.
 *
 * <p>Native calls go through one of two bindings, chosen at the first call and loaded only
 * then: the JDK's own foreign function API ({@code java.lang.foreign}) on JDK 22 and newer, a
 * class compiled separately with {@code --release 22} and loaded by name; JNA direct mapping
 * ({@code com.sun.jna}, on the class path through OSHI) on JDK 17 to 21, or when the former is
 * not in the build. JNA's classes are used only in {@code JnaSyscalls}. This package imports
 * nothing else of sockscope's.
 */
package dev.sockscope.netlink;
