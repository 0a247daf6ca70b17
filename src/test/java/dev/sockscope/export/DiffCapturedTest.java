package dev.sockscope.export;

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
 * {@code --diff} end to end over the captured tree ({@code --proc-root}): a baseline saved with
 * {@code --list --json}, then the tree changed the way a host changes.
 */
class DiffCapturedTest {
    @TempDir
    Path root;

    @TempDir
    Path dir;

    Path base;

    @BeforeEach
    void buildTreeAndBaseline() throws IOException {
        Path captured = Path.of("src/test/resources/proc/captured/net");
        Files.createDirectories(root.resolve("net"));
        try (Stream<Path> files = Files.list(captured)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
                Files.write(
                        root.resolve("net").resolve(f.getFileName()),
                        lines.subList(1, lines.size()),
                        StandardCharsets.ISO_8859_1);
            }
        }
        Files.createDirectories(root.resolve("sys/net/ipv4"));
        Files.writeString(root.resolve("sys/net/ipv4/ip_local_port_range"), "40000\t45000\n");
        holder(4642, "capture");
        Run save = Run.of("--list", "--json", "-tu", "--proc-root", root.toString());
        assertEquals(0, save.status, save.toString());
        base = dir.resolve("base.json");
        Files.writeString(base, save.out);
    }

    private void holder(int pid, String comm) throws IOException {
        Path proc = Files.createDirectories(root.resolve(pid + "/fd"));
        Files.createSymbolicLink(proc.resolve("3"), Path.of("socket:[7149]"));
        Files.writeString(root.resolve(pid + "/comm"), comm + "\n");
        Files.write(root.resolve(pid + "/cmdline"), (comm + "\0").getBytes(StandardCharsets.UTF_8));
        Files.writeString(root.resolve(pid + "/status"), "Name:\t" + comm + "\nUid:\t0\t0\t0\t0\n");
    }

    private Run diff(String... more) {
        String[] args = Stream.concat(
                        Stream.of("--diff", base.toString(), "-tu", "--proc-root", root.toString()), Stream.of(more))
                .toArray(String[]::new);
        return Run.of(args);
    }

    /** Drops the line of the tcp table with this inode. */
    private void dropInode(long inode) throws IOException {
        Path tcp = root.resolve("net/tcp");
        StringBuilder b = new StringBuilder();
        for (String line : Files.readAllLines(tcp, StandardCharsets.ISO_8859_1)) {
            String[] f = line.trim().split(" +");
            if (f.length > 9 && f[9].equals(Long.toString(inode))) {
                continue;
            }
            b.append(line).append('\n');
        }
        Files.writeString(tcp, b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void theSameTreeIsNoChange() {
        Run r = diff();
        assertEquals(0, r.status, r.toString());
        assertEquals("no change since " + base + "\n", r.out);
    }

    @Test
    void aRestartedProcessWithTheSameNameIsNoChange() throws IOException {
        // pid 4642 gone; pid 5000 of the same program holds the listener now
        Files.walk(root.resolve("4642"))
                .sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        holder(5000, "capture");
        Run r = diff();
        assertEquals(0, r.status, r.toString());
    }

    @Test
    void aGoneListenerIsRemovedInEveryFormat() throws IOException {
        dropInode(7149);
        Run table = diff();
        assertEquals(1, table.status, table.toString());
        List<String> lines = List.of(table.out.split("\n"));
        assertEquals(
                List.of("Change", "Proto", "Local", "Address", "Foreign", "Address", "State", "PID/Program", "Service"),
                List.of(lines.get(0).split(" +")));
        assertEquals(
                List.of("removed", "tcp", "127.0.0.1:46001", "*", "LISTEN", "4642/capture"),
                List.of(lines.get(1).split(" +")));
        assertEquals("0 listeners added, 1 removed; 0 connections opened, 0 closed since " + base, lines.get(2));

        Run json = diff("--json");
        assertEquals(1, json.status);
        List<Map<String, Object>> rows = JsonRows.parse(json.out);
        assertEquals(1, rows.size(), json.out);
        assertEquals("removed", rows.get(0).get("change"));
        assertEquals(46001L, rows.get(0).get("localPort"));
        assertEquals("capture", rows.get(0).get("process"));

        Run csv = diff("--format", "csv");
        assertEquals(1, csv.status);
        String[] csvLines = csv.out.split("\n");
        assertTrue(csvLines[0].startsWith("change,proto,family,localAddress,localPort,"), csvLines[0]);
        assertTrue(csvLines[1].startsWith("removed,tcp,ipv4,127.0.0.1,46001,"), csvLines[1]);
    }

    @Test
    void filtersApplyToBothSides() throws IOException {
        dropInode(7149);
        Run other = diff("--port", "46002");
        assertEquals(0, other.status, other.toString());
        Run same = diff("--port", "46001");
        assertEquals(1, same.status, same.toString());
    }

    @Test
    void aMalformedBaselineIsOneLineAndExitTwo() throws IOException {
        Files.writeString(base, Files.readString(base).substring(0, 100));
        Run r = diff();
        assertEquals(2, r.status, r.toString());
        assertEquals("", r.out);
        assertEquals(1, r.err.split("\n").length, r.err);
        assertTrue(r.err.startsWith("sockscope: --diff " + base + ": not valid JSON at line "), r.err);
    }

    @Test
    void aHostileValueInTheFileReachesTheTerminalEscaped() throws IOException {
        Files.writeString(base, "[{\"proto\":\"\\u001b[2Jtcp\",\"family\":\"ipv4\"}]");
        Run r = diff();
        assertEquals(2, r.status, r.toString());
        assertEquals("sockscope: --diff " + base + ": socket 1 has an unknown proto \"\\e[2Jtcp\"\n", r.err);
    }
}
