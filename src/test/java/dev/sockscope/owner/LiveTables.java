package dev.sockscope.owner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Minimal reads of the live {@code /proc/net} tables, for live tests and measurements only. */
final class LiveTables {
    private LiveTables() {}

    /**
     * Inode of the 127.0.0.1 TCP listener on {@code port}: from {@code /proc/net/tcp}, or from
     * {@code tcp6} as {@code ::ffff:127.0.0.1} when the JDK made a dual-stack socket; -1 when absent.
     */
    static long loopbackListenerInode(int port) throws IOException {
        String v4 = String.format(Locale.ROOT, "0100007F:%04X", port);
        String mapped = String.format(Locale.ROOT, "0000000000000000FFFF00000100007F:%04X", port);
        for (String table : List.of("tcp", "tcp6")) {
            Path p = Path.of("/proc/net", table);
            if (!Files.isReadable(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && (f[1].equals(v4) || f[1].equals(mapped)) && f[3].equals("0A")) {
                    return Long.parseLong(f[9]);
                }
            }
        }
        return -1;
    }

    /** Every non-zero inode of the inet and unix tables. */
    static long[] allSocketInodes() throws IOException {
        long[] out = new long[1024];
        int n = 0;
        for (String table : List.of("tcp", "tcp6", "udp", "udp6", "raw", "raw6", "unix")) {
            Path p = Path.of("/proc/net", table);
            if (!Files.isReadable(p)) {
                continue;
            }
            int column = table.equals("unix") ? 6 : 9;
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > column) {
                    long inode = Long.parseLong(f[column]);
                    if (inode > 0) {
                        if (n == out.length) {
                            out = java.util.Arrays.copyOf(out, n * 2);
                        }
                        out[n++] = inode;
                    }
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
