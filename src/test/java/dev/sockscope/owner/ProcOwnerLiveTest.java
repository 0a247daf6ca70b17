package dev.sockscope.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import dev.sockscope.model.Holder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Against the real {@code /proc}: a loopback listener of this JVM is found with the right pid and user. */
@Tag("live")
class ProcOwnerLiveTest {
    private static final Path PROC = Path.of("/proc");

    @Test
    void findsThisJvmHoldingItsLoopbackListener() throws Exception {
        assumeTrue(Files.isReadable(PROC.resolve("net/tcp")), "no /proc/net/tcp");
        int self = (int) ProcessHandle.current().pid();
        long uid = new UnixSystem().getUid();
        ProcOwnerResolver resolver = new ProcOwnerResolver(PROC, new UserNames(Path.of("/etc/passwd")));
        try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            long inode = LiveTables.loopbackListenerInode(first.getLocalPort());
            assertTrue(inode > 0, "listener not in /proc/net/tcp");

            List<Holder> holders = resolver.resolve(new long[] {inode}).holdersOf(inode);

            assertEquals(1, holders.size());
            Holder h = holders.get(0);
            assertEquals(self, h.pid());
            assertEquals(uid, h.uid());
            assertEquals(System.getProperty("user.name"), h.user());
            assertEquals("java", h.process());
            assertTrue(
                    h.command()
                            .startsWith(ProcessHandle.current().info().command().orElseThrow()),
                    h.command());

            try (ServerSocket second = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                long inode2 = LiveTables.loopbackListenerInode(second.getLocalPort());

                Owners owners = resolver.resolve(new long[] {inode, inode2});

                assertFalse(resolver.lastStats().full(), "second call reuses what the first learnt");
                assertEquals(
                        List.of(self),
                        owners.holdersOf(inode).stream().map(Holder::pid).toList());
                assertEquals(
                        List.of(self),
                        owners.holdersOf(inode2).stream().map(Holder::pid).toList());
            }
        }
    }

    @Test
    void twoThreadsReadingTheFdTablesFindTheSameHolders() throws Exception {
        assumeTrue(Files.isReadable(PROC.resolve("net/tcp")), "no /proc/net/tcp");
        int self = (int) ProcessHandle.current().pid();
        UserNames users = new UserNames(Path.of("/etc/passwd"));
        List<ServerSocket> servers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                servers.add(new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")));
            }
            long[] inodes = new long[servers.size()];
            for (int i = 0; i < inodes.length; i++) {
                inodes[i] = LiveTables.loopbackListenerInode(servers.get(i).getLocalPort());
                assertTrue(inodes[i] > 0, "listener not in /proc/net/tcp");
            }
            // any load: every process's table is shared out; and never
            ProcOwnerResolver two = new ProcOwnerResolver(
                    PROC, users, ProcFiles.forRoot(PROC), ProcOwnerResolver.DEFAULT_FULL_RESCAN_EVERY, 1);
            ProcOwnerResolver one = new ProcOwnerResolver(
                    PROC, users, ProcFiles.forRoot(PROC), ProcOwnerResolver.DEFAULT_FULL_RESCAN_EVERY, Long.MAX_VALUE);

            Owners a = two.resolve(inodes);
            Owners b = one.resolve(inodes);

            assertTrue(two.lastStats().parallel(), "the first, full scan used two threads");
            assertFalse(one.lastStats().parallel());
            for (long inode : inodes) {
                assertEquals(
                        List.of(self),
                        a.holdersOf(inode).stream().map(Holder::pid).toList());
                assertEquals(b.holdersOf(inode), a.holdersOf(inode));
            }
        } finally {
            for (ServerSocket s : servers) {
                s.close();
            }
        }
    }
    /** A python3 holding 100 sockets, asleep on its stdin; each line makes it swap its first socket for a new one. */
    private static final String IDLE_HOLDER = String.join(
            "\n",
            "import socket, sys",
            "socks = [socket.socket() for _ in range(100)]",
            "print(socks[0].fileno(), socks[1].fileno(), flush=True)",
            "for line in sys.stdin:",
            "    fd = socks[0].fileno()",
            "    socks[0].close()",
            "    socks[0] = socket.socket()",
            "    assert socks[0].fileno() == fd",
            "    print(fd, flush=True)");

    /** {@link #IDLE_HOLDER} running; closing it ends it. */
    private static final class IdleHolder implements AutoCloseable {
        final Process process;
        final int pid;
        /** The fd it swaps, and one it keeps. */
        final String swapped;

        final String kept;
        private final java.io.BufferedReader out;
        private final java.io.Writer in;

        IdleHolder() throws java.io.IOException {
            process = new ProcessBuilder("python3", "-c", IDLE_HOLDER).start();
            pid = (int) process.pid();
            out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()));
            in = new java.io.OutputStreamWriter(process.getOutputStream());
            String[] fds = out.readLine().trim().split(" ");
            swapped = fds[0];
            kept = fds[1];
        }

        /** The socket inode at {@code fd} now. */
        long inodeAt(String fd) throws java.io.IOException {
            return ProcText.socketInode(
                    Files.readSymbolicLink(PROC.resolve(pid + "/fd/" + fd)).toString());
        }

        /** Makes it swap its socket at {@link #swapped} for a new one (its fd count stays); the new one's inode. */
        long swap() throws java.io.IOException {
            in.write("swap\n");
            in.flush();
            assertEquals(swapped, out.readLine().trim());
            return inodeAt(swapped);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor();
            out.close();
            in.close();
        }
    }

    @Test
    void readsTheLargeTableOfAnIdleProcessAtItsTurnOnlyAfterItRan() throws Exception {
        assumeTrue(Files.isReadable(PROC.resolve("thread-self/schedstat")), "no schedstat");
        try (IdleHolder holder = new IdleHolder()) {
            int pid = holder.pid;
            // asked about a socket it keeps: never unclaimed, so no search reads its table
            long kept = holder.inodeAt(holder.kept);
            List<Long> reads = new java.util.ArrayList<>();
            long[] call = {0};
            ProcFiles files = new ProcFiles(true) {
                @Override
                java.nio.file.DirectoryStream<Path> openDir(Path dir) throws java.io.IOException {
                    if (dir.equals(PROC.resolve(pid + "/fd"))) {
                        reads.add(call[0]);
                    }
                    return super.openDir(dir);
                }
            };
            int period = 2;
            int tenth = period * ProcOwnerResolver.IDLE_CHECK_FACTOR;
            ProcOwnerResolver resolver =
                    new ProcOwnerResolver(PROC, new UserNames(Path.of("/etc/passwd")), files, period);
            awaitAsleep(pid);
            List<Long> expected = new java.util.ArrayList<>(List.of(1L));
            int turns = 0;
            while (turns < 4) {
                call[0]++;
                Owners o = resolver.resolve(new long[] {kept});
                assertEquals(
                        List.of(pid),
                        o.holdersOf(kept).stream().map(Holder::pid).toList());
                if (call[0] > 1 && ProcOwnerResolver.due(call[0], pid, period)) {
                    turns++;
                    // idle since its first read: read only at every tenth turn
                    if (ProcOwnerResolver.due(call[0], pid, tenth)) {
                        expected.add(call[0]);
                    }
                }
            }
            assertEquals(expected, reads);

            // the next turn is not a tenth one
            long next = call[0] + 1;
            while (!ProcOwnerResolver.due(next, pid, period) || ProcOwnerResolver.due(next, pid, tenth)) {
                next++;
            }
            while (call[0] < next - 1) {
                call[0]++;
                resolver.resolve(new long[] {kept});
            }
            reads.clear();
            // it runs: swaps a socket for another under the same fd number (its fd count stays)
            long before = holder.inodeAt(holder.swapped);
            long after = holder.swap();
            assertTrue(after > 0 && after != before, before + " -> " + after);
            call[0]++;
            resolver.resolve(new long[] {kept});
            assertEquals(List.of(next), reads, "read at its first turn after it ran");
        }
    }

    /**
     * The first call's scan reads every table while the connection tables are read. A socket
     * made after its process's table was read, under an fd number just freed (the fd count is
     * the same), is in no table of that call; the second call must still find its holder, not
     * take it for one that nobody can be seen holding until the process's turn comes.
     */
    @Test
    void findsAtTheSecondCallASocketMadeAfterTheFirstScanReadItsTable() throws Exception {
        assumeTrue(Files.isReadable(PROC.resolve("net/tcp")), "no /proc/net/tcp");
        try (IdleHolder holder = new IdleHolder()) {
            ProcOwnerResolver resolver = new ProcOwnerResolver(PROC, new UserNames(Path.of("/etc/passwd")));
            resolver.scan();
            long made = holder.swap();
            assertTrue(made > 0, "a socket at fd " + holder.swapped);

            Owners first = resolver.resolve(new long[] {made});
            assertTrue(resolver.lastStats().full());
            assertEquals(List.of(), first.holdersOf(made), "the scan read the table before the socket was made");

            Owners second = resolver.resolve(new long[] {made});
            assertFalse(resolver.lastStats().full());
            assertEquals(
                    List.of(holder.pid),
                    second.holdersOf(made).stream().map(Holder::pid).toList());
        }
    }

    /** Waits until the process sleeps and its schedstat stays the same for a while. */
    private static void awaitAsleep(int pid) throws Exception {
        Path stat = PROC.resolve(pid + "/schedstat");
        String last = "";
        for (int i = 0; i < 100; i++) {
            String now = Files.readString(stat);
            if (now.equals(last)) {
                return;
            }
            last = now;
            Thread.sleep(50);
        }
        throw new AssertionError("pid " + pid + " did not fall asleep: " + last);
    }
}
