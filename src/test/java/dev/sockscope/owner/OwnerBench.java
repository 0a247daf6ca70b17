package dev.sockscope.owner;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rough timing of {@link ProcOwnerResolver} on the live {@code /proc}: resolves every socket
 * inode of the inet and unix tables. Optional argument: how many extra 127.0.0.1 listeners this
 * JVM opens first (bounded by the fd limit) to give the walk more sockets. Not a test.
 */
public final class OwnerBench {
    private OwnerBench() {}

    public static void main(String[] args) throws Exception {
        int extra = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        List<ServerSocketChannel> listeners = new ArrayList<>();
        try {
            InetAddress lo = InetAddress.getByName("127.0.0.1");
            for (int i = 0; i < extra; i++) {
                ServerSocketChannel ch = ServerSocketChannel.open();
                ch.bind(new InetSocketAddress(lo, 0), 1);
                listeners.add(ch);
            }
            long[] inodes = LiveTables.allSocketInodes();
            UserNames users = new UserNames(Path.of("/etc/passwd"));
            Path proc = Path.of("/proc");

            ProcOwnerResolver warmup = new ProcOwnerResolver(proc, users, 1);
            for (int i = 0; i < 15; i++) {
                warmup.resolve(inodes);
            }
            double[] full = new double[15];
            Owners last = null;
            for (int i = 0; i < full.length; i++) {
                long t0 = System.nanoTime();
                last = warmup.resolve(inodes);
                full[i] = (System.nanoTime() - t0) / 1e6;
            }
            ProcOwnerResolver.ScanStats fs = warmup.lastStats();
            int withHolder = 0;
            for (long inode : inodes) {
                if (!last.holdersOf(inode).isEmpty()) {
                    withHolder++;
                }
            }

            ProcOwnerResolver reuse = new ProcOwnerResolver(proc, users, 1_000_000);
            long c0 = System.nanoTime();
            reuse.resolve(inodes);
            double cold = (System.nanoTime() - c0) / 1e6;
            double[] warm = new double[30];
            for (int i = 0; i < warm.length; i++) {
                long t0 = System.nanoTime();
                reuse.resolve(inodes);
                warm[i] = (System.nanoTime() - t0) / 1e6;
            }
            ProcOwnerResolver.ScanStats ws = reuse.lastStats();

            System.out.printf(
                    "processes=%d fdLinks=%d socketInodes=%d withHolder=%d%n",
                    fs.processes(), fs.linksRead(), inodes.length, withHolder);
            System.out.printf(
                    "full scan: median %.2f ms (min %.2f) = %.2f us/fd%n",
                    median(full), min(full), median(full) * 1000 / fs.linksRead());
            System.out.printf("first call of a new resolver (JIT warm): %.2f ms%n", cold);
            System.out.printf(
                    "reuse, nothing changed: median %.2f ms (min %.2f), tablesRead=%d linksRead=%d%n",
                    median(warm), min(warm), ws.tablesRead(), ws.linksRead());
        } finally {
            for (ServerSocketChannel ch : listeners) {
                ch.close();
            }
        }
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElse(0);
    }
}
