package dev.sockscope.view.live;

import dev.sockscope.action.ConnectionCloser;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.query.SortKey;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.TableSelection;
import dev.sockscope.view.Column;
import dev.sockscope.view.Cut;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the live view needs from the command line, built by name with {@link #builder()}.
 *
 * <ul>
 *   <li>{@code source}: read every {@code interval} on the worker's thread; not closed by the view</li>
 *   <li>{@code tables}: the tables first shown ({@code -t -u -w -x -4 -6}; none given: TCP and
 *       UDP over IPv4 and IPv6); the {@code t u w x 4 6} keys toggle them</li>
 *   <li>{@code listening}: {@code -l}, listening-only at the start ({@code l} toggles it)</li>
 *   <li>{@code baseFilter}, {@code baseFilterText}: every other selection option, and how it
 *       reads in the header; must not test protocol, family or listening</li>
 *   <li>{@code filterParser}: the {@code /} prompt's words; null disables the prompt</li>
 *   <li>{@code services}: port names; null with {@code -n}</li>
 *   <li>{@code portClasses}: classifies local ports (ephemeral or not) for the baseline of
 *       {@code b}, also with {@code -n}; default: {@code services}; null: no baseline</li>
 *   <li>{@code columns}, {@code autoColumns}: the table's columns; with {@code autoColumns} (no
 *       {@code --columns}, {@code -e} or {@code -o}) a wide terminal adds {@link Column#EXTENDED}</li>
 *   <li>{@code sort}, {@code reverse}: {@code --sort}, {@code --reverse}</li>
 *   <li>{@code wide}: {@code -W}, never cut a cell (a row wider than the terminal is cut at its edge)</li>
 *   <li>{@code cut}: how cut cells end ({@code …} or {@code ~} by locale)</li>
 *   <li>{@code notes}: the notes of a read given the rows shown ({@link dev.sockscope.view.Notes})</li>
 *   <li>{@code hints}: health hints of a read's rows for the header; null for none</li>
 *   <li>{@code interfaces}: the Interfaces tab's lines; null when this build has no such source</li>
 *   <li>{@code interval}, {@code color}, {@code resolver} (reverse DNS that never blocks; null
 *       for numeric), {@code err} (the one-line error after the terminal is restored)</li>
 *   <li>{@code closer}: closes the selected TCP connection for {@code K}; null: {@code K} says
 *       it is not available</li>
 *   <li>{@code keys}: the help page's lines, key and meaning (shared with {@code --help})</li>
 * </ul>
 */
public final class LiveOptions {
    final SocketSource source;
    final TableSelection tables;
    final boolean listening;
    final Predicate<SocketRow> baseFilter;
    final String baseFilterText;
    final FilterParser filterParser;
    final ServiceRegistry services;
    final ServiceRegistry portClasses;
    final List<Column> columns;
    final boolean autoColumns;
    final SortKey sort;
    final boolean reverse;
    final boolean wide;
    final Cut cut;
    final BiFunction<Snapshot, List<SocketRow>, List<String>> notes;
    final Function<List<SocketRow>, List<String>> hints;
    final java.util.function.Supplier<List<String>> interfaces;
    final Duration interval;
    final boolean color;
    final Function<String, String> resolver;
    final PrintStream err;
    final List<String[]> keys;
    final ConnectionCloser closer;

    private LiveOptions(Builder b) {
        this.source = Objects.requireNonNull(b.source, "source");
        this.tables = Objects.requireNonNull(b.tables, "tables");
        this.listening = b.listening;
        this.baseFilter = b.baseFilter;
        this.baseFilterText = b.baseFilterText == null ? "" : b.baseFilterText;
        this.filterParser = b.filterParser;
        this.services = b.services;
        this.portClasses = b.portClasses != null ? b.portClasses : b.services;
        this.columns = List.copyOf(b.columns);
        this.autoColumns = b.autoColumns;
        this.sort = Objects.requireNonNull(b.sort, "sort");
        this.reverse = b.reverse;
        this.wide = b.wide;
        this.cut = Objects.requireNonNull(b.cut, "cut");
        this.notes = b.notes;
        this.hints = b.hints;
        this.interfaces = b.interfaces;
        this.interval = Objects.requireNonNull(b.interval, "interval");
        this.color = b.color;
        this.resolver = b.resolver;
        this.err = Objects.requireNonNull(b.err, "err");
        this.keys = List.copyOf(b.keys);
        this.closer = b.closer;
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no columns");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    TableSelection tables() {
        return tables;
    }

    boolean listening() {
        return listening;
    }

    Predicate<SocketRow> baseFilter() {
        return baseFilter;
    }

    List<Column> columns() {
        return columns;
    }

    SortKey sort() {
        return sort;
    }

    boolean reverse() {
        return reverse;
    }

    /** Every value by name; unset ones take the defaults named on each setter. */
    public static final class Builder {
        private SocketSource source;
        private TableSelection tables = new TableSelection(java.util.Set.of(), java.util.Set.of());
        private boolean listening;
        private Predicate<SocketRow> baseFilter;
        private String baseFilterText = "";
        private FilterParser filterParser;
        private ServiceRegistry services;
        private ServiceRegistry portClasses;
        private List<Column> columns = Column.DEFAULT;
        private boolean autoColumns = true;
        private SortKey sort = SortKey.LOCAL;
        private boolean reverse;
        private boolean wide;
        private Cut cut = Cut.UNICODE;
        private BiFunction<Snapshot, List<SocketRow>, List<String>> notes;
        private Function<List<SocketRow>, List<String>> hints;
        private java.util.function.Supplier<List<String>> interfaces;
        private Duration interval = Duration.ofSeconds(1);
        private boolean color = true;
        private Function<String, String> resolver;
        private PrintStream err = System.err;
        private List<String[]> keys = List.of();
        private ConnectionCloser closer;

        public Builder source(SocketSource v) {
            source = v;
            return this;
        }

        /** Default: none given (TCP and UDP, IPv4 and IPv6). */
        public Builder tables(TableSelection v) {
            tables = v;
            return this;
        }

        public Builder listening(boolean v) {
            listening = v;
            return this;
        }

        public Builder baseFilter(Predicate<SocketRow> v, String text) {
            baseFilter = v;
            baseFilterText = text;
            return this;
        }

        public Builder filterParser(FilterParser v) {
            filterParser = v;
            return this;
        }

        public Builder services(ServiceRegistry v) {
            services = v;
            return this;
        }

        /** Default: {@code services}. */
        public Builder portClasses(ServiceRegistry v) {
            portClasses = v;
            return this;
        }

        /** Default: {@link Column#DEFAULT}, widened on a wide terminal. */
        public Builder columns(List<Column> v, boolean auto) {
            columns = v;
            autoColumns = auto;
            return this;
        }

        /** Default: local address, not reversed. */
        public Builder sort(SortKey v, boolean reversed) {
            sort = v;
            reverse = reversed;
            return this;
        }

        public Builder wide(boolean v) {
            wide = v;
            return this;
        }

        /** Default: {@link Cut#UNICODE}. */
        public Builder cut(Cut v) {
            cut = v;
            return this;
        }

        public Builder notes(BiFunction<Snapshot, List<SocketRow>, List<String>> v) {
            notes = v;
            return this;
        }

        public Builder hints(Function<List<SocketRow>, List<String>> v) {
            hints = v;
            return this;
        }

        public Builder interfaces(java.util.function.Supplier<List<String>> v) {
            interfaces = v;
            return this;
        }

        /** Default: one second. */
        public Builder interval(Duration v) {
            interval = v;
            return this;
        }

        public Builder color(boolean v) {
            color = v;
            return this;
        }

        public Builder resolver(Function<String, String> v) {
            resolver = v;
            return this;
        }

        public Builder err(PrintStream v) {
            err = v;
            return this;
        }

        /** The help page's keys and what they do (the text {@code --help} shows). */
        public Builder keys(List<String[]> v) {
            keys = v;
            return this;
        }

        /** Default: none ({@code K} says closing is not available). */
        public Builder closer(ConnectionCloser v) {
            closer = v;
            return this;
        }

        public LiveOptions build() {
            return new LiveOptions(this);
        }
    }
}
