package dev.sockscope.health;

import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sockets counted by protocol and state, and the processes holding the most of them.
 *
 * @param total     every socket counted
 * @param protocols per protocol that has at least one socket, in {@link Proto} order
 * @param processes the processes with the most sockets, most first (ties: lower pid first); a
 *                  socket several processes hold (a pre-fork server) counts for each of them
 * @param unowned   sockets without a visible holder: TIME_WAIT and SYN_RECV sockets (no process
 *                  holds them) and, when not root, other users' sockets
 */
public record SocketCounts(int total, List<ProtoCount> protocols, List<ProcessCount> processes, StateCount unowned) {

    /** How many processes {@link #of} keeps by default. */
    public static final int TOP_PROCESSES = 10;

    public SocketCounts {
        protocols = List.copyOf(protocols);
        processes = List.copyOf(processes);
    }

    /** Counts by state; {@code states} in {@link State} order, only states with sockets. */
    public record StateCount(int total, Map<State, Integer> states) {
        public StateCount {
            states = Collections.unmodifiableMap(new EnumMap<>(states.isEmpty() ? new EnumMap<>(State.class) : states));
        }
    }

    /** One protocol's sockets, split by family (unix sockets count under neither) and state. */
    public record ProtoCount(Proto proto, int ipv4, int ipv6, StateCount count) {}

    /** One process's sockets by state. */
    public record ProcessCount(Holder holder, StateCount count) {}

    public static SocketCounts of(List<SocketRow> rows, int topProcesses) {
        Map<Proto, int[]> families = new EnumMap<>(Proto.class);
        Map<Proto, Map<State, Integer>> byProto = new EnumMap<>(Proto.class);
        Map<Integer, Holder> holders = new HashMap<>();
        Map<Integer, Map<State, Integer>> byPid = new HashMap<>();
        Map<State, Integer> unowned = new EnumMap<>(State.class);
        int unownedTotal = 0;
        for (SocketRow r : rows) {
            Proto p = r.entry().proto();
            State s = r.entry().state();
            byProto.computeIfAbsent(p, k -> new EnumMap<>(State.class)).merge(s, 1, Integer::sum);
            int[] f = families.computeIfAbsent(p, k -> new int[2]);
            if (r.entry().family() == Family.IPV4) {
                f[0]++;
            } else if (r.entry().family() == Family.IPV6) {
                f[1]++;
            }
            if (r.holders().isEmpty()) {
                unowned.merge(s, 1, Integer::sum);
                unownedTotal++;
            }
            for (Holder h : r.holders()) {
                holders.putIfAbsent(h.pid(), h);
                byPid.computeIfAbsent(h.pid(), k -> new EnumMap<>(State.class)).merge(s, 1, Integer::sum);
            }
        }
        List<ProtoCount> protocols = new ArrayList<>();
        for (Map.Entry<Proto, Map<State, Integer>> e : byProto.entrySet()) {
            int[] f = families.get(e.getKey());
            protocols.add(new ProtoCount(e.getKey(), f[0], f[1], count(e.getValue())));
        }
        List<ProcessCount> processes = new ArrayList<>();
        for (Map.Entry<Integer, Map<State, Integer>> e : byPid.entrySet()) {
            processes.add(new ProcessCount(holders.get(e.getKey()), count(e.getValue())));
        }
        processes.sort((a, b) -> a.count().total() != b.count().total()
                ? Integer.compare(b.count().total(), a.count().total())
                : Integer.compare(a.holder().pid(), b.holder().pid()));
        if (processes.size() > topProcesses) {
            processes = new ArrayList<>(processes.subList(0, topProcesses));
        }
        return new SocketCounts(rows.size(), protocols, processes, new StateCount(unownedTotal, unowned));
    }

    private static StateCount count(Map<State, Integer> states) {
        int total = 0;
        for (int n : states.values()) {
            total += n;
        }
        return new StateCount(total, states);
    }
}
