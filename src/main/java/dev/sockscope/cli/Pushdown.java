package dev.sockscope.cli;

import dev.sockscope.model.State;
import dev.sockscope.query.PortSet;
import dev.sockscope.source.PortRange;
import dev.sockscope.source.TableSelection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the command line's port and state conditions (each option's values OR-ed, as the
 * query's filter does) for {@link TableSelection}, so a source that can select in the kernel
 * reads only matching sockets. The filter still runs on every row: this only narrows the read.
 * {@code -l} is not passed down (the live view toggles it).
 */
final class Pushdown {
    private PortSet any;
    private PortSet local;
    private PortSet remote;
    private Set<State> states;

    PortSet any(PortSet p) {
        any = any == null ? p : any.or(p);
        return p;
    }

    PortSet local(PortSet p) {
        local = local == null ? p : local.or(p);
        return p;
    }

    PortSet remote(PortSet p) {
        remote = remote == null ? p : remote.or(p);
        return p;
    }

    Set<State> states(Set<State> s) {
        if (states == null) {
            states = EnumSet.noneOf(State.class);
        }
        states.addAll(s);
        return s;
    }

    TableSelection apply(TableSelection t) {
        TableSelection r = t.withPorts(ranges(any), ranges(local), ranges(remote));
        return states == null ? r : r.withStates(states);
    }

    private static List<PortRange> ranges(PortSet p) {
        return p == null ? List.of() : PortRange.of(p::contains);
    }
}
