package dev.sockscope.cli;

import dev.sockscope.query.Filter;
import dev.sockscope.query.SortKey;
import dev.sockscope.source.TableSelection;
import dev.sockscope.view.Column;
import java.nio.file.Path;
import java.util.List;

/**
 * A parsed, validated command line. Build one with {@link Builder}: every value by name.
 *
 * @param mode       what to run
 * @param tables     which connection tables to read
 * @param filter     every selection option
 * @param selection  the selection options but protocol, family and listening (which the live
 *                   view toggles itself)
 * @param listening  {@code -l} was given
 * @param intervalMs refresh period in milliseconds
 * @param count      snapshots to print in list mode; 0 means until interrupted
 * @param procRoot   the {@code /proc} tree to read
 * @param columns    the table's columns, in order
 * @param wide       {@code -W}: never cut a cell
 * @param sort       sort order, and whether reversed
 * @param export     the options of --diff, --events and --serve
 * @param netns      {@code --netns}: a name in {@code /run/netns}, {@code host}, a pid as
 *                   text, or {@code all}; null when not given (this process's namespace)
 * @param ports      {@link Mode#PORT}: the port mode's options; null otherwise
 * @param network    {@link Mode#NETWORK}: the network view's options; null otherwise
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
        List<Column> columns,
        boolean wide,
        SortKey sort,
        boolean reverse,
        ExportOptions export,
        String netns,
        ModeOptions.ModeConfig ports,
        NetworkRequest network) {

    public Config {
        columns = List.copyOf(columns);
    }

    /** What the invocation runs. */
    public enum Mode {
        /** The live view on a terminal, else one snapshot. */
        AUTO,
        /** Snapshots ({@code --list}, {@code --count}, {@code -c}). */
        LIST,
        HELP,
        VERSION,
        /** {@code -s}: counts, the kernel's counters, health hints. */
        SUMMARY,
        /** {@code --pids}: the pids holding the selected sockets. */
        PIDS,
        /** {@code --kill}: SIGTERM to them, after asking on the terminal. */
        KILL,
        /** {@code --kill --yes}: SIGTERM to them without asking. */
        KILL_CONFIRMED,
        /** A network view ({@code -i}, {@code -r}, ...): its options in {@link #network()}. */
        NETWORK,
        /** {@code --explain}, {@code --wait-listen}, {@code --wait-free}: their options in {@link #ports()}. */
        PORT
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

    /** A builder starting from the defaults of a bare {@code sockscope}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Named values for {@link Config}. */
    public static final class Builder {
        private Mode mode = Mode.AUTO;
        private TableSelection tables = TableSelection.all();
        private Filter filter = Filter.all();
        private Filter selection = Filter.all();
        private boolean listening;
        private Format format = Format.TABLE;
        private Backend backend = Backend.AUTO;
        private Path procRoot = Path.of("/proc");
        private long intervalMs = 1000;
        private int count = 1;
        private boolean numeric;
        private boolean resolve;
        private boolean noColor;
        private List<Column> columns = Column.DEFAULT;
        private boolean wide;
        private SortKey sort = SortKey.PROTO;
        private boolean reverse;
        private ExportOptions export = ExportOptions.NONE;
        private String netns;
        private ModeOptions.ModeConfig ports;
        private NetworkRequest network;

        public Builder mode(Mode v) {
            mode = v;
            return this;
        }

        public Builder tables(TableSelection v) {
            tables = v;
            return this;
        }

        public Builder filter(Filter v) {
            filter = v;
            return this;
        }

        public Builder selection(Filter v) {
            selection = v;
            return this;
        }

        public Builder listening(boolean v) {
            listening = v;
            return this;
        }

        public Builder format(Format v) {
            format = v;
            return this;
        }

        public Builder backend(Backend v) {
            backend = v;
            return this;
        }

        public Builder procRoot(Path v) {
            procRoot = v;
            return this;
        }

        public Builder intervalMs(long v) {
            intervalMs = v;
            return this;
        }

        public Builder count(int v) {
            count = v;
            return this;
        }

        public Builder numeric(boolean v) {
            numeric = v;
            return this;
        }

        public Builder resolve(boolean v) {
            resolve = v;
            return this;
        }

        public Builder noColor(boolean v) {
            noColor = v;
            return this;
        }

        public Builder columns(List<Column> v) {
            columns = v;
            return this;
        }

        public Builder wide(boolean v) {
            wide = v;
            return this;
        }

        public Builder sort(SortKey v) {
            sort = v;
            return this;
        }

        public Builder reverse(boolean v) {
            reverse = v;
            return this;
        }

        public Builder export(ExportOptions v) {
            export = v;
            return this;
        }

        public Builder netns(String v) {
            netns = v;
            return this;
        }

        public Builder ports(ModeOptions.ModeConfig v) {
            ports = v;
            return this;
        }

        public Builder network(NetworkRequest v) {
            network = v;
            return this;
        }

        public Config build() {
            return new Config(
                    mode,
                    tables,
                    filter,
                    selection,
                    listening,
                    format,
                    backend,
                    procRoot,
                    intervalMs,
                    count,
                    numeric,
                    resolve,
                    noColor,
                    columns,
                    wide,
                    sort,
                    reverse,
                    export,
                    netns,
                    ports,
                    network);
        }
    }
}
