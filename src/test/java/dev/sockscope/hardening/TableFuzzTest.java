package dev.sockscope.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import dev.sockscope.source.proc.InetTableParser;
import dev.sockscope.source.proc.ProcTables;
import dev.sockscope.source.proc.TableRead;
import dev.sockscope.source.proc.UnixTableParser;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of the real captured tables, parsed from memory: truncated lines, dropped,
 * extra, swapped and split columns, non-hex and out-of-range values, signs, NULs, CRs, tabs,
 * terminal escapes, binary junk lines, 1 MiB lines, empty files, header-only files and reads
 * cut short mid-line. Each case is checked against {@link TableOracle}: no exception escapes,
 * the rows are exactly the oracle's (every untouched line's row equal, as a record, to the
 * parser's reading of the original file), and the unparsed count is exact.
 *
 * <p>{@code -Dsockscope.fuzz.scale=10} runs ten times the cases; {@code -Dsockscope.fuzz.seed=N}
 * changes the seed (a failure prints the seed and case, and keeps the input under
 * {@code target/hardening/failures/}).
 */
@Tag("fuzz")
class TableFuzzTest {
    static final long SEED = Long.getLong("sockscope.fuzz.seed", 20261123L);
    static final double SCALE = Double.parseDouble(System.getProperty("sockscope.fuzz.scale", "1"));
    /** Default cases per inet table (8 tables) and for the unix table. */
    static final int INET_CASES = (int) (10_000 * SCALE);

    static final int UNIX_CASES = (int) (24_000 * SCALE);
    static final int MIB = 1 << 20;

    private static final String[][] INET = {
        {"tcp", "TCP", "IPV4"},
        {"tcp6", "TCP", "IPV6"},
        {"udp", "UDP", "IPV4"},
        {"udp6", "UDP", "IPV6"},
        {"udplite", "UDPLITE", "IPV4"},
        {"udplite6", "UDPLITE", "IPV6"},
        {"raw", "RAW", "IPV4"},
        {"raw6", "RAW", "IPV6"},
    };

    /** One generated table: its bytes and, by line start offset, the rows of the untouched lines. */
    record Case(byte[] data, Map<Integer, SocketEntry> intact, int mutatedLines) {}

    @Test
    void inetTablesKeepEveryIntactRowAndCountEveryBrokenLine() {
        FuzzStats stats = new FuzzStats("inet-table-fuzz");
        // One parser for every case, as ProcTables keeps one: its address cache must never leak
        // a previous case's text into a row.
        InetTableParser parser = new InetTableParser(ByteOrder.LITTLE_ENDIAN);
        long t0 = System.nanoTime();
        for (int t = 0; t < INET.length; t++) {
            String file = INET[t][0];
            Proto proto = Proto.valueOf(INET[t][1]);
            Family family = Family.valueOf(INET[t][2]);
            byte[] original = Captured.net(file);
            List<SocketEntry> baseline = new ArrayList<>();
            assertEquals(
                    0, new InetTableParser(ByteOrder.LITTLE_ENDIAN).parse(original, proto, family, baseline), file);
            List<byte[]> lines = Captured.lines(original);
            assertEquals(lines.size() - 1, baseline.size(), file + ": every captured row parses");
            for (int c = 0; c < INET_CASES; c++) {
                SplittableRandom r = new SplittableRandom(SEED * 31 + t * 1_000_003L + c);
                Case k = generate(lines, baseline, r, true, stats);
                List<SocketEntry> got = new ArrayList<>();
                int bad;
                try {
                    bad = parser.parse(k.data, k.data.length, proto, family, got);
                } catch (RuntimeException | Error e) {
                    throw new AssertionError(failure(file, c, k) + ": " + e, e);
                }
                TableOracle.Expected ex = TableOracle.inet(k.data, proto, family, k.intact);
                check(file, c, k, ex, got, bad, stats);
            }
        }
        stats.report(String.format("seconds=%.1f", (System.nanoTime() - t0) / 1e9));
        assertTrue(stats.get("cases") >= 80_000 * Math.min(1, SCALE), "cases run");
    }

    @Test
    void unixTableKeepsEveryIntactRowAndCountsEveryBrokenLine() {
        FuzzStats stats = new FuzzStats("unix-table-fuzz");
        UnixTableParser parser = new UnixTableParser();
        byte[] original = Captured.net("unix");
        List<SocketEntry> baseline = new ArrayList<>();
        assertEquals(0, new UnixTableParser().parse(original, original.length, baseline));
        List<byte[]> lines = Captured.lines(original);
        assertEquals(lines.size() - 1, baseline.size());
        long t0 = System.nanoTime();
        for (int c = 0; c < UNIX_CASES; c++) {
            SplittableRandom r = new SplittableRandom(SEED * 37 + 99_991L + c);
            Case k = generate(lines, baseline, r, false, stats);
            List<SocketEntry> got = new ArrayList<>();
            int bad;
            try {
                bad = parser.parse(k.data, k.data.length, got);
            } catch (RuntimeException | Error e) {
                throw new AssertionError(failure("unix", c, k) + ": " + e, e);
            }
            TableOracle.Expected ex = TableOracle.unix(k.data, k.intact);
            check("unix", c, k, ex, got, bad, stats);
        }
        stats.report(String.format("seconds=%.1f", (System.nanoTime() - t0) / 1e9));
        assertTrue(stats.get("cases") >= 20_000 * Math.min(1, SCALE), "cases run");
    }

    /**
     * The reader over a tree whose tables are each missing, empty, a directory (a read error),
     * or mutated as above; one {@link ProcTables} reused across cases, as the live view keeps one.
     * Rows must be every table's oracle rows in table order, the count their sum; when no wanted
     * table could be read but one failed, a {@link SourceException} naming it, never another
     * exception.
     */
    @Test
    void readerSurvivesMissingEmptyUnreadableAndMutatedTables(@TempDir Path root) throws Exception {
        FuzzStats stats = new FuzzStats("proc-tables-fuzz");
        Path net = Files.createDirectories(root.resolve("net"));
        ProcTables tables = new ProcTables(root);
        String[] names = {"tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6", "unix"};
        List<List<byte[]>> lines = new ArrayList<>();
        List<List<SocketEntry>> baselines = new ArrayList<>();
        for (String name : names) {
            byte[] original = Captured.net(name);
            List<SocketEntry> b = new ArrayList<>();
            if (name.equals("unix")) {
                new UnixTableParser().parse(original, original.length, b);
            } else {
                new InetTableParser(ByteOrder.LITTLE_ENDIAN).parse(original, protoOf(name), familyOf(name), b);
            }
            lines.add(Captured.lines(original));
            baselines.add(b);
        }
        int cases = (int) (1_500 * SCALE);
        for (int c = 0; c < cases; c++) {
            SplittableRandom r = new SplittableRandom(SEED * 41 + c);
            List<String> wantRows = new ArrayList<>();
            int wantBad = 0;
            boolean anyRead = false;
            String failed = null;
            boolean noneReadable = r.nextInt(20) == 0;
            for (int t = 0; t < names.length; t++) {
                Path file = net.resolve(names[t]);
                deleteTree(file);
                int roll = r.nextInt(noneReadable ? 27 : 100);
                if (roll < 20) {
                    stats.inc("missingFiles");
                    continue;
                }
                if (roll < 27) {
                    Files.createDirectory(file);
                    stats.inc("unreadableFiles");
                    failed = file.toString();
                    continue;
                }
                byte[] data = roll < 37
                        ? new byte[0]
                        : generate(lines.get(t), baselines.get(t), r, t < 8, stats)
                                .data();
                Files.write(file, data);
                anyRead = true;
                TableOracle.Expected ex = t < 8
                        ? TableOracle.inet(data, protoOf(names[t]), familyOf(names[t]), Map.of())
                        : TableOracle.unix(data, Map.of());
                ex.rows().forEach(row -> wantRows.add(row.key()));
                wantBad += ex.bad();
            }
            TableRead read;
            try {
                read = tables.read(TableSelection.all());
            } catch (SourceException e) {
                assertTrue(!anyRead && failed != null, "seed " + SEED + " case " + c + ": " + e.getMessage());
                assertTrue(e.getMessage().startsWith("cannot read connection tables: " + net), e.getMessage());
                stats.inc("casesEndingInSourceException");
                continue;
            }
            assertTrue(anyRead || failed == null, "seed " + SEED + " case " + c + ": no table readable, yet no error");
            assertEquals(wantBad, read.unparsedLines(), "seed " + SEED + " case " + c);
            assertEquals(wantRows, keys(read.entries()), "seed " + SEED + " case " + c);
            stats.inc("cases");
            stats.add("rows", read.entries().size());
        }
        stats.report("");
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(p);
        } else {
            Files.deleteIfExists(p);
        }
    }

    private static Proto protoOf(String name) {
        return name.startsWith("tcp")
                ? Proto.TCP
                : name.startsWith("udplite") ? Proto.UDPLITE : name.startsWith("udp") ? Proto.UDP : Proto.RAW;
    }

    private static Family familyOf(String name) {
        return name.endsWith("6") ? Family.IPV6 : Family.IPV4;
    }

    private static void check(
            String file, int c, Case k, TableOracle.Expected ex, List<SocketEntry> got, int bad, FuzzStats stats) {
        if (bad != ex.bad() || got.size() != ex.rows().size()) {
            fail(failure(file, c, k) + ": unparsed " + bad + " (oracle " + ex.bad() + "), rows " + got.size()
                    + " (oracle " + ex.rows().size() + ")\n got " + keys(got) + "\n want " + ex.rows());
        }
        int intactSeen = 0;
        for (int i = 0; i < got.size(); i++) {
            TableOracle.Row want = ex.rows().get(i);
            SocketEntry e = got.get(i);
            if (!want.key().equals(TableOracle.key(e))) {
                fail(failure(file, c, k) + ": row " + i + "\n got  " + TableOracle.key(e) + "\n want " + want.key());
            }
            if (want.baseline() != null) {
                if (!want.baseline().equals(e)) {
                    fail(failure(file, c, k) + ": intact row " + i + " changed\n got  " + e + "\n want "
                            + want.baseline());
                }
                intactSeen++;
            } else if (want.extended()) {
                intactSeen++;
                stats.inc("intactRowsWhosePathTookTheNextLine");
            } else {
                stats.inc("mutatedLinesStillValid");
            }
        }
        if (intactSeen + ex.intactDropped() != k.intact.size()) {
            fail(failure(file, c, k) + ": " + k.intact.size() + " untouched lines but " + intactSeen
                    + " rows from them");
        }
        stats.inc("cases");
        stats.add("intactRowsReported", intactSeen);
        stats.add("intactRowsLostToTruncatedTail", ex.intactDropped());
        stats.add("brokenLinesCounted", bad);
        stats.add("mutatedLines", k.mutatedLines);
        stats.add("bytes", k.data.length);
    }

    private static List<String> keys(List<SocketEntry> got) {
        return got.stream().map(TableOracle::key).toList();
    }

    private static String failure(String file, int c, Case k) {
        return "seed " + SEED + " table " + file + " case " + c + " (input kept in "
                + FuzzStats.keep(file + "-" + SEED + "-" + c + ".bin", k.data) + ")";
    }

    /**
     * A table built from the captured lines: the header (usually), then 1..40 rows picked from
     * the captured ones, each kept, mutated once or twice, or replaced by a blank or junk line;
     * sometimes a 1 MiB line; sometimes the whole read cut at a random byte.
     */
    static Case generate(
            List<byte[]> lines, List<SocketEntry> baseline, SplittableRandom r, boolean inet, FuzzStats stats) {
        int mode = r.nextInt(1000);
        if (mode < 15) {
            stats.inc("emptyFiles");
            return new Case(new byte[0], Map.of(), 0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<Integer, SocketEntry> intact = new HashMap<>();
        Map<Integer, Integer> segmentEnd = new HashMap<>();
        int mutated = 0;
        int h = r.nextInt(100);
        if (h < 90) {
            out.writeBytes(lines.get(0));
            out.write('\n');
        } else if (h < 95) {
            out.writeBytes(Mutator.apply(Mutator.randomKind(r), lines.get(0), r));
            out.write('\n');
            mutated++;
        }
        int rows = mode < 30 ? 0 : 1 + r.nextInt(40);
        if (mode < 30) {
            stats.inc("headerOnlyFiles");
        }
        boolean huge = mode >= 997;
        for (int i = 0; i < rows; i++) {
            int idx = 1 + r.nextInt(lines.size() - 1);
            byte[] line = lines.get(idx);
            int roll = r.nextInt(100);
            if (huge && i == rows / 2) {
                stats.inc("mibLines");
                out.writeBytes(hugeLine(line, r));
                out.write('\n');
                mutated++;
            } else if (roll < 55) {
                int at = out.size();
                out.writeBytes(line);
                out.write('\n');
                intact.put(at, baseline.get(idx - 1));
                segmentEnd.put(at, out.size());
            } else if (roll < 90) {
                byte[] m = Mutator.apply(Mutator.randomKind(r), line, r);
                if (r.nextInt(4) == 0) {
                    m = Mutator.apply(Mutator.randomKind(r), m, r);
                }
                out.writeBytes(m);
                out.write('\n');
                mutated++;
            } else if (roll < 95) {
                out.writeBytes(r.nextBoolean() ? new byte[0] : new byte[] {' ', '\t', ' '});
                out.write('\n');
            } else {
                out.writeBytes(Mutator.apply(Mutator.Kind.BINARY_LINE, line, r));
                out.write('\n');
                mutated++;
            }
        }
        byte[] data = out.toByteArray();
        if (data.length > 0 && r.nextInt(10) == 0) {
            // a read that stopped early: everything from a random byte on is missing
            int cut = r.nextInt(data.length);
            data = java.util.Arrays.copyOf(data, cut);
            intact.keySet().removeIf(at -> segmentEnd.get(at) > cut);
            stats.inc("truncatedReads");
        }
        return new Case(data, intact, mutated);
    }

    /** A 1 MiB line: a row with 1 MiB of extra columns (or path), 1 MiB of junk, or 1 MiB of blanks. */
    private static byte[] hugeLine(byte[] row, SplittableRandom r) {
        byte[] b = new byte[MIB];
        switch (r.nextInt(3)) {
            case 0 -> {
                System.arraycopy(row, 0, b, 0, row.length);
                for (int i = row.length; i < b.length; i++) {
                    b[i] = (byte) ((i & 7) == 0 ? ' ' : 'A' + (i % 26));
                }
            }
            case 1 -> {
                for (int i = 0; i < b.length; i++) {
                    int v = r.nextInt(256);
                    b[i] = (byte) (v == '\n' ? 0 : v);
                }
            }
            default -> java.util.Arrays.fill(b, (byte) ' ');
        }
        return b;
    }
}
