package dev.sockscope.cli;

import dev.sockscope.query.Filter;
import dev.sockscope.query.SortKey;
import dev.sockscope.source.TableSelection;
import java.nio.file.Path;

/**
 * A parsed, validated command line.
 *
 * @param mode       list, live, or decided by the terminal ({@link Mode#AUTO})
 * @param tables     which connection tables to read
 * @param filter     every selection option
 * @param selection  the selection options but protocol, family and listening (which the live
 *                   view toggles itself)
 * @param listening  {@code -l} was given
 * @param intervalMs refresh period in milliseconds
 * @param count      snapshots to print in list mode; 0 means until interrupted
 * @param procRoot   the {@code /proc} tree to read
 * @param sort       sort column, and whether reversed
 */
public record Config(
        Mode mode,
        TableSelection tables,
        Filter filter,
        Filter selection,
        boolean listening,
        Format format,
        Backend backend,
        Path procRoot,
        long intervalMs,
        int count,
        boolean numeric,
        boolean resolve,
        boolean noColor,
        SortKey sort,
        boolean reverse,
        Action action) {

    /** What the invocation asks for besides the socket table itself. */
    public enum Action {
        RUN,
        HELP,
        VERSION,
        /** A network view ({@code -i}, {@code -r}, ...): {@link NetworkOptions} parses the command line. */
        NETWORK
    }

    public enum Mode {
        AUTO,
        LIST,
        LIVE
    }

    public enum Format {
        TABLE,
        JSON,
        CSV
    }

    public enum Backend {
        AUTO,
        NETLINK,
        PROC,
        OSHI
    }
}
