package dev.sockscope.owner;

import dev.sockscope.model.SocketEntry;
import dev.sockscope.service.Cgroups;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Facts about one process and its ancestors, for {@code --explain}.
 *
 * <p>On Linux, from {@code <procRoot>/[pid]/{comm,cmdline,status,stat,cgroup}} and
 * {@code <procRoot>/stat}: the start time is the boot time ({@code btime}) plus the
 * {@code starttime} field of {@code stat} in clock ticks of {@value #USER_HZ} a second
 * ({@code USER_HZ}, which Linux fixes at 100 on every architecture it exports to user space).
 * Elsewhere, through the JDK's {@link ProcessHandle} (name, command line, user, start time and
 * parent where the platform tells; no cgroup).
 */
public abstract class Processes {
    /** Clock ticks a second of {@code /proc/[pid]/stat}'s times. */
    static final int USER_HZ = 100;

    private static final int MAX_FILE = 64 * 1024;

    /** How deep a parent chain is followed at most (a loop in a captured tree stops there too). */
    static final int MAX_CHAIN = 64;

    Processes() {}

    /** Facts of {@code pid}, or null when it does not exist (or exited) or cannot be read at all. */
    public abstract ProcessFacts read(int pid);

    /**
     * The parents of {@code facts}, nearest first, ending at pid 1 or at the first parent that
     * could not be read (then {@link Chain#complete} is false and {@link Chain#stoppedAt} names it).
     */
    public Chain parents(ProcessFacts facts) {
        List<ProcessFacts> out = new ArrayList<>();
        ProcessFacts cur = facts;
        while (cur.ppid() > 0 && cur.pid() != 1 && out.size() < MAX_CHAIN) {
            ProcessFacts parent = read(cur.ppid());
            if (parent == null) {
                return new Chain(out, false, cur.ppid());
            }
            out.add(parent);
            cur = parent;
        }
        boolean complete = cur.pid() == 1 || cur.ppid() == 0;
        return new Chain(out, complete, complete ? 0 : Math.max(0, cur.ppid()));
    }

    /**
     * A parent chain.
     *
     * @param parents   nearest first
     * @param complete  it reaches a process without a parent (pid 1, or one whose ppid is 0)
     * @param stoppedAt when not complete, the pid that could not be read (or where the depth
     *                  limit stopped it); 0 otherwise
     */
    public record Chain(List<ProcessFacts> parents, boolean complete, int stoppedAt) {
        public Chain {
            parents = List.copyOf(parents);
        }
    }

    /** Processes read from a {@code /proc} tree. */
    public static Processes proc(Path procRoot, UserNames users) {
        return new Proc(procRoot, users);
    }

    /** Processes read through the JDK (non-Linux platforms). */
    public static Processes jdk() {
        return new Jdk();
    }

    private static final class Proc extends Processes {
        private final Path root;
        private final UserNames users;
        private long bootTime = Long.MIN_VALUE;

        Proc(Path root, UserNames users) {
            this.root = root;
            this.users = users;
        }

        @Override
        public ProcessFacts read(int pid) {
            Path dir = root.resolve(Integer.toString(pid));
            byte[] stat = read(dir.resolve("stat"));
            ProcText.Stat s = ProcText.stat(stat);
            byte[] comm = read(dir.resolve("comm"));
            if (s == null && comm == null) {
                return null; // gone, or nothing of it readable
            }
            byte[] status = read(dir.resolve("status"));
            int uid = status == null ? SocketEntry.UNKNOWN : ProcText.realUid(status);
            String cgroup = ProcText.cgroupPath(read(dir.resolve("cgroup")));
            Instant started = null;
            long boot = bootTime();
            if (s != null && boot >= 0) {
                long ms = s.startTime() * 1000 / USER_HZ;
                started = Instant.ofEpochSecond(boot).plusMillis(ms);
            }
            return new ProcessFacts(
                    pid,
                    ProcText.comm(comm),
                    ProcText.commandLine(read(dir.resolve("cmdline"))),
                    uid,
                    uid == SocketEntry.UNKNOWN ? null : users.nameOf(uid),
                    started,
                    s == null ? -1 : s.ppid(),
                    cgroup,
                    Cgroups.unit(cgroup),
                    Cgroups.container(cgroup));
        }

        private long bootTime() {
            if (bootTime == Long.MIN_VALUE) {
                bootTime = ProcText.bootTime(read(root.resolve("stat")));
            }
            return bootTime;
        }

        private static byte[] read(Path file) {
            try (InputStream in = new FileInputStream(file.toFile())) {
                return in.readNBytes(MAX_FILE);
            } catch (IOException e) {
                // gone, or not ours to read (pid 1 here, another user's process): unknown
                return null;
            }
        }
    }

    private static final class Jdk extends Processes {
        @Override
        public ProcessFacts read(int pid) {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty()) {
                return null;
            }
            ProcessHandle.Info info = h.get().info();
            String command = info.commandLine().orElse(info.command().orElse(""));
            String name =
                    info.command().map(c -> c.substring(c.lastIndexOf('/') + 1)).orElse("");
            name = name.substring(name.lastIndexOf('\\') + 1);
            return new ProcessFacts(
                    pid,
                    name,
                    command,
                    SocketEntry.UNKNOWN,
                    info.user().orElse(null),
                    info.startInstant().orElse(null),
                    h.get().parent().map(p -> (int) p.pid()).orElse(-1),
                    null,
                    null,
                    null);
        }
    }
}
