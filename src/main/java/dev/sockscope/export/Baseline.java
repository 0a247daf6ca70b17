package dev.sockscope.export;

import dev.sockscope.model.Address;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.query.Filter;
import dev.sockscope.service.PortClass;
import dev.sockscope.service.ServiceRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A set of rows to compare later rows against: what {@code --diff} reads from a saved snapshot,
 * and what a view marks as its baseline. Pure and immutable; no I/O.
 *
 * <p>Rows are compared by a key that survives what is no change to a user:
 *
 * <ul>
 *   <li>a <b>listener</b> ({@link Filter#isListening}: TCP LISTEN, unconnected UDP/raw, unix
 *       LISTEN) by protocol, local address, local port and program (the first holder's process
 *       name), never by pid: a restarted service is the same listener;</li>
 *   <li>a <b>connection</b> by protocol, program, remote address and remote port, plus the local
 *       port only when it is not ephemeral ({@link ServiceRegistry#classify}): a client that
 *       reconnects from another ephemeral port is the same connection; a unix connection by
 *       program and path.</li>
 * </ul>
 *
 * Keys are counted, not just present: three connections of one program to the same remote
 * endpoint in the baseline and four now is one opened. TIME_WAIT sockets are left out on both
 * sides: they are connections that have already closed (the kernel keeps the record, no process
 * holds it).
 */
public final class Baseline {
    private final List<SocketRow> ordered;
    private final Map<Key, List<SocketRow>> rows;
    private final ServiceRegistry registry;

    private Baseline(List<SocketRow> ordered, Map<Key, List<SocketRow>> rows, ServiceRegistry registry) {
        this.ordered = ordered;
        this.rows = rows;
        this.registry = registry;
    }

    /**
     * @param rows     the baseline's rows, already filtered (the same filter must select the rows
     *                 compared later)
     * @param registry classifies local ports (ephemeral or not)
     */
    public static Baseline of(List<SocketRow> rows, ServiceRegistry registry) {
        Map<Key, List<SocketRow>> byKey = new HashMap<>();
        List<SocketRow> ordered = new ArrayList<>(rows.size());
        for (SocketRow r : rows) {
            if (counts(r)) {
                byKey.computeIfAbsent(key(r, registry), k -> new ArrayList<>(1)).add(r);
                ordered.add(r);
            }
        }
        return new Baseline(List.copyOf(ordered), byKey, registry);
    }

    /**
     * What changed from this baseline to {@code current}. Each list keeps the order of its input
     * ({@code current} for added and opened, the baseline's for removed and closed).
     *
     * @param listenersOnly compare listeners only (connections are ignored on both sides)
     */
    public Changes compare(List<SocketRow> current, boolean listenersOnly) {
        Map<Key, ArrayDeque<SocketRow>> left = new HashMap<>(rows.size() * 2);
        for (Map.Entry<Key, List<SocketRow>> e : rows.entrySet()) {
            left.put(e.getKey(), new ArrayDeque<>(e.getValue()));
        }
        List<SocketRow> added = new ArrayList<>();
        List<SocketRow> opened = new ArrayList<>();
        for (SocketRow r : current) {
            if (!counts(r)) {
                continue;
            }
            Key k = key(r, registry);
            if (listenersOnly && !k.listener()) {
                continue;
            }
            ArrayDeque<SocketRow> same = left.get(k);
            if (same != null && !same.isEmpty()) {
                same.poll();
            } else if (k.listener()) {
                added.add(r);
            } else {
                opened.add(r);
            }
        }
        Set<SocketRow> gone = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ArrayDeque<SocketRow> unmatched : left.values()) {
            gone.addAll(unmatched);
        }
        List<SocketRow> removed = new ArrayList<>();
        List<SocketRow> closed = new ArrayList<>();
        for (SocketRow r : ordered) {
            if (!gone.contains(r)) {
                continue;
            }
            boolean listener = Filter.isListening(r.entry());
            if (listener) {
                removed.add(r);
            } else if (!listenersOnly) {
                closed.add(r);
            }
        }
        return new Changes(added, removed, opened, closed);
    }

    /** The baseline's rows that take part in comparisons, in their order. */
    public List<SocketRow> rows() {
        return ordered;
    }

    /** Whether the row takes part in a comparison: every socket but TIME_WAIT. */
    static boolean counts(SocketRow r) {
        return r.entry().state() != State.TIME_WAIT;
    }

    /** The key a row is compared by (see the class comment). */
    public static Key key(SocketRow r, ServiceRegistry registry) {
        SocketEntry e = r.entry();
        String program = r.owner() == null ? null : r.owner().process();
        if (Filter.isListening(e)) {
            return new Key(true, e.proto(), program, e.localAddress(), e.localPort(), null, SocketEntry.NO_PORT);
        }
        if (e.proto() == Proto.UNIX) {
            return new Key(false, e.proto(), program, e.localAddress(), SocketEntry.NO_PORT, null, SocketEntry.NO_PORT);
        }
        int localPort = registry.classify(e.localPort()) == PortClass.EPHEMERAL ? SocketEntry.NO_PORT : e.localPort();
        return new Key(false, e.proto(), program, null, localPort, e.remoteAddress(), e.remotePort());
    }

    /**
     * What identifies a row across two readings; components that do not apply are null or
     * {@link SocketEntry#NO_PORT}.
     *
     * @param listener     a listener (else a connection)
     * @param program      the first holder's process name, null when no holder is known
     * @param localAddress listeners and unix connections only
     * @param localPort    listeners, and connections whose local port is not ephemeral
     */
    public record Key(
            boolean listener,
            Proto proto,
            String program,
            Address localAddress,
            int localPort,
            Address remoteAddress,
            int remotePort) {
        public Key {
            Objects.requireNonNull(proto, "proto");
        }
    }
}
