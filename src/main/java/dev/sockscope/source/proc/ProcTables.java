package dev.sockscope.source.proc;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
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
 * <p>Files are read as bytes until end of file (proc files report size 0) into one buffer that
 * is kept and reused by later reads, so a live view re-reading large tables does not allocate
 * them again; the parsers' address caches are kept too. Not thread-safe.
 *
 * <p>A missing table is not an error (IPv6 disabled, no UDP-Lite): it contributes no rows. A
 * table that exists but cannot be read (permissions, an I/O error mid-read) is skipped likewise,
 * as long as another wanted table could be read.
 */
public final class ProcTables {
    private record Table(String file, Proto proto, Family family) {
    }

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

    private final Path net;
    private final InetTableParser inet = new InetTableParser();
    private final UnixTableParser unix = new UnixTableParser();
    private byte[] buffer = new byte[64 * 1024];
    private int filled;

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
        List<SocketEntry> entries = new ArrayList<>();
        int unparsed = 0;
        int readable = 0;
        IOException lastFailure = null;
        Path lastFailed = null;
        for (Table t : TABLES) {
            if (!which.wants(t.proto(), t.family())) {
                continue;
            }
            Path file = net.resolve(t.file());
            try {
                readFully(file);
            } catch (NoSuchFileException e) {
                continue; // this kernel has no such table (IPv6 disabled, no UDP-Lite)
            } catch (IOException e) {
                lastFailure = e;
                lastFailed = file;
                continue;
            }
            readable++;
            unparsed += t.proto() == Proto.UNIX
                    ? unix.parse(buffer, filled, entries)
                    : inet.parse(buffer, filled, t.proto(), t.family(), entries);
        }
        if (readable == 0 && lastFailure != null) {
            throw new SourceException("cannot read connection tables: " + lastFailed + ": "
                    + reason(lastFailure), lastFailure);
        }
        return new TableRead(entries, unparsed);
    }

    /** Reads {@code file} into {@link #buffer}, growing it as needed; sets {@link #filled}. */
    private void readFully(Path file) throws IOException {
        filled = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                if (filled == buffer.length) {
                    if (buffer.length >= Integer.MAX_VALUE / 2) {
                        throw new IOException("table larger than 1 GiB");
                    }
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                int n = in.read(buffer, filled, buffer.length - filled);
                if (n < 0) {
                    return;
                }
                filled += n;
            }
        }
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
