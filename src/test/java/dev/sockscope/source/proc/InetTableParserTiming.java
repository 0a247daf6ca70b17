package dev.sockscope.source.proc;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A rough timing of {@link InetTableParser} on synthetic 100k-row tables, with and without the
 * address cache (not a test; run by hand):
 * {@code java -cp target/classes:target/test-classes dev.sockscope.source.proc.InetTableParserTiming}.
 */
public final class InetTableParserTiming {
    private static boolean firstRun = true;

    private InetTableParserTiming() {}

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int peers = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        byte[] v4 = table(rows, peers, false);
        byte[] v6 = table(rows, peers, true);
        System.out.printf(
                "%d rows, %d distinct peers; tcp %.1f MB, tcp6 %.1f MB%n",
                rows, peers, v4.length / 1e6, v6.length / 1e6);
        for (int round = 0; round < 3; round++) {
            for (boolean cache : new boolean[] {false, true}) {
                run("tcp ", v4, Family.IPV4, cache, round == 2);
                run("tcp6", v6, Family.IPV6, cache, round == 2);
            }
        }
    }

    private static void run(String name, byte[] data, Family family, boolean cache, boolean print) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        long first = -1;
        long bytes = 0;
        int n = 0;
        for (int i = 0; i < 10; i++) {
            InetTableParser p = new InetTableParser(ByteOrder.LITTLE_ENDIAN, cache);
            List<SocketEntry> out = new ArrayList<>(data.length / 150 + 16);
            long a0 = mx.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            int bad = p.parse(data, data.length, Proto.TCP, family, out);
            long t = System.nanoTime() - t0;
            bytes = mx.getCurrentThreadAllocatedBytes() - a0;
            if (bad != 0) {
                throw new AssertionError(bad + " bad lines");
            }
            best = Math.min(best, t);
            first = first < 0 ? t : first;
            n = out.size();
        }
        firstRun = false;
        if (print || firstRun) {
            System.out.printf(
                    "%s cache=%-5s first run %6.1f ms, best of 10: %6.1f ms, %5.0f ns/row, allocated %5.1f MB (%4.0f B/row)%n",
                    name, cache, first / 1e6, best / 1e6, (double) best / n, bytes / 1e6, (double) bytes / n);
        }
    }

    /** A table shaped like a busy server: a few listeners, most rows established to many peers. */
    static byte[] table(int rows, int peers, boolean v6) {
        Random rnd = new Random(42);
        StringBuilder sb = new StringBuilder(rows * (v6 ? 180 : 150));
        sb.append(
                        v6
                                ? "  sl  local_address                         remote_address                        st"
                                : "  sl  local_address rem_address   st")
                .append(" tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
        for (int i = 0; i < rows; i++) {
            int peer = rnd.nextInt(peers);
            String local = v6 ? "0000000000000000FFFF00000500000A" : "0500000A";
            String remote = v6
                    ? String.format("B80D0120000000000000000000%06X", peer)
                    : String.format("%08X", 0x0000000A | peer << 8);
            sb.append(String.format(
                    "%6d: %s:%04X %s:%04X %02X %08X:%08X 00:00000000 00000000  1000        0 %d 1"
                            + " 0000000000000000 20 4 30 10 -1                     %n",
                    i, local, 443, remote, 1024 + rnd.nextInt(60000), 1, 0, rnd.nextInt(3), 200000 + i));
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
