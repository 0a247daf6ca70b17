package dev.sockscope.cli;

import static dev.sockscope.testing.JsonRows.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.JsonRows;
import dev.sockscope.testing.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --proc-root}: the whole pipeline over a captured tree (the real tables captured on
 * this machine, a made-up process holding one socket), as for a support bundle.
 */
class CapturedTreeTest {
    @TempDir
    Path root;

    @BeforeEach
    void buildTree() throws IOException {
        Path captured = Path.of("src/test/resources/proc/captured/net");
        Files.createDirectories(root.resolve("net"));
        try (Stream<Path> files = Files.list(captured)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
                // fixtures open with a "# provenance" line that a kernel never writes
                Files.write(root.resolve("net").resolve(f.getFileName()), lines.subList(1, lines.size()),
                        StandardCharsets.ISO_8859_1);
            }
        }
        Files.createDirectories(root.resolve("sys/net/ipv4"));
        Files.writeString(root.resolve("sys/net/ipv4/ip_local_port_range"), "40000\t45000\n");
        Path proc = Files.createDirectories(root.resolve("4642/fd"));
        Files.createSymbolicLink(proc.resolve("3"), Path.of("socket:[7149]"));
        Files.createSymbolicLink(proc.resolve("4"), Path.of("/dev/null"));
        Files.writeString(root.resolve("4642/comm"), "capture\n");
        Files.write(root.resolve("4642/cmdline"), "python3\0capture-proc-net.py\0".getBytes(StandardCharsets.UTF_8));
        Files.writeString(root.resolve("4642/status"), "Name:\tcapture\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
    }

    @Test
    void readsACapturedTreeWithItsOwnersAndEphemeralRange() throws IOException {
        Run run = Run.of("--list", "--json", "--proc-root", root.toString(), "-tu");
        assertEquals(0, run.status, run.toString());
        List<Map<String, Object>> rows = JsonRows.parse(run.out);
        Map<String, Object> listen = find(rows, "localPort", 46001, "state", "LISTEN");
        assertEquals(4642L, listen.get("pid"));
        assertEquals("capture", listen.get("process"));
        assertEquals("python3 capture-proc-net.py", listen.get("command"));
        assertEquals("registered", listen.get("portClass"), "46001 is outside the tree's range 40000-45000");
        Map<String, Object> nobody = find(rows, "localPort", 46002, "state", "LISTEN");
        assertEquals(65534L, nobody.get("uid"));
        assertEquals(null, nobody.get("pid"));
        Map<String, Object> client = find(rows, "localPort", 43795, "proto", "udp");
        assertEquals("ephemeral", client.get("portClass"));
        assertEquals("ESTABLISHED", client.get("state"));
        assertEquals("", run.err, "every captured line parses");
    }

    @Test
    void brokenLinesAreSkippedAndCountedInOneNote() throws IOException {
        Path tcp = root.resolve("net/tcp");
        Files.writeString(tcp, Files.readString(tcp, StandardCharsets.ISO_8859_1)
                + "   9: 0100007F:ZZZZ 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n"
                + "  10: truncated\n", StandardCharsets.ISO_8859_1);
        Run run = Run.of("--list", "--proc-root", root.toString(), "-t", "--port", "46001");
        assertEquals(0, run.status, run.toString());
        assertEquals("sockscope: note: 2 lines of the connection tables could not be parsed and were skipped\n", run.err);
        assertTrue(run.out.contains("127.0.0.1:46001"), run.out);
    }
}
