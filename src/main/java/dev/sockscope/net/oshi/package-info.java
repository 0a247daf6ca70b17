/**
 * The network views on systems without {@code /proc/net}: OSHI's {@code NetworkIF} and {@code
 * NetworkParams}. The only {@code oshi.*} imports of the network code; loaded by name, only on
 * that path.
 */
package dev.sockscope.net.oshi;
