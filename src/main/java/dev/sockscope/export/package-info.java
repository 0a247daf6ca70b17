/**
 * What leaves the terminal: a saved snapshot read back ({@link dev.sockscope.export.SnapshotFile}),
 * the comparison of two sets of rows ({@link dev.sockscope.export.Baseline}, used by
 * {@code --diff} and callable by any view), the change stream of {@code --events}
 * ({@link dev.sockscope.export.EventTracker}), the kernel's TCP and UDP counters
 * ({@link dev.sockscope.health.CounterReader}, the parser the summary and hints use) and a process's systemd unit. Pure where it can be;
 * the readers take their file or {@code /proc} root as a parameter. The Prometheus client is
 * used only in {@code export.serve}.
 */
package dev.sockscope.export;
