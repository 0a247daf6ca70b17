package dev.sockscope.source.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcTablesTest {
    private static final String TCP_HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when" + " retrnsmt   uid  timeout inode\n";

    @TempDir
    Path root;

    private Path captured() throws IOException {
        return ProcFixtures.tree("proc/captured", root);
    }

    private static TableSelection select(Set<Proto> protos, Set<Family> families) {
        return new TableSelection(protos, families);
    }

    private static Set<String> tablesOf(TableRead r) {
        return r.entries().stream()
                .map(e -> e.proto().label() + "/" + e.family().label())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void readsEveryCapturedTable() throws Exception {
        TableRead r = new ProcTables(captured()).read(TableSelection.all());
        // 9 tcp + 5 tcp6 + 3 udp + 2 udp6 + 1 udplite + 1 udplite6 + 1 raw + 1 raw6 + 12 unix
        assertEquals(35, r.entries().size());
        assertEquals(0, r.unparsedLines());
        assertEquals(
                "tcp ipv4 0.0.0.0:2024 0.0.0.0:0 LISTEN inode=555 uid=0 recvQ=0 sendQ=0",
                ProcFixtures.describe(r.entries().get(0)));
        assertEquals(
                "unix unix '@sockscope-fixture' '' LISTEN inode=8253 uid=-1 recvQ=-1 sendQ=-1",
                ProcFixtures.describe(r.entries().get(34)));
    }

    @Test
    void readsOnlyTheWantedTables() throws Exception {
        Path tree = captured();
        // a broken udp table must not matter when UDP is not wanted
        Files.writeString(tree.resolve("net/udp"), "junk\njunk\n");
        ProcTables tables = new ProcTables(tree);
        TableRead tcp4 = tables.read(select(EnumSet.of(Proto.TCP), EnumSet.of(Family.IPV4)));
        assertEquals(Set.of("tcp/ipv4"), tablesOf(tcp4));
        assertEquals(9, tcp4.entries().size());
        assertEquals(0, tcp4.unparsedLines());

        TableRead v6 = tables.read(select(EnumSet.of(Proto.TCP, Proto.UDP), EnumSet.of(Family.IPV6)));
        assertEquals(Set.of("tcp/ipv6", "udp/ipv6"), tablesOf(v6));
        assertEquals(7, v6.entries().size());

        TableRead unix = tables.read(select(EnumSet.of(Proto.UNIX), EnumSet.noneOf(Family.class)));
        assertEquals(Set.of("unix/unix"), tablesOf(unix));
        assertEquals(12, unix.entries().size());

        TableRead udp = tables.read(select(EnumSet.of(Proto.UDP), EnumSet.of(Family.IPV4)));
        assertEquals(List.of(), udp.entries());
        assertEquals(2, udp.unparsedLines());
    }

    @Test
    void sumsUnparsedLinesAcrossTables() throws Exception {
        Path tree = captured();
        Files.writeString(tree.resolve("net/udp"), TCP_HEADER + "junk\n");
        Files.writeString(tree.resolve("net/unix"), "Num RefCount\nnot a row\nnor this\n", StandardCharsets.US_ASCII);
        TableRead r = new ProcTables(tree).read(TableSelection.all());
        assertEquals(3, r.unparsedLines());
        assertEquals(35 - 3 - 12, r.entries().size());
    }

    @Test
    void treatsMissingTablesAsEmpty() throws Exception {
        Path tree = captured();
        for (String t : List.of("tcp6", "udp6", "udplite", "udplite6", "raw6")) {
            Files.delete(tree.resolve("net").resolve(t));
        }
        TableRead r = new ProcTables(tree).read(TableSelection.all());
        assertEquals(Set.of("tcp/ipv4", "udp/ipv4", "raw/ipv4", "unix/unix"), tablesOf(r));
        assertEquals(9 + 3 + 1 + 12, r.entries().size());
    }

    @Test
    void returnsNothingWhenEveryWantedTableIsAbsent() throws Exception {
        // IPv6 disabled: asking for IPv6 only finds no table, which is an empty answer, not a failure
        Files.createDirectories(root.resolve("net"));
        Files.writeString(root.resolve("net/tcp"), TCP_HEADER);
        TableRead r = new ProcTables(root).read(select(EnumSet.of(Proto.TCP), EnumSet.of(Family.IPV6)));
        assertEquals(List.of(), r.entries());
        assertEquals(0, r.unparsedLines());
    }

    @Test
    void failsWithTheNetPathWhenTheRootHasNoNetDirectory() {
        Path missing = root.resolve("no-such-proc");
        SourceException e =
                assertThrows(SourceException.class, () -> new ProcTables(missing).read(TableSelection.all()));
        assertEquals("cannot read connection tables: " + missing.resolve("net") + " does not exist", e.getMessage());
    }

    @Test
    void failsWhenNetIsNotADirectory() throws Exception {
        Files.writeString(root.resolve("net"), "not a directory");
        SourceException e = assertThrows(SourceException.class, () -> new ProcTables(root).read(TableSelection.all()));
        assertEquals("cannot read connection tables: " + root.resolve("net") + " is not a directory", e.getMessage());
    }

    @Test
    void failsWhenNoWantedTableCanBeRead() throws Exception {
        // a directory where the table should be cannot be read, even by root
        Files.createDirectories(root.resolve("net/tcp"));
        SourceException e = assertThrows(
                SourceException.class,
                () -> new ProcTables(root).read(select(EnumSet.of(Proto.TCP), EnumSet.of(Family.IPV4))));
        assertTrue(
                e.getMessage().startsWith("cannot read connection tables: " + root.resolve("net/tcp") + ": "),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void skipsAnUnreadableTableWhenAnotherWasRead() throws Exception {
        Path tree = captured();
        Files.delete(tree.resolve("net/tcp6"));
        Files.createDirectories(tree.resolve("net/tcp6"));
        TableRead r = new ProcTables(tree).read(select(EnumSet.of(Proto.TCP), EnumSet.of(Family.IPV4, Family.IPV6)));
        assertEquals(Set.of("tcp/ipv4"), tablesOf(r));
    }

    @Test
    void readsATableLargerThanItsBufferAndReusesItForSmallerOnes() throws Exception {
        Files.createDirectories(root.resolve("net"));
        StringBuilder big = new StringBuilder(TCP_HEADER);
        int rows = 5000; // about 750 KB, several times the initial buffer
        for (int i = 0; i < rows; i++) {
            big.append(String.format(
                    "%4d: 0100007F:%04X 0100007F:1F90 01 00000000:00000000 00:00000000 00000000"
                            + "  1000        0 %d 1 0000000000000000 20 4 30 10 -1%n",
                    i, 10000 + i, 100000 + i));
        }
        Files.writeString(root.resolve("net/tcp"), big);
        Files.writeString(root.resolve("net/tcp6"), TCP_HEADER);
        ProcTables tables = new ProcTables(root);
        TableRead r = tables.read(select(EnumSet.of(Proto.TCP), EnumSet.of(Family.IPV4, Family.IPV6)));
        assertEquals(rows, r.entries().size());
        assertEquals(0, r.unparsedLines());
        SocketEntry last = r.entries().get(rows - 1);
        assertEquals(10000 + rows - 1, last.localPort());
        assertEquals(100000L + rows - 1, last.inode());
        // a second read of the same tables gives the same rows
        assertEquals(
                r.entries(),
                tables.read(select(EnumSet.of(Proto.TCP), EnumSet.of(Family.IPV4)))
                        .entries());
    }

    @Test
    void returnsAnUnmodifiableList() throws Exception {
        TableRead r = new ProcTables(captured()).read(TableSelection.all());
        assertThrows(UnsupportedOperationException.class, () -> r.entries().clear());
    }

    @Test
    @Tag("live")
    void findsALoopbackListenerInTheLiveTables() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            TableRead r = new ProcTables(Path.of("/proc"))
                    .read(select(EnumSet.of(Proto.TCP), EnumSet.of(Family.IPV4, Family.IPV6)));
            List<SocketEntry> mine = r.entries().stream()
                    .filter(e -> e.localPort() == server.getLocalPort() && e.state() == State.LISTEN)
                    .toList();
            assertEquals(1, mine.size());
            // the JDK opens a dual-stack IPv6 socket unless java.net.preferIPv4Stack is set
            SocketEntry e = mine.get(0);
            assertEquals(
                    e.family() == Family.IPV4 ? "127.0.0.1" : "::ffff:127.0.0.1",
                    e.localAddress().text());
            assertTrue(e.inode() > 0);
        }
    }

    /**
     * A stand-in for a seq_file (fs/seq_file.c): a read first hands out what the last read
     * left of its page, then fills one page with whole lines while the reader has room, and
     * keeps what does not fit for the next read. Counts the reads made after the end.
     */
    private static final class SeqFile extends java.io.InputStream {
        private final byte[] text;
        private final int line;
        private int pos; // next byte to hand out
        private int pageEnd; // end of the lines already in the page
        int readsAtEnd;

        SeqFile(int lines, int lineLength) {
            this.line = lineLength;
            text = new byte[lines * lineLength];
            for (int i = 0; i < text.length; i++) {
                text[i] = (byte) ((i + 1) % lineLength == 0 ? '\n' : 'a' + i / lineLength % 26);
            }
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == text.length) {
                readsAtEnd++;
                return -1;
            }
            int n = Math.min(len, pageEnd - pos); // what the last page left
            if (n < len && pageEnd < text.length) {
                int start = pageEnd;
                while (pageEnd < text.length
                        && pageEnd - start < len - n
                        && pageEnd - start + line <= ProcTables.SEQ_PAGE) {
                    pageEnd += line;
                }
                n += Math.min(len - n, pageEnd - start);
            }
            System.arraycopy(text, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** What {@link ProcTables#readTable} handed over: the pieces, and whether each ended a line. */
    private static final class Pieces implements ProcTables.Lines {
        final java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        final List<Boolean> endsLine = new java.util.ArrayList<>();

        @Override
        public void take(byte[] data, int length) {
            text.write(data, 0, length);
            endsLine.add(length > 0 && data[length - 1] == '\n');
        }

        byte[] read(ProcTables tables, java.io.InputStream in, boolean whole) throws Exception {
            tables.readTable(in, whole, this);
            return text.toByteArray();
        }
    }

    @Test
    void aShortPageEndsTheReadWithoutAnotherRead() throws Exception {
        ProcTables tables = new ProcTables(root);
        // 150-byte lines (tcp): 27 to a page; 1000 lines end with a page of 1 line
        SeqFile seq = new SeqFile(1000, 150);
        assertArrayEquals(seq.text, new Pieces().read(tables, seq, false));
        assertEquals(0, seq.readsAtEnd);
        // a last page too full to tell whether a longer line was held back: one more read
        SeqFile full = new SeqFile(27 * 40, 150);
        assertArrayEquals(full.text, new Pieces().read(tables, full, false));
        assertEquals(1, full.readsAtEnd);
    }

    @Test
    void aLargeTableIsHandedOverInWholeLinesThroughABufferThatDoesNotGrow() throws Exception {
        ProcTables tables = new ProcTables(root);
        SeqFile big = new SeqFile(5000, 131); // 655 KB, ten times the buffer
        Pieces p = new Pieces();
        assertArrayEquals(big.text, p.read(tables, big, false));
        assertTrue(p.endsLine.size() >= 10, "pieces: " + p.endsLine.size());
        assertFalse(p.endsLine.contains(false), "a piece cut a line: " + p.endsLine);
        // read whole (the unix table): one piece
        SeqFile whole = new SeqFile(5000, 131);
        Pieces w = new Pieces();
        assertArrayEquals(whole.text, w.read(tables, whole, true));
        assertEquals(List.of(true), w.endsLine);
    }

    @Test
    void aLineLongerThanTheBufferIsHandedOverWhole() throws Exception {
        ProcTables tables = new ProcTables(root);
        byte[] text = new byte[3 * ProcTables.BUFFER + 10];
        java.util.Arrays.fill(text, (byte) 'x');
        text[100] = '\n';
        text[text.length - 5] = '\n';
        Pieces p = new Pieces();
        assertArrayEquals(text, p.read(tables, new java.io.ByteArrayInputStream(text), false));
        // the last piece is the 4 bytes after the last line feed, handed over at the end
        assertEquals(Boolean.FALSE, p.endsLine.get(p.endsLine.size() - 1));
    }

    @Test
    void aLargeTableGivesEveryRowWhenItsLinesCrossTheBuffersEdges() throws Exception {
        // rows of uneven length, so that the buffer's edges fall inside lines
        Files.createDirectories(root.resolve("net"));
        StringBuilder big = new StringBuilder(TCP_HEADER);
        int rows = 3000;
        for (int i = 0; i < rows; i++) {
            big.append(String.format(
                    "%" + (4 + i % 7) + "d: 0100007F:%04X 0100007F:1F90 01 00000000:00000000 "
                            + "00:00000000 00000000  1000        0 %d 1 0000000000000000 20 4 30 10 -1%n",
                    i,
                    10000 + i,
                    100000 + i));
        }
        big.append("  garbage without a line feed");
        Files.writeString(root.resolve("net/tcp"), big);
        TableRead r = new ProcTables(root).read(select(EnumSet.of(Proto.TCP), EnumSet.of(Family.IPV4)));
        assertEquals(rows, r.entries().size());
        assertEquals(1, r.unparsedLines());
        for (int i = 0; i < rows; i++) {
            assertEquals(100000L + i, r.entries().get(i).inode());
        }
    }

    @Test
    @Tag("live")
    void readsEveryLineOfALiveTableLongerThanAPage() throws Exception {
        // 120 listeners: about 4.5 pages of tcp or tcp6, whatever else is open
        List<ServerSocket> servers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 120; i++) {
                servers.add(new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")));
            }
            TableRead r = new ProcTables(Path.of("/proc"))
                    .read(select(EnumSet.of(Proto.TCP), EnumSet.of(Family.IPV4, Family.IPV6)));
            Set<Integer> listening = r.entries().stream()
                    .filter(e -> e.state() == State.LISTEN)
                    .map(SocketEntry::localPort)
                    .collect(Collectors.toSet());
            for (ServerSocket s : servers) {
                assertTrue(listening.contains(s.getLocalPort()), "port " + s.getLocalPort());
            }
        } finally {
            for (ServerSocket s : servers) {
                s.close();
            }
        }
    }
}
