package dev.sockscope.export;

import dev.sockscope.model.Address;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns consecutive readings into events: a socket opened, closed, or in another state than at
 * the last reading. Pure; one instance follows one stream of readings.
 *
 * <p>A socket is the same across two readings when it has the same inode (an inode is the
 * kernel's identity of a socket; a UDP socket that connects keeps it). A socket without an inode
 * (TIME_WAIT, a connection still in a listener's accept queue) is the same as a socket of the
 * last reading with the same protocol, local and remote endpoints when either of the two has no
 * inode: a connection that closes becomes a TIME_WAIT entry of the same endpoints, and that is a
 * change of state, not a close and an open.
 *
 * <p>What cannot be known is not guessed: a socket that opened and closed between two readings
 * is in neither, and produces no event. {@link #tcpOpensSeen()} counts the TCP connections the
 * last reading saw open, so a caller can set them against the kernel's own count
 * ({@code ActiveOpens + PassiveOpens}) and say how many it missed.
 */
public final class EventTracker {
    /** What happened to a socket between two readings. */
    public enum Kind {
        OPENED("opened"),
        CLOSED("closed"),
        STATE("state");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The {@code event} value of a JSON line. */
        public String label() {
            return label;
        }
    }

    /**
     * @param row           the socket as the new reading shows it; for {@link Kind#CLOSED}, as
     *                      the last reading showed it
     * @param previousState the state at the last reading; null for {@link Kind#OPENED}
     */
    public record Event(Kind kind, SocketRow row, State previousState) {}

    private record Tuple(Proto proto, Address localAddress, int localPort, Address remoteAddress, int remotePort) {
        static Tuple of(SocketEntry e) {
            return new Tuple(e.proto(), e.localAddress(), e.localPort(), e.remoteAddress(), e.remotePort());
        }
    }

    private final Predicate<SocketRow> filter;
    private List<SocketRow> previous;
    private int tcpOpensSeen;

    /** @param filter which sockets events are reported for (a socket is followed either way) */
    public EventTracker(Predicate<SocketRow> filter) {
        this.filter = filter;
    }

    /**
     * Takes the next reading, every socket of it (unfiltered), and returns the events since the
     * last one, in the order: closed (in the last reading's order), then opened and changed (in
     * this reading's order). The first reading only sets the start: no events.
     */
    public List<Event> accept(List<SocketRow> rows) {
        List<SocketRow> prev = previous;
        previous = rows;
        tcpOpensSeen = 0;
        if (prev == null) {
            return List.of();
        }
        Map<Long, SocketRow> byInode = new HashMap<>(prev.size() * 2);
        Map<Tuple, List<SocketRow>> noInode = new HashMap<>();
        Map<Tuple, List<SocketRow>> inetByTuple = new HashMap<>(prev.size() * 2);
        for (SocketRow p : prev) {
            SocketEntry e = p.entry();
            if (e.inode() > 0) {
                byInode.put(e.inode(), p);
                if (e.proto() != Proto.UNIX) {
                    inetByTuple
                            .computeIfAbsent(Tuple.of(e), t -> new ArrayList<>(1))
                            .add(p);
                }
            } else {
                noInode.computeIfAbsent(Tuple.of(e), t -> new ArrayList<>(1)).add(p);
            }
        }
        Set<SocketRow> matched = Collections.newSetFromMap(new IdentityHashMap<>(prev.size() * 2));
        List<Event> changes = new ArrayList<>();
        for (SocketRow c : rows) {
            SocketEntry e = c.entry();
            SocketRow p = null;
            if (e.inode() > 0) {
                p = byInode.get(e.inode());
                if (p != null && !matched.add(p)) {
                    p = null; // two rows of one inode in a reading: the second is new to us
                }
            }
            if (p == null) {
                Tuple t = Tuple.of(e);
                p = firstUnmatched(noInode.get(t), matched);
                if (p == null && e.inode() <= 0) {
                    p = firstUnmatched(inetByTuple.get(t), matched);
                }
            }
            if (p == null) {
                if (isTcpOpen(e.state()) && e.proto() == Proto.TCP) {
                    tcpOpensSeen++;
                }
                if (filter.test(c)) {
                    changes.add(new Event(Kind.OPENED, c, null));
                }
                continue;
            }
            State before = p.entry().state();
            if (before != e.state()) {
                if (e.proto() == Proto.TCP && before == State.CLOSE && isTcpOpen(e.state())) {
                    tcpOpensSeen++;
                }
                if (filter.test(c) || filter.test(p)) {
                    changes.add(new Event(Kind.STATE, c, before));
                }
            }
        }
        List<Event> events = new ArrayList<>();
        for (SocketRow p : prev) {
            if (!matched.contains(p) && filter.test(p)) {
                events.add(new Event(Kind.CLOSED, p, null));
            }
        }
        events.addAll(changes);
        return events;
    }

    private static SocketRow firstUnmatched(List<SocketRow> candidates, Set<SocketRow> matched) {
        if (candidates == null) {
            return null;
        }
        for (SocketRow r : candidates) {
            if (matched.add(r)) {
                return r;
            }
        }
        return null;
    }

    /** A TCP state that an open (connect or accept) leads to: not LISTEN, not CLOSE (bound only). */
    private static boolean isTcpOpen(State s) {
        return s != State.LISTEN && s != State.CLOSE;
    }

    /**
     * TCP connections the last {@link #accept} saw open that the reading before did not hold
     * (new sockets other than listeners and bound-only ones, and bound-only sockets that
     * connected), whether or not the filter selects them.
     */
    public int tcpOpensSeen() {
        return tcpOpensSeen;
    }
}
