package dev.sockscope.source;

import dev.sockscope.owner.UserNames;
import dev.sockscope.source.proc.ProcSocketSource;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Picks the backend: on Linux {@code netlink} when the kernel answers {@code sock_diag}, else
 * {@code proc} (with a note naming what that loses); {@code proc} for a {@code --proc-root}
 * tree; {@code oshi} where {@code <procRoot>/net} does not exist.
 */
public final class SocketSources {
    private static final String OSHI_SOURCE = "dev.sockscope.source.oshi.OshiSocketSource";
    private static final String NETLINK_SOURCE = "dev.sockscope.source.netlink.NetlinkSocketSource";
    /** What the proc backend lacks against netlink, for the note when {@code auto} falls back. */
    static final String PROC_LOSES =
            "interface, dualStack, unixType, peerInode, rttMs, retrans, bytesSent," + " bytesReceived, cgroup";

    private SocketSources() {}

    /**
     * @param backend  {@code auto}, {@code netlink}, {@code proc} or {@code oshi}
     * @param procRoot the {@code /proc} tree for the proc backend
     * @throws SourceException when the asked-for backend cannot run here
     */
    public static SocketSource open(String backend, Path procRoot, UserNames users) throws SourceException {
        switch (backend) {
            case "proc":
                return proc(procRoot, users);
            case "oshi":
                return oshi();
            case "netlink":
                return netlink(procRoot, users);
            case "auto":
                // a --proc-root other than /proc names a captured tree: read it, or say why not
                boolean explicitRoot = !procRoot.equals(Path.of("/proc"));
                if (explicitRoot) {
                    return proc(procRoot, users);
                }
                if (!Files.isDirectory(procRoot.resolve("net"))) {
                    return oshi();
                }
                if (!ffmBinding()) {
                    // JDK 17-21 (or a jar built by one): netlink would go through JNA, whose
                    // native library costs 70-85 ms per start, more than /proc costs below 40k
                    // sockets; --backend netlink still asks for it
                    return proc(procRoot, users);
                }
                try {
                    return netlink(procRoot, users);
                } catch (SourceException e) {
                    String note = "netlink sock_diag is not available (" + e.getMessage()
                            + "); reading /proc/net, which lacks " + PROC_LOSES;
                    return new NotedSource(proc(procRoot, users), note);
                }
            default:
                throw new IllegalArgumentException(backend);
        }
    }

    /** The backend {@code auto} opens: {@code proc} or {@code oshi}. */
    /** True when this JDK and this jar can make native calls through the FFM API (JDK 22+). */
    static boolean ffmBinding() {
        return Runtime.version().feature() >= 22
                && SocketSources.class.getClassLoader().getResource("dev/sockscope/netlink/FfmSyscalls.class") != null;
    }

    public static String autoChoice(Path procRoot) {
        // a --proc-root other than /proc names a captured tree: read it, or say why not
        boolean explicitRoot = !procRoot.equals(Path.of("/proc"));
        if (explicitRoot) {
            return "proc";
        }
        if (!Files.isDirectory(procRoot.resolve("net"))) {
            return "oshi";
        }
        return ffmBinding() ? "netlink" : "proc";
    }

    private static SocketSource proc(Path procRoot, UserNames users) throws SourceException {
        if (!Files.isDirectory(procRoot)) {
            throw new SourceException("cannot read connection tables: " + procRoot + " is not a readable directory");
        }
        return new ProcSocketSource(procRoot, users);
    }

    /** By reflection, so that the netlink layer is loaded only when this backend is used. */
    private static SocketSource netlink(Path procRoot, UserNames users) throws SourceException {
        try {
            return (SocketSource) Class.forName(NETLINK_SOURCE)
                    .getMethod("open", Path.class, Path.class, UserNames.class)
                    .invoke(null, procRoot, Path.of("/sys"), users);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof SourceException se) {
                throw se;
            }
            throw new SourceException("the netlink backend cannot run here: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SourceException("the netlink backend cannot run here: " + e, e);
        }
    }

    /** By reflection, so that OSHI and JNA are loaded only when this backend is used. */
    private static SocketSource oshi() throws SourceException {
        try {
            return (SocketSource) Class.forName(OSHI_SOURCE).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SourceException("the oshi backend cannot run here: " + cause, e);
        }
    }
}
