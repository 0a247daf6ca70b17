package dev.sockscope.action;

import dev.sockscope.model.SocketRow;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.view.CsvWriter;
import dev.sockscope.view.Fields;
import dev.sockscope.view.JsonWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * Writes rows to a file in the format of {@code --format json} or {@code csv} (the same keys),
 * for the live view's {@code e}. The file is written whole under a temporary name beside it and
 * then moved into place, so a reader never sees half a file.
 */
public final class Export {
    /** The file formats. */
    public enum Format {
        JSON,
        CSV
    }

    private Export() {}

    /** The format a file name's extension asks for ({@code .json}, {@code .csv}, any case), or null. */
    public static Format formatOf(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".json")) {
            return Format.JSON;
        }
        if (n.endsWith(".csv")) {
            return Format.CSV;
        }
        return null;
    }

    /**
     * @param overwrite replace an existing file (the caller asked the user first)
     * @return how many rows were written
     * @throws ExportException when the file exists and {@code overwrite} is false, or cannot be written
     */
    public static int write(
            List<SocketRow> rows, Path file, Format format, ServiceRegistry registry, boolean names, boolean overwrite)
            throws ExportException {
        if (!overwrite && Files.exists(file)) {
            throw new ExportException(file + " exists");
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".sockscope-export-", ".tmp");
            try (Writer w = new BufferedWriter(
                    Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING))) {
                Fields fields = new Fields(registry, names);
                if (format == Format.JSON) {
                    new JsonWriter(fields).write(rows, w);
                } else {
                    CsvWriter csv = new CsvWriter(fields);
                    csv.writeHeader(w);
                    csv.writeRows(rows, w);
                }
            }
            if (overwrite) {
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                try {
                    Files.createLink(file, tmp); // fails if the name was taken meanwhile
                } catch (UnsupportedOperationException e) {
                    Files.move(tmp, file);
                }
            }
            return rows.size();
        } catch (FileAlreadyExistsException e) {
            throw new ExportException(file + " exists", e);
        } catch (IOException | SecurityException e) {
            throw new ExportException("cannot write " + file + ": " + reason(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // the export itself is done or already reported; a leftover temp file is harmless
                }
            }
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
