package dev.sockscope.source.proc;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads the Linux connection tables under {@code <procRoot>/net/}: {@code tcp}, {@code tcp6},
 * {@code udp}, {@code udp6}, {@code udplite}, {@code udplite6}, {@code raw}, {@code raw6} and
 * {@code unix}, only those a {@link TableSelection} wants, and parses them with
 * {@link InetTableParser} and {@link UnixTableParser}.
 *
 * <p>Files are read as bytes until end of file (proc files report size 0) through one 64 KiB
 * buffer that is kept and reused by later reads. An inet table is parsed a buffer of whole
 * lines at a time, so a table of 80,000 sockets (12 MB of text) never sits in memory whole; the
 * unix table, whose paths may hold line feeds, is read whole and parsed once. The parsers'
 * address caches are kept between reads too. Not thread-safe.
 *
 * <p>A missing table is not an error (IPv6 disabled, no UDP-Lite): it contributes no rows. A
 * table that exists but cannot be read (permissions, an I/O error mid-read) is skipped likewise,
 * as long as another wanted table could be read.
 */
public final class ProcTables {
    private record Table(String file, Proto proto, Family family) {}

    private static final List<Table> TABLES = List.of(
            new Table("tcp", Proto.TCP, Family.IPV4),
            new Table("tcp6", Proto.TCP, Family.IPV6),
            new Table("udp", Proto.UDP, Family.IPV4),
            new Table("udp6", Proto.UDP, Family.IPV6),
            new Table("udplite", Proto.UDPLITE, Family.IPV4),
            new Table("udplite6", Proto.UDPLITE, Family.IPV6),
            new Table("raw", Proto.RAW, Family.IPV4),
            new Table("raw6", Proto.RAW, Family.IPV6),
            new Table("unix", Proto.UNIX, Family.UNIX));

    /** Receives a table's text: whole lines, and at the end of the table whatever is left. */
    interface Lines {
        void take(byte[] data, int length);
    }

    /** The buffer's size, and the most a read of a large unix table leaves it at. */
    static final int BUFFER = 64 * 1024;

    private final Path net;
    private final InetTableParser inet = new InetTableParser();
    private final UnixTableParser unix = new UnixTableParser();
    private byte[] buffer = new byte[BUFFER];

    // the table being parsed, for the parse sink
    private Table table;
    private List<SocketEntry> entries;
    private int unparsed;
    private final Lines parse = new Lines() {
        @Override
        public void take(byte[] data, int length) {
            unparsed += table.proto() == Proto.UNIX
                    ? unix.parse(data, length, entries)
                    : inet.parse(data, length, table.proto(), table.family(), entries);
        }
    };

    /** @param procRoot the proc mount, {@code /proc} on a live system, or a captured copy */
    public ProcTables(Path procRoot) {
        this.net = Objects.requireNonNull(procRoot, "procRoot").resolve("net");
    }

    /**
     * Reads and parses the wanted tables.
     *
     * @return every row of the wanted tables that exist, and the count of malformed lines
     * @throws SourceException when {@code <procRoot>/net} is not a readable directory, or when
     *                         every wanted table that exists failed to read; the message is one
     *                         line naming the path
     */
    public TableRead read(TableSelection which) throws SourceException {
        if (!Files.isDirectory(net)) {
            throw new SourceException("cannot read connection tables: " + net
                    + (Files.exists(net) ? " is not a directory" : " does not exist"));
        }
        entries = new ArrayList<>();
        unparsed = 0;
        int readable = 0;
        IOException lastFailure = null;
        Path lastFailed = null;
        for (Table t : TABLES) {
            if (!which.wants(t.proto(), t.family())) {
                continue;
            }
            Path file = net.resolve(t.file());
            table = t;
            int before = entries.size();
            int unparsedBefore = unparsed;
            try {
                readFully(file, t.proto() == Proto.UNIX);
            } catch (NoSuchFileException e) {
                continue; // this kernel has no such table (IPv6 disabled, no UDP-Lite)
            } catch (IOException e) {
                // a read that failed midway gives none of its rows, as if it had failed at once
                entries.subList(before, entries.size()).clear();
                unparsed = unparsedBefore;
                lastFailure = e;
                lastFailed = file;
                continue;
            }
            readable++;
        }
        List<SocketEntry> read = entries;
        entries = null;
        table = null;
        if (buffer.length > BUFFER) {
            buffer = new byte[BUFFER];
        }
        if (readable == 0 && lastFailure != null) {
            throw new SourceException(
                    "cannot read connection tables: " + lastFailed + ": " + reason(lastFailure), lastFailure);
        }
        return new TableRead(read, unparsed);
    }

    /**
     * Reads {@code file} and parses it into {@link #entries}. A {@code FileInputStream}, not
     * {@code Files.newInputStream}: the latter's file channel loads the JDK's network library (a
     * few milliseconds of start-up) and nothing else here needs it.
     */
    private void readFully(Path file, boolean whole) throws IOException {
        InputStream in;
        try {
            in = new FileInputStream(file.toFile());
        } catch (FileNotFoundException e) {
            // FileInputStream says "not found" for both; tell a missing table from a closed one
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            throw Files.isReadable(file) ? e : new AccessDeniedException(file.toString());
        }
        try (in) {
            readTable(in, whole, parse);
        }
    }

    /**
     * The largest a line of any table can be: a unix socket line with a 108-byte path is under
     * 200 bytes, inet lines are under 180.
     */
    static final int LONGEST_LINE = 512;

    /** The least a seq_file hands out per {@code read} before it stops at a line that does not fit. */
    static final int SEQ_PAGE = 4096;

    /**
     * Reads {@code in} to its end through {@link #buffer}, handing {@code sink} the text: each
     * time less than a page of room is left, the whole lines read so far (unless {@code whole}:
     * then the buffer grows and all of it is handed over once), and at the end whatever is left,
     * a last line without its line feed included. The buffer grows only when it holds no line
     * feed at all (a line longer than itself, which only a damaged file has).
     *
     * <p>A {@code /proc/net} table is a seq_file: each {@code read} returns at most one page of
     * whole lines, and the read that finds the end walks the kernel's whole hash table once
     * more (262,144 buckets for TCP on a 24 GiB machine: 2.5 ms, for tcp and again for tcp6). A
     * read stops short of the buffer only at the end of the table or when the next line would
     * overflow the page; so a read that leaves room for the longest line in a page ended at the
     * end of the table, and the extra read is skipped. A regular file (a captured tree) returns
     * less than asked only at its end too.
     */
    void readTable(InputStream in, boolean whole, Lines sink) throws IOException {
        int filled = 0;
        while (true) {
            if (buffer.length - filled < SEQ_PAGE) {
                int cut = whole ? 0 : lastLineFeed(buffer, filled) + 1;
                if (cut > 0) {
                    sink.take(buffer, cut);
                    System.arraycopy(buffer, cut, buffer, 0, filled - cut);
                    filled -= cut;
                } else {
                    if (buffer.length >= Integer.MAX_VALUE / 2) {
                        throw new IOException("table larger than 1 GiB");
                    }
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
            }
            int asked = buffer.length - filled;
            int got = in.read(buffer, filled, asked);
            if (got < 0) {
                break;
            }
            filled += got;
            if (got < asked && got <= SEQ_PAGE - LONGEST_LINE) {
                break;
            }
        }
        sink.take(buffer, filled);
    }

    private static int lastLineFeed(byte[] d, int end) {
        for (int i = end - 1; i >= 0; i--) {
            if (d[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (m == null || m.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        return m.replace('\n', ' ').replace('\r', ' ');
    }
}
