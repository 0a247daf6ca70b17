package dev.sockscope.netlink;

/**
 * Prints how long this fresh JVM took from {@code main} to the first netlink {@code socket()}
 * call returning ({@code open_ms}), which includes loading the native binding, the CPU time the
 * process spent meanwhile, all threads ({@code cpu_ms}: less disturbed by a busy machine), and
 * the binding used. A measurement tool for docs/netlink.md, run once per JVM: {@code java -cp ...
 * [-Dsockscope.native=jna|ffm] dev.sockscope.netlink.NativeStart}.
 */
public final class NativeStart {
    private NativeStart() {}

    public static void main(String[] args) throws Exception {
        ProcessHandle self = ProcessHandle.current();
        long c0 = self.info().totalCpuDuration().orElseThrow().toNanos();
        long t0 = System.nanoTime();
        try (NetlinkSocket nl = NetlinkSocket.open(NetlinkSocket.NETLINK_SOCK_DIAG)) {
            long t1 = System.nanoTime();
            long c1 = self.info().totalCpuDuration().orElseThrow().toNanos();
            System.out.printf(
                    "binding=%s open_ms=%.1f cpu_ms=%.1f%n", NetlinkSocket.binding(), (t1 - t0) / 1e6, (c1 - c0) / 1e6);
        }
    }
}
