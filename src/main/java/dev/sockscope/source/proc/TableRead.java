package dev.sockscope.source.proc;

import dev.sockscope.model.SocketEntry;
import java.util.List;

/**
 * What one {@link ProcTables#read} produced.
 *
 * @param entries       rows of every table read, in table order (tcp, tcp6, udp, udp6, udplite,
 *                      udplite6, raw, raw6, unix) and file order within a table; unmodifiable
 * @param unparsedLines malformed lines skipped across those tables (0 when all parsed)
 */
public record TableRead(List<SocketEntry> entries, int unparsedLines) {
    public TableRead {
        entries = List.copyOf(entries);
        if (unparsedLines < 0) {
            throw new IllegalArgumentException("negative unparsed count: " + unparsedLines);
        }
    }
}
