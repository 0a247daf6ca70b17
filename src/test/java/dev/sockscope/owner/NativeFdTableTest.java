package dev.sockscope.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The JNI fd-table reader against this process's own fd table, beside the Java reading of it. */
class NativeFdTableTest {
    private static final Path SELF_FD = Path.of("/proc/self/fd");

    /** fd to socket inode, read link by link in Java. */
    private static Map<Integer, Long> inJava() throws IOException {
        Map<Integer, Long> out = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(SELF_FD)) {
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
}
