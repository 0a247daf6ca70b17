package dev.sockscope.view.live;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.query.Filter;
import dev.sockscope.query.SortKey;
import dev.sockscope.source.TableSelection;
import dev.sockscope.view.Column;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything that decides which rows the live view shows and in which order: the columns, the
 * sort, the toggles and the filters. Immutable; the state makes a new one for every change
 * (each with a larger {@link #generation()}) and the worker prepares the next {@link Frame}
 * from the newest it has been given. Built from {@link #initial} and changed with the
 * {@code with...} methods, never by position.
 */
final class Settings {
    private final long generation;
    private final List<Column> columns;
    private final SortKey sort;
    private final boolean reversed;
    private final Set<Proto> protos;
    private final Set<Family> families;
    private final boolean listening;
    private final Predicate<SocketRow> base;
    private final Predicate<SocketRow> filter;
    private final String filterText;
    private final ProcessColumn processSort;
    private final boolean processReversed;
    private final boolean processesTab;
    /** The baseline asked for: 0 none, else a number that changes with each {@code b}. */
    private final long baseline;

    private Settings(Settings o, long generation) {
        this(o, generation, o.processesTab, o.baseline);
    }

    private Settings(Settings o, long generation, boolean processesTab, long baseline) {
        this.generation = generation;
        this.columns = o.columns;
        this.sort = o.sort;
        this.reversed = o.reversed;
        this.protos = o.protos;
        this.families = o.families;
        this.listening = o.listening;
        this.base = o.base;
        this.filter = o.filter;
        this.filterText = o.filterText;
        this.processSort = o.processSort;
        this.processReversed = o.processReversed;
        this.processesTab = processesTab;
        this.baseline = baseline;
    }

    private Settings(
            long generation,
            List<Column> columns,
            SortKey sort,
            boolean reversed,
            Set<Proto> protos,
            Set<Family> families,
            boolean listening,
            Predicate<SocketRow> base,
            Predicate<SocketRow> filter,
            String filterText,
            ProcessColumn processSort,
            boolean processReversed,
            long baseline) {
        this.generation = generation;
        this.columns = List.copyOf(columns);
        this.sort = sort;
        this.reversed = reversed;
        this.protos =
                Collections.unmodifiableSet(protos.isEmpty() ? EnumSet.noneOf(Proto.class) : EnumSet.copyOf(protos));
        this.families = Collections.unmodifiableSet(
                families.isEmpty() ? EnumSet.noneOf(Family.class) : EnumSet.copyOf(families));
        this.listening = listening;
        this.base = base;
        this.filter = filter;
        this.filterText = filterText;
        this.processSort = processSort;
        this.processReversed = processReversed;
        this.processesTab = false;
        this.baseline = baseline;
    }

    /** The settings the command line asks for (generation 1). */
    static Settings initial(LiveOptions o) {
        Set<Proto> protos = o.tables().protos().isEmpty()
                ? EnumSet.of(Proto.TCP, Proto.UDP)
                : EnumSet.copyOf(o.tables().protos());
        Set<Family> families = o.tables().families().isEmpty()
                ? EnumSet.of(Family.IPV4, Family.IPV6)
                : EnumSet.copyOf(o.tables().families());
        return new Settings(
                1,
                o.columns(),
                o.sort(),
                o.reverse(),
                protos,
                families,
                o.listening(),
                o.baseFilter(),
                null,
                "",
                ProcessColumn.SOCKETS,
                true,
                0);
    }

    private Settings next(
            List<Column> columns,
            SortKey sort,
            boolean reversed,
            Set<Proto> protos,
            Set<Family> families,
            boolean listening,
            Predicate<SocketRow> filter,
            String filterText,
            ProcessColumn processSort,
            boolean processReversed) {
        Settings n = new Settings(
                generation + 1,
                columns,
                sort,
                reversed,
                protos,
                families,
                listening,
                base,
                filter,
                filterText,
                processSort,
                processReversed,
                baseline);
        return processesTab ? new Settings(n, n.generation, true, baseline) : n;
    }

    Settings withColumns(List<Column> c) {
        return next(c, sort, reversed, protos, families, listening, filter, filterText, processSort, processReversed);
    }

    Settings withSort(SortKey s, boolean r) {
        return next(columns, s, r, protos, families, listening, filter, filterText, processSort, processReversed);
    }

    Settings withShown(Set<Proto> p, Set<Family> f, boolean l) {
        return next(columns, sort, reversed, p, f, l, filter, filterText, processSort, processReversed);
    }

    Settings withFilter(Predicate<SocketRow> f, String text) {
        return next(columns, sort, reversed, protos, families, listening, f, text, processSort, processReversed);
    }

    /** These settings with {@code o}'s filter (the prompt's Esc puts the one before it back). */
    Settings withFilterOf(Settings o) {
        return withFilter(o.filter, o.filterText);
    }

    Settings withProcessSort(ProcessColumn s, boolean r) {
        return next(columns, sort, reversed, protos, families, listening, filter, filterText, s, r);
    }

    /**
     * These settings, on the Processes tab or not: its send and receive rates need
     * {@code tcp_info} in each read, which the Sockets tab reads only for a column or order
     * that shows it.
     */
    Settings onProcessesTab(boolean on) {
        return on == processesTab ? this : new Settings(this, generation + 1, on, baseline);
    }

    boolean processesTab() {
        return processesTab;
    }

    /** The same settings under a newer generation (the worker is asked to read again). */
    Settings again() {
        return new Settings(this, generation + 1);
    }

    /** A new baseline ({@code b}): the worker marks the rows of its next frame's read as it. */
    Settings withNewBaseline() {
        return new Settings(this, generation + 1, processesTab, generation + 1);
    }

    /** No baseline ({@code B}). */
    Settings withoutBaseline() {
        return new Settings(this, generation + 1, processesTab, 0);
    }

    /** The baseline asked for: 0 for none; a new number for each {@code b}. */
    long baseline() {
        return baseline;
    }

    long generation() {
        return generation;
    }

    List<Column> columns() {
        return columns;
    }

    SortKey sort() {
        return sort;
    }

    boolean reversed() {
        return reversed;
    }

    Set<Proto> protos() {
        return protos;
    }

    Set<Family> families() {
        return families;
    }

    boolean listening() {
        return listening;
    }

    String filterText() {
        return filterText;
    }

    ProcessColumn processSort() {
        return processSort;
    }

    boolean processReversed() {
        return processReversed;
    }

    /** The tables a read needs for these toggles, with {@code tcp_info} when something shown uses it. */
    TableSelection tables() {
        return new TableSelection(protos, families).withTcpInfo(processesTab || Column.needTcpInfo(columns, sort));
    }

    /**
     * Whether {@link #shows} lets every row of a read of {@code tables} through: no filter, not
     * only listeners, and every table read toggled on. Then a frame asks no row.
     */
    boolean showsEvery(TableSelection tables) {
        return !listening
                && base == null
                && filter == null
                && !tables.protos().isEmpty()
                && protos.containsAll(tables.protos())
                && !tables.families().isEmpty()
                && families.containsAll(tables.families());
    }

    /** Whether the toggles and both filters let this row through. */
    boolean shows(SocketRow r) {
        SocketEntry e = r.entry();
        if (!protos.contains(e.proto())) {
            return false;
        }
        if (e.proto() != Proto.UNIX && !families.contains(e.family())) {
            return false;
        }
        if (listening && !Filter.isListening(e)) {
            return false;
        }
        return (base == null || base.test(r)) && (filter == null || filter.test(r));
    }

    /** Same rows in the same order (only a generation or the process sort differs). */
    boolean sameRows(Settings o) {
        return o != null
                && columns.equals(o.columns)
                && sort == o.sort
                && reversed == o.reversed
                && protos.equals(o.protos)
                && families.equals(o.families)
                && listening == o.listening
                && filter == o.filter
                && baseline == o.baseline;
    }
}
