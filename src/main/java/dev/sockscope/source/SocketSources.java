package dev.sockscope.source;

import dev.sockscope.netlink.NetlinkException;
import dev.sockscope.netlink.NetlinkSocket;
import dev.sockscope.owner.UserNames;
import dev.sockscope.source.netlink.NetlinkSocketSource;
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
                String chosen = auto(procRoot);
                if (!chosen.equals("netlink")) {
                    return open(chosen, procRoot, users);
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

    /**
     * The tables of the network namespaces {@code netns} names ({@code NAME} in
     * {@code /run/netns}, a pid, or {@code all}), each row marked with its namespace; with
     * {@code netns} null, {@link #open(String, Path, UserNames)}. Another namespace is entered
     * with {@code setns} (root) and read over netlink; {@code proc} (or {@code auto} where
     * netlink cannot run) reads {@code /proc/PID/net} of a process inside it instead. This
     * process's own namespace is read as without {@code --netns}.
     *
     * @throws NamespaceException {@link NamespaceException.Kind#UNKNOWN}: no such namespace;
     *                            {@link NamespaceException.Kind#DENIED}: the kernel refused to
     *                            enter one (not root)
     */
    public static SocketSource open(String backend, Path procRoot, UserNames users, String netns)
            throws SourceException, NamespaceException {
        if (netns == null) {
            return open(backend, procRoot, users);
        }
        Path run = Path.of("/run/netns");
        java.util.List<Namespaces.Namespace> fixed =
                netns.equals("all") ? null : Namespaces.resolve(netns, procRoot, run);
        NamespacedSource s =
                new NamespacedSource(fixed, procRoot, run, ns -> openIn(backend, ns, procRoot, users), users, backend);
        try {
            s.openAll();
        } catch (SourceException | NamespaceException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private static SocketSource openIn(String backend, Namespaces.Namespace ns, Path procRoot, UserNames users)
            throws SourceException, NamespaceException {
        if (ns.self()) {
            return open(backend, procRoot, users); // no setns: this process's own namespace
        }
        int pid = ns.pid() > 0 ? ns.pid() : Namespaces.pidIn(ns.inode(), procRoot);
        Path tablesRoot = pid > 0 ? procRoot.resolve(Integer.toString(pid)) : null;
        switch (backend) {
            case "proc":
                return procIn(ns, tablesRoot, users);
            case "netlink":
                return netlinkIn(ns, procRoot, tablesRoot, users);
            default:
                try {
                    return netlinkIn(ns, procRoot, tablesRoot, users);
                } catch (SourceException e) {
                    if (tablesRoot == null) {
                        throw e;
                    }
                    return new NotedSource(
                            procIn(ns, tablesRoot, users),
                            "namespace " + ns.label() + " is read from " + tablesRoot
                                    + "/net: netlink cannot be used here (" + e.getMessage() + "), which loses "
                                    + PROC_LOSES);
                }
        }
    }

    private static SocketSource procIn(Namespaces.Namespace ns, Path tablesRoot, UserNames users)
            throws SourceException {
        if (tablesRoot == null) {
            throw new SourceException("no process runs in network namespace " + ns.label()
                    + ", so /proc cannot show its sockets (the netlink backend can)");
        }
        return new ProcSocketSource(tablesRoot, users);
    }

    /**
     * Direct calls, not reflection (the JDK's first reflective call of a method makes its
     * accessor: 5-6 ms of every start); the netlink classes are loaded only when these run.
     */
    private static SocketSource netlinkIn(Namespaces.Namespace ns, Path procRoot, Path tablesRoot, UserNames users)
            throws SourceException, NamespaceException {
        try {
            return NetlinkSocketSource.openIn(ns.file(), procRoot, tablesRoot, Path.of("/sys"), users);
        } catch (LinkageError e) {
            throw new SourceException("the netlink backend cannot run here: " + e, e);
        }
    }

    /**
     * What {@code auto} reads here, for {@code --version}: {@code netlink (auto, jni)} with the
     * native binding netlink uses, {@code proc (auto)} or {@code oshi (auto)}.
     */
    public static String autoChoice(Path procRoot) {
        String chosen = auto(procRoot);
        if (!chosen.equals("netlink")) {
            return chosen + " (auto)";
        }
        try {
            return "netlink (auto, " + NetlinkSocket.binding() + ")";
        } catch (NetlinkException e) {
            return "proc (auto: " + e.getMessage() + ")";
        }
    }

    /** The backend {@code auto} reads: {@code proc}, {@code oshi} or {@code netlink} (which may still fail to open). */
    private static String auto(Path procRoot) {
        // a --proc-root other than /proc names a captured tree: read it, or say why not
        if (!procRoot.equals(Path.of("/proc"))) {
            return "proc";
        }
        if (!Files.isDirectory(procRoot.resolve("net"))) {
            return "oshi";
        }
        // no JNI library and JDK 17-21: netlink would go through JNA, whose native library costs
        // 70-85 ms per start, more than /proc costs below 40k sockets; --backend netlink still
        // asks for it
        return NetlinkSocket.quickToStart() ? "netlink" : "proc";
    }

    private static SocketSource proc(Path procRoot, UserNames users) throws SourceException {
        if (!Files.isDirectory(procRoot)) {
            throw new SourceException("cannot read connection tables: " + procRoot + " is not a readable directory");
        }
        return new ProcSocketSource(procRoot, users);
    }

    private static SocketSource netlink(Path procRoot, UserNames users) throws SourceException {
        try {
            return NetlinkSocketSource.open(procRoot, Path.of("/sys"), users);
        } catch (LinkageError e) {
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
