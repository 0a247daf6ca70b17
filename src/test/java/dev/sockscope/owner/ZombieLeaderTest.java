package dev.sockscope.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.model.Holder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread-group leader that exited while another thread holds a socket: its {@code fd/} is
 * empty and the socket is only under {@code task/TID/fd}. Once with a real process (Python,
 * main thread ended by {@code pthread_exit}), once in a fake tree.
 */
class ZombieLeaderTest {
    @TempDir
    Path tmp;

    @Test
    @Tag("live")
    void findsTheSocketOfAProcessWhoseMainThreadExited() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "no /proc/net/tcp");
        Path script = tmp.resolve("zombie_leader.py");
        try (InputStream in = ZombieLeaderTest.class.getResourceAsStream("/holder/zombie_leader.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder("python3", script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            int port = -1;
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null && !line.equals("ready"); ) {
                if (line.startsWith("port=")) {
                    port = Integer.parseInt(line.substring(5));
                }
            }
            assertTrue(port > 0, "the holder did not start");
            String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
            assertEquals(
                    'Z', ProcText.stat(stat.getBytes(StandardCharsets.UTF_8)).state(), stat);
            long inode = LiveTables.loopbackListenerInode(port);
            ProcOwnerResolver resolver = new ProcOwnerResolver(Path.of("/proc"), new UserNames(Path.of("/etc/passwd")));

            for (int call = 0; call < 2; call++) {
                List<Holder> holders = resolver.resolve(new long[] {inode}).holdersOf(inode);

                assertEquals(1, holders.size(), "call " + call + ": " + holders);
                assertEquals(p.pid(), holders.get(0).pid());
                assertEquals("python3", holders.get(0).process());
                assertTrue(
                        holders.get(0).command().endsWith(" " + script),
                        holders.get(0).command());
            }
        } finally {
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void readsTheThreadsTablesWhenTheLeadersIsEmpty() throws IOException {
        FakeProc proc = new FakeProc(Files.createDirectory(tmp.resolve("proc")));
        proc.process(40, "server", 0).process(50, "idle", 0);
        Path thread = proc.dir(40).resolve("task/41");
        Files.createDirectories(thread.resolve("fd"));
        Files.createDirectories(proc.dir(40).resolve("task/40/fd"));
        Files.createSymbolicLink(thread.resolve("fd/7"), Path.of("socket:[900]"));
        Files.write(thread.resolve("cmdline"), FakeProc.utf8("server\0--port\0" + "8080\0"));
        Path passwd = tmp.resolve("passwd");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\n");

        Owners owners = new ProcOwnerResolver(proc.root, new UserNames(passwd)).resolve(new long[] {900});

        assertEquals(List.of(new Holder(40, "server", "server --port 8080", 0, "root")), owners.holdersOf(900));
    }

    @Test
    void leavesTheThreadsOfALiveLeaderAlone() throws IOException {
        // the leader's table lists a file: it is alive, and its threads share that table; a
        // socket only a thread's table shows (a thread that unshared its table) is not searched for
        FakeProc proc = new FakeProc(Files.createDirectory(tmp.resolve("proc")));
        proc.process(40, "server", 0).link(40, 0, "/dev/null");
        Path thread = proc.dir(40).resolve("task/41");
        Files.createDirectories(thread.resolve("fd"));
        Files.createDirectories(proc.dir(40).resolve("task/40/fd"));
        Files.createSymbolicLink(thread.resolve("fd/7"), Path.of("socket:[900]"));
        Path passwd = tmp.resolve("passwd");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\n");

        Owners owners = new ProcOwnerResolver(proc.root, new UserNames(passwd)).resolve(new long[] {900});

        assertEquals(List.of(), owners.holdersOf(900));
    }
}
