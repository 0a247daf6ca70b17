/**
 * Where connection tables come from: {@link dev.sockscope.source.SocketSource} and its
 * implementations, {@code proc} (Linux, {@code /proc/net/*}) and {@code oshi} (everything else).
 * Nothing here knows about terminals or output formats.
 */
package dev.sockscope.source;
