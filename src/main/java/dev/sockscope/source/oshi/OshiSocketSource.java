package dev.sockscope.source.oshi;

import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;
import oshi.spi.SystemInfoProvider;
import oshi.util.PlatformEnum;

/**
 * The portable backend ({@code --backend oshi}, and {@code auto} where there is no
 * {@code /proc/net}): OSHI 7.5.0's
 * {@code getOperatingSystem().getInternetProtocolStats().getConnections()}, mapped by
 * {@link ConnectionMapper}, with holders from {@code OperatingSystem.getProcesses(pids)}.
 *
 * <p>Contract, beyond {@link SocketSource}:
 * <ul>
 *   <li>TCP and UDP rows only (OSHI lists no unix or raw sockets); inode and socket uid are
 *       {@link SocketEntry#UNKNOWN}; queues are UNKNOWN where the platform has no byte counts
 *       (see {@link OshiPlatform}).</li>
 *   <li>Holders: one per owning pid OSHI reports (a pid of -1 or 0 gives no holder). Each pid's
 *       process is fetched once per read; a process that is gone, or that this user may not
 *       inspect, still gives a holder with its pid, an empty name and command, unknown uid.</li>
 *   <li>{@link SocketRow#user()} is the lowest-pid holder's user (OSHI has no socket owner).</li>
 *   <li>On macOS, where OSHI lists one row per file descriptor, rows with identical fields are
 *       joined into one row with every distinct pid as a holder.</li>
 *   <li>Connections that cannot be mapped are skipped and counted in
 *       {@link Snapshot#unparsedLines()}; {@link Snapshot#hiddenOwners()} is 0 (OSHI does not
 *       say which processes it could not inspect: {@link Snapshot#platformNote()} says what is
 *       missing on this platform instead).</li>
 * </ul>
 *
 * <p>OSHI is initialised on the first read, not in the constructor. On Linux the native-free
 * provider ({@code oshi.nativefree.SystemInfo}) is used, so no JNA class is loaded and JDK 24+
 * prints no native-access warning even from a plain class path. Not thread-safe.
 */
public final class OshiSocketSource implements SocketSource {

    /** What the source needs from OSHI; a seam for tests. */
    interface Backend {
        List<IPConnection> connections();

        /** The processes among {@code pids} that could be read, by pid. */
        Map<Integer, OSProcess> processes(Collection<Integer> pids);

        boolean elevated();
    }

    private OshiPlatform platform;
    private Backend backend;
    private String note;

    /** Instantiated by reflection, so that OSHI is loaded only on this path. */
    public OshiSocketSource() {}

    OshiSocketSource(OshiPlatform platform, Backend backend) {
        this.platform = platform;
        this.backend = backend;
    }

    @Override
    public String name() {
        return "oshi";
    }

    @Override
    public Snapshot read(TableSelection which) throws SourceException {
        init();
        boolean tcp = which.protos().contains(Proto.TCP);
        boolean udp = which.protos().contains(Proto.UDP);
        if (!tcp && !udp) {
            return new Snapshot(List.of(), 0, 0, note);
        }
        List<IPConnection> connections;
        try {
            connections = backend.connections();
        } catch (RuntimeException e) {
            throw new SourceException("oshi backend: cannot read the connection tables: " + e, e);
        }
        int bad = 0;
        // entry -> pids holding it; joined by equal entries only where OSHI lists per descriptor
        Map<SocketEntry, TreeSet<Integer>> joined = platform.perDescriptor ? new LinkedHashMap<>() : null;
        List<SocketEntry> entries = new ArrayList<>(connections.size());
        List<Integer> pids = new ArrayList<>(connections.size());
        Set<Integer> allPids = new TreeSet<>();
        for (IPConnection c : connections) {
            ConnectionMapper.Kind kind = ConnectionMapper.kindOf(c.getType(), c.getLocalAddress().length);
            if (kind == null) {
                bad++;
                continue;
            }
            if (!which.wants(kind.proto(), kind.family())) {
                continue;
            }
            SocketEntry e = ConnectionMapper.toEntry(c, kind, platform.queues);
            if (e == null) {
                bad++;
                continue;
            }
            int pid = ConnectionMapper.owningPid(c);
            if (pid > 0) {
                allPids.add(pid);
            }
            if (joined != null) {
                TreeSet<Integer> holders = joined.computeIfAbsent(e, k -> new TreeSet<>());
                if (pid > 0) {
                    holders.add(pid);
                }
            } else {
                entries.add(e);
                pids.add(pid);
            }
        }
        Map<Integer, Holder> holders = holders(allPids);
        List<SocketRow> rows = new ArrayList<>(joined != null ? joined.size() : entries.size());
        if (joined != null) {
            for (Map.Entry<SocketEntry, TreeSet<Integer>> j : joined.entrySet()) {
                List<Holder> hs = new ArrayList<>(j.getValue().size());
                for (int pid : j.getValue()) {
                    hs.add(holders.get(pid));
                }
                rows.add(row(j.getKey(), hs));
            }
        } else {
            for (int i = 0; i < entries.size(); i++) {
                int pid = pids.get(i);
                rows.add(row(entries.get(i), pid > 0 ? List.of(holders.get(pid)) : List.of()));
            }
        }
        return new Snapshot(rows, bad, 0, note);
    }

    private static SocketRow row(SocketEntry e, List<Holder> holders) {
        return new SocketRow(
                e, holders, holders.isEmpty() ? null : holders.get(0).user());
    }

    /** One holder per pid, every pid's process fetched once. */
    private Map<Integer, Holder> holders(Set<Integer> pids) {
        Map<Integer, OSProcess> procs = Map.of();
        if (!pids.isEmpty()) {
            try {
                procs = backend.processes(pids);
            } catch (RuntimeException e) {
                // processes come and go and may deny access: the sockets still have their pids
                procs = Map.of();
            }
        }
        Map<Integer, Holder> out = new HashMap<>(pids.size() * 2);
        for (int pid : pids) {
            out.put(pid, ConnectionMapper.holder(pid, procs.get(pid)));
        }
        return out;
    }

    private void init() throws SourceException {
        if (backend != null) {
            if (note == null) {
                note = platform.note(elevated(backend));
            }
            return;
        }
        try {
            PlatformEnum p = PlatformEnum.getCurrentPlatform();
            platform = OshiPlatform.of(p);
            // the native-free provider reads /proc like the JNA one, without loading JNA
            SystemInfoProvider si = p == PlatformEnum.LINUX ? new oshi.nativefree.SystemInfo() : new oshi.SystemInfo();
            backend = new OshiBackend(si.getOperatingSystem());
        } catch (RuntimeException | LinkageError e) {
            throw new SourceException("oshi backend: OSHI does not run on this system: " + e, e);
        }
        note = platform.note(elevated(backend));
    }

    private static boolean elevated(Backend b) {
        try {
            return b.elevated();
        } catch (RuntimeException e) {
            // unknown: say what a non-elevated user misses
            return false;
        }
    }

    /** The real OSHI calls. */
    private static final class OshiBackend implements Backend {
        private final OperatingSystem os;
        private InternetProtocolStats stats;

        OshiBackend(OperatingSystem os) {
            this.os = os;
        }

        @Override
        public List<IPConnection> connections() {
            if (stats == null) {
                stats = os.getInternetProtocolStats();
            }
            return stats.getConnections();
        }

        @Override
        public Map<Integer, OSProcess> processes(Collection<Integer> pids) {
            Map<Integer, OSProcess> out = new HashMap<>(pids.size() * 2);
            for (OSProcess p : os.getProcesses(pids)) {
                out.put(p.getProcessID(), p);
            }
            return out;
        }

        @Override
        public boolean elevated() {
            return os.isElevated();
        }
    }
}
