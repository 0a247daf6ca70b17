package dev.sockscope.owner;

import dev.sockscope.model.Holder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * Run as an unprivileged user by {@link ProcOwnerAsNobodyTest}: opens its own loopback
 * listener, resolves it and the inode given as argument (a root process's socket) against the
 * real {@code /proc}, and prints {@code self=PID own=PIDS foreign=PIDS hidden=N}.
 */
public final class HiddenProbe {
    private HiddenProbe() {}

    public static void main(String[] args) throws Exception {
        long foreign = Long.parseLong(args[0]);
        try (ServerSocket own = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            long inode = LiveTables.loopbackListenerInode(own.getLocalPort());
            Owners owners = new ProcOwnerResolver(Path.of("/proc"), new UserNames(Path.of("/etc/passwd")))
                    .resolve(new long[] {inode, foreign});
            System.out.println("self=" + ProcessHandle.current().pid()
                    + " own="
                    + owners.holdersOf(inode).stream().map(Holder::pid).toList()
                    + " foreign="
                    + owners.holdersOf(foreign).stream().map(Holder::pid).toList()
                    + " hidden=" + owners.hiddenProcesses());
        }
    }
}
