package dev.sockscope.net.linux;

import dev.sockscope.net.NetException;
import dev.sockscope.net.NetworkSource;
import dev.sockscope.net.RtnlTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Picks the network reader: Linux files (and rtnetlink) where {@code <procRoot>/net} exists, OSHI elsewhere. */
public final class NetworkSources {
    private static final String OSHI = "dev.sockscope.net.oshi.OshiNetwork";

    private NetworkSources() {}

    /**
     * @param backend  {@code auto} (files, rtnetlink where {@code /proc} lacks something),
     *                 {@code proc} (files only), {@code netlink} (as auto), {@code oshi}
     * @param procRoot the {@code /proc} tree; another than {@code /proc} is a captured tree:
     *                 read with {@code ../sys} beside it when there is one, never with rtnetlink
     *                 (which would describe this machine, not the capture)
     */
    public static NetworkSource open(String backend, Path procRoot) throws NetException {
        boolean live = procRoot.equals(Path.of("/proc"));
        if (backend.equals("oshi") || (backend.equals("auto") && live && !Files.isDirectory(procRoot.resolve("net")))) {
            return oshi();
        }
        if (!Files.isDirectory(procRoot)) {
            throw new NetException("cannot read network tables: " + procRoot + " is not a readable directory");
        }
        Path sys = live
                ? Path.of("/sys")
                : procRoot.toAbsolutePath().getParent() == null
                        ? null
                        : procRoot.toAbsolutePath().getParent().resolve("sys");
        if (sys != null && !Files.isDirectory(sys.resolve("class/net"))) {
            sys = null;
        }
        Supplier<RtnlTransport> transports = () -> null;
        if (live && !backend.equals("proc")) {
            transports = NetworkSources::rtnetlink;
        }
        return new LinuxNetwork(
                procRoot, sys, Path.of("/etc/resolv.conf"), Path.of("/run/systemd/resolve/resolv.conf"), transports);
    }

    /** The project's netlink transport; its native binding is loaded only here, at the first use. */
    private static RtnlTransport rtnetlink() {
        try {
            return NetlinkRtnl.open();
        } catch (NetException e) {
            throw new IllegalStateException(
                    "rtnetlink is not available (" + e.getMessage() + "): reading /proc only", e);
        }
    }

    private static NetworkSource oshi() throws NetException {
        try {
            return (NetworkSource) Class.forName(OSHI).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new NetException("the oshi network reader cannot run here: " + cause, e);
        }
    }
}
