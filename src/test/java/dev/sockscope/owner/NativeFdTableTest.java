package dev.sockscope.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JNI fd-table reader, stamps and pid listing against this process's own fd table and
 * processes it starts, beside the Java reading of them.
 */
class NativeFdTableTest {
    private static final Path SELF_FD = Path.of("/proc/self/fd");

    /** fd to socket inode, read link by link in Java. */
    private static Map<Integer, Long> inJava() throws IOException {
        return inJava(SELF_FD);
    }

    /** fd to socket inode of the fd directory {@code dir}, read link by link in Java. */
    private static Map<Integer, Long> inJava(Path dir) throws IOException {
        Map<Integer, Long> out = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path fd : ds) {
                String link;
                try {
                    link = Files.readSymbolicLink(fd).toString();
                } catch (NoSuchFileException e) {
                    continue; // the directory stream's own fd, closed by now
                }
                long inode = ProcText.socketInode(link);
                if (inode > 0) {
                    out.put(ProcText.fdNumber(fd.toString()), inode);
                }
            }
        }
        return out;
    }

    private static Map<Integer, Long> natively(long[] r) {
        Map<Integer, Long> out = new TreeMap<>();
        for (int i = 1; i < r.length; i += 2) {
            out.put((int) r[i], r[i + 1]);
        }
        return out;
    }

    @Test
    void readsTheSocketsOfAnFdTableAsJavaDoes() throws IOException {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "procfs is Linux's");
        assertTrue(NativeFdTable.available(), "the build makes the JNI library on Linux (needs gcc)");
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            long[] r = NativeFdTable.read(SELF_FD);
            Map<Integer, Long> got = natively(r);
            assertEquals(inJava(), got);
            assertTrue(got.size() >= 3, "the listener and both ends: " + got);
            long entries;
            try (var all = Files.list(SELF_FD)) {
                entries = all.count();
            }
            // the Java listing holds one fd more, its own directory's
            assertTrue(Math.abs(r[0] - entries) <= 1, r[0] + " entries against " + entries);
            assertTrue(client.isConnected() && accepted.isConnected());
        }
    }

    @Test
    void aMissingTableIsGoneAndAFileIsNoTable() {
        assumeTrue(NativeFdTable.available(), "no JNI library");
        assertThrows(NoSuchFileException.class, () -> NativeFdTable.read(Path.of("/proc/0/fd")));
        IOException notDir = assertThrows(IOException.class, () -> NativeFdTable.read(Path.of("/proc/self/status")));
        assertTrue(notDir.getMessage().contains("errno 20"), notDir.getMessage()); // ENOTDIR
    }

    @Test
    void theLiveProcIsReadNativelyAndOtherTreesInJava() throws IOException {
        assumeTrue(NativeFdTable.available(), "no JNI library");
        assertTrue(ProcFiles.forRoot(Path.of("/proc")).socketLinks(SELF_FD) != null);
        assertEquals(null, ProcFiles.forRoot(Path.of("/tmp/captured-proc")).socketLinks(SELF_FD));
    }

    @Test
    void aStampIsTheTablesInodeAndFdCountAsJavaReadsThem() throws Exception {
        assumeTrue(NativeFdTable.available(), "no JNI library");
        // a process of known fds: sleep with stdin, stdout and stderr, and nothing else
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Path fd = Path.of("/proc", Long.toString(sleeper.pid()), "fd");
            // until exec has closed them, the launching helper's own pipe is open too (the
            // kernel names the new executable in /proc a moment before it closes those), and
            // then sleep's start opens and closes files (its libraries, the locale): the count
            // is taken once it has stayed at 3 for 200 ms
            Path exe = Path.of("/proc", Long.toString(sleeper.pid()), "exe");
            for (int i = 0; i < 500 && !Files.readSymbolicLink(exe).toString().endsWith("/sleep"); i++) {
                Thread.sleep(10);
            }
            for (int i = 0, settled = 0; i < 1000 && settled < 20; i++) {
                settled = NativeFdTable.stamp(fd)[1] == 3 ? settled + 1 : 0;
                Thread.sleep(10);
            }
            long[] s = NativeFdTable.stamp(fd);
            assertEquals(2, s.length);
            assertEquals(((Number) Files.getAttribute(fd, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue(), s[0]);
            assertEquals(3, s[1], "stdin, stdout, stderr");
            ProcFiles.FdStamp viaFiles = ProcFiles.forRoot(Path.of("/proc")).stamp(fd);
            assertEquals(new ProcFiles.FdStamp(s[0], 3), viaFiles);
            long[] self = NativeFdTable.stamp(SELF_FD);
            assertTrue(self[0] != s[0], "another process, another inode");
            // a task directory's entries are its threads: one for sleep, many for this JVM
            Path task = fd.resolveSibling("task");
            assertEquals(1, NativeFdTable.entries(task));
            ProcFiles live = ProcFiles.forRoot(Path.of("/proc"));
            assertEquals(1, live.threadCount(task));
            assertEquals(2, live.threadCount(Path.of("/proc/self/task")), "more than one, told as 2");
            assertEquals(-1, live.threadCount(Path.of("/proc/0/task")));
        } finally {
            sleeper.destroy();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
        assertThrows(NoSuchFileException.class, () -> NativeFdTable.stamp(Path.of("/proc/0/fd")));
    }

    /** Three threads that sleep; the line it prints says they are all started. */
    private static final String SLEEPING_THREADS = String.join(
            "\n",
            "import threading, time",
            "for _ in range(2): threading.Thread(target=time.sleep, args=(60,), daemon=True).start()",
            "print('ready', flush=True)",
            "time.sleep(60)");

    @Test
    void theThreadsActivityIsWhatJavaReads() throws Exception {
        assumeTrue(NativeFdTable.available(), "no JNI library");
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self/schedstat")), "no schedstat");
        Process p = new ProcessBuilder("python3", "-c", SLEEPING_THREADS).start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine());
            Path task = Path.of("/proc", Long.toString(p.pid()), "task");
            ProcFiles inJava = new ProcFiles(true);
            // asleep: both readings the same once two in a row are
            long[] last = null;
            long[] now = NativeFdTable.activity(task, 10);
            for (int i = 0; i < 100 && !java.util.Arrays.equals(now, last); i++) {
                Thread.sleep(50);
                last = now;
                now = NativeFdTable.activity(task, 10);
            }
            assertEquals(9, now.length, "tid, run time and times on a CPU of each of 3 threads");
            assertEquals(p.pid(), now[0], "the leader first");
            for (int t = 0; t < 3; t++) {
                assertTrue(now[3 * t + 1] > 0 && now[3 * t + 2] > 0, "each has run");
            }
            assertEquals(java.util.Arrays.toString(inJava.activity(task, 10)), java.util.Arrays.toString(now));
            assertEquals(null, NativeFdTable.activity(task, 2), "more threads than asked to read");
            assertEquals(null, inJava.activity(task, 2));
            assertEquals(9, ProcFiles.forRoot(Path.of("/proc")).activity(task, 3).length, "the live /proc's reader");
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(null, NativeFdTable.activity(Path.of("/proc/0/task"), 10), "no such process");
    }

    @Test
    void thePidsAreThoseProcListsAsJavaReadsThem() throws Exception {
        assumeTrue(NativeFdTable.available(), "no JNI library");
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Set<Long> inJava = new TreeSet<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"))) {
                for (Path p : ds) {
                    int pid = ProcText.parsePid(p.getFileName().toString());
                    if (pid > 0) {
                        inJava.add((long) pid);
                    }
                }
            }
            Set<Long> listed = new TreeSet<>();
            for (long pid : NativeFdTable.pids(Path.of("/proc"))) {
                listed.add(pid);
            }
            assertTrue(listed.contains(ProcessHandle.current().pid()));
            assertTrue(listed.contains(sleeper.pid()));
            // processes come and go between the two listings: most are in both
            Set<Long> both = new TreeSet<>(listed);
            both.retainAll(inJava);
            assertTrue(
                    both.size() >= inJava.size() - 5 && both.size() >= listed.size() - 5,
                    listed + " against " + inJava);
        } finally {
            sleeper.destroy();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
        assertThrows(NoSuchFileException.class, () -> NativeFdTable.pids(Path.of("/proc/0")));
    }

    @Test
    void procfsIsToldFromOtherFileSystems() {
        assumeTrue(NativeFdTable.available(), "no JNI library");
        assertTrue(NativeFdTable.procfs(Path.of("/proc")));
        assertTrue(NativeFdTable.procfs(Path.of("/proc/self/fd")));
        assertFalse(NativeFdTable.procfs(Path.of("/")));
        assertFalse(NativeFdTable.procfs(Path.of("/no/such/dir")));
    }

    /** Holds 1,500 unix socket pairs (3,000 fds) until its stdin ends. */
    private static final String PAIRS = String.join(
            "\n",
            "import resource, socket, sys",
            "soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)",
            "if hard != resource.RLIM_INFINITY and hard < 3200:",
            "    print('limit', flush=True); sys.exit(0)",
            "resource.setrlimit(resource.RLIMIT_NOFILE, (3200, hard))",
            "pairs = [socket.socketpair() for _ in range(1500)]",
            "print('ready', flush=True)",
            "sys.stdin.read()",
            "");

    @Test
    void aLargeTableOfAnotherProcessIsReadAsJavaReadsIt() throws Exception {
        assumeTrue(NativeFdTable.available(), "no JNI library");
        Process holder = new ProcessBuilder("/usr/bin/python3", "-c", PAIRS).start();
        try {
            String said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assumeTrue("ready".equals(said), "the fd limit is below 3,200: " + said);
            Path fd = Path.of("/proc", Long.toString(holder.pid()), "fd");
            long[] r = NativeFdTable.read(fd);
            Map<Integer, Long> got = natively(r);
            assertEquals(inJava(fd), got);
            assertTrue(got.size() >= 3000, got.size() + " sockets");
            long entries;
            try (var all = Files.list(fd)) {
                entries = all.count();
            }
            assertEquals(entries, r[0]);
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(10, TimeUnit.SECONDS)) {
                holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
