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
}
