/**
 * Health at a glance: the kernel's TCP and UDP counters ({@code /proc/net/snmp},
 * {@code /proc/net/netstat}, {@code /proc/net/snmp6}), socket counts by protocol, state and
 * process, and the hints engine that reads situations off them (a pile of {@code CLOSE_WAIT}, a
 * full accept queue, ...). Parsers are pure; readers take the {@code /proc} root. Nothing here
 * knows about terminals, options or exit codes.
 */
package dev.sockscope.health;
