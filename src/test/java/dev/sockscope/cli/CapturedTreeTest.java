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
                Files.write(
                        root.resolve("net").resolve(f.getFileName()),
                        lines.subList(1, lines.size()),
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
        Files.writeString(
                tcp,
                Files.readString(tcp, StandardCharsets.ISO_8859_1)
                        + "   9: 0100007F:ZZZZ 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n"
                        + "  10: truncated\n",
                StandardCharsets.ISO_8859_1);
        Run run = Run.of("--list", "--proc-root", root.toString(), "-t", "--port", "46001");
        assertEquals(0, run.status, run.toString());
        assertEquals(
                "sockscope: note: 2 lines of the connection tables could not be parsed and were skipped\n", run.err);
        assertTrue(run.out.contains("127.0.0.1:46001"), run.out);
    }

    /** Compares with a golden file; on a mismatch writes {@code <name>.actual} beside it. */
    private static void assertGolden(String name, String actual) throws IOException {
        Path golden = Path.of("src/test/resources/golden", name);
        String expected = Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : null;
        if (!actual.equals(expected)) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden.resolveSibling(name + ".actual"), actual, StandardCharsets.UTF_8);
        }
        assertEquals(expected, actual, "golden " + golden + " differs; see " + name + ".actual");
    }

    @Test
    void goldenTableOfEveryTable() throws IOException {
        Run run = Run.of("--list", "--proc-root", root.toString(), "-tuwx");
        assertEquals(0, run.status, run.toString());
        assertGolden("captured-table.txt", run.out);
    }

    @Test
    void goldenJsonAndCsv() throws IOException {
        Run json = Run.of("--list", "--proc-root", root.toString(), "-tu", "--json");
        assertGolden("captured.json", json.out);
        Run csv = Run.of("--list", "--proc-root", root.toString(), "-tux", "--format", "csv");
        assertGolden("captured.csv", csv.out);
    }

    @Test
    void repeatedSnapshotsPrintOneTableEachAndOneCsvHeader() throws Exception {
        Run table = Run.of("--list", "--proc-root", root.toString(), "-t", "-l", "--count", "3", "--interval", "0");
        assertEquals(0, table.status, table.toString());
        assertEquals(3, table.out.split("Proto  Local Address", -1).length - 1, table.out);
        assertEquals(
                3,
                table.out.split("(?m)^--- \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  \\(", -1).length - 1,
                table.out);
        Run csv = Run.of(
                "--list",
                "--proc-root",
                root.toString(),
                "-t",
                "-l",
                "--count",
                "3",
                "--interval",
                "0",
                "--format",
                "csv");
        assertEquals(0, csv.status, csv.toString());
        try (org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVParser.parse(
                csv.out,
                org.apache.commons.csv.CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())) {
            assertEquals("time", p.getHeaderNames().get(0));
            assertEquals(
                    dev.sockscope.view.Fields.KEYS,
                    p.getHeaderNames().subList(1, p.getHeaderNames().size()));
            java.util.List<org.apache.commons.csv.CSVRecord> records = p.getRecords();
            java.util.Set<String> times = new java.util.HashSet<>();
            int at46001 = 0;
            for (org.apache.commons.csv.CSVRecord r : records) {
                java.time.Instant.parse(r.get("time"));
                times.add(r.get("time"));
                if (r.get("localPort").equals("46001")) {
                    at46001++;
                }
            }
            assertEquals(3, times.size(), csv.out);
            assertEquals(3, at46001, csv.out);
        }
        Run json = Run.of(
                "--list", "--proc-root", root.toString(), "-t", "-l", "--count", "2", "--interval", "0", "--json");
        assertEquals(0, json.status, json.toString());
        String[] lines = json.out.split("\n");
        assertEquals(2, lines.length, json.out);
        com.fasterxml.jackson.core.JsonFactory f = new com.fasterxml.jackson.core.JsonFactory();
        for (String line : lines) {
            try (com.fasterxml.jackson.core.JsonParser p = f.createParser(line)) {
                assertEquals(com.fasterxml.jackson.core.JsonToken.START_OBJECT, p.nextToken());
                assertEquals("time", p.nextFieldName());
                java.time.Instant.parse(p.nextTextValue());
                assertEquals("sockets", p.nextFieldName());
                assertEquals(com.fasterxml.jackson.core.JsonToken.START_ARRAY, p.nextToken());
                int sockets = 0;
                while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                    p.skipChildren();
                    sockets++;
                }
                assertTrue(sockets > 0, line);
                assertEquals(com.fasterxml.jackson.core.JsonToken.END_OBJECT, p.nextToken());
                assertEquals(null, p.nextToken(), "one object a line");
            }
        }
    }

    @Test
    void numericDropsServiceNamesAndSortOrdersRows() {
        Run run = Run.of("--list", "--proc-root", root.toString(), "-t", "-l", "-n", "--sort", "local", "--reverse");
        assertEquals(0, run.status, run.toString());
        String[] lines = run.out.split("\n");
        assertEquals("Proto  Local Address    Foreign Address  State   PID/Program", lines[0]);
        assertTrue(lines[1].startsWith("tcp6   [::1]:46003"), run.out);
        assertTrue(lines[lines.length - 1].startsWith("tcp    0.0.0.0:2024"), run.out);
    }

    @Test
    void withoutATerminalTheLiveViewFallsBackToOneSnapshot() {
        Run run = Run.of("--proc-root", root.toString(), "-t", "-l", "--interval", "0.5");
        assertEquals(0, run.status, run.toString());
        assertEquals(1, run.out.split("Proto  Local Address", -1).length - 1, run.out);
    }

    @Test
    void filtersMatchingNothingExitOne() {
        Run run = Run.of("--list", "--proc-root", root.toString(), "--state", "SYN_SENT");
        assertEquals(1, run.status, run.toString());
        assertEquals("", run.err);
    }
}
