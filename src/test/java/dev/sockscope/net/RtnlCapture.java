package dev.sockscope.net;

import dev.sockscope.net.linux.NetlinkRtnl;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Captures rtnetlink answers as hex, one datagram a line, for the codec's fixtures: run in the
 * namespace to capture, e.g. {@code ip netns exec NS java -cp ... dev.sockscope.net.RtnlCapture
 * OUTDIR}. Writes {@code getaddr.hex}, {@code getneigh.hex} and {@code getroute-DEST.hex} for
 * each destination given after OUTDIR, each starting with a provenance line.
 */
public final class RtnlCapture {
    private RtnlCapture() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        String kernel = "Linux " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")";
        try (NetlinkRtnl t = NetlinkRtnl.open()) {
            write(
                    dir.resolve("getaddr.hex"),
                    "RTM_GETADDR dump",
                    kernel,
                    t.exchange(Rtnetlink.dumpRequest(Rtnetlink.RTM_GETADDR, Rtnetlink.AF_UNSPEC, 1), true));
            write(
                    dir.resolve("getneigh.hex"),
                    "RTM_GETNEIGH dump",
                    kernel,
                    t.exchange(Rtnetlink.dumpRequest(Rtnetlink.RTM_GETNEIGH, Rtnetlink.AF_UNSPEC, 2), true));
            for (int i = 1; i < args.length; i++) {
                byte[] dst = Addresses.parse(args[i]);
                write(
                        dir.resolve("getroute-" + args[i].replace(':', '_') + ".hex"),
                        "RTM_GETROUTE " + args[i],
                        kernel,
                        t.exchange(Rtnetlink.routeGet(dst, 10 + i), false));
            }
        }
    }

    private static void write(Path file, String what, String kernel, java.util.List<ByteBuffer> datagrams)
            throws Exception {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, "UTF-8")) {
            out.println("# captured " + what + " answer on " + kernel
                    + " (little-endian) by RtnlCapture, one datagram a line in hex; the tests strip this line");
            for (ByteBuffer d : datagrams) {
                StringBuilder b = new StringBuilder();
                ByteBuffer x = d.duplicate();
                while (x.hasRemaining()) {
                    b.append(String.format("%02x", x.get() & 0xff));
                }
                out.println(b);
            }
        }
    }
}
