package dev.sockscope.health;

import dev.sockscope.model.Address;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads situations off one reading of the sockets and the kernel's counters. Pure: the same
 * input gives the same hints; nothing is read here.
 *
 * <p>Each rule, with its default threshold in {@link Thresholds#DEFAULT}:
 *
 * <ul>
 *   <li><b>close-wait</b>: one process holds many TCP sockets in CLOSE_WAIT — their peers closed
 *       and the program never did (a bug in that program).
 *   <li><b>accept-queue-full</b>: a TCP listener's Recv-Q (connections waiting for
 *       {@code accept}) is at or past its backlog (its Send-Q, as netlink and {@code ss} report
 *       it) and {@code TcpExtListenOverflows} rose since the previous reading (with one reading:
 *       is above 0 since boot, said so in the evidence). {@code /proc/net/tcp} does not show the
 *       backlog (Send-Q is 0 there): then the hint needs Recv-Q above 0 at this and the previous
 *       reading and the counter rising.
 *   <li><b>syn-recv</b>: many half-open connections (SYN_RECV) on one listening address and
 *       port: a SYN flood or clients that cannot complete the handshake.
 *   <li><b>time-wait</b>: many TIME_WAIT sockets towards one remote address and port: this host
 *       closes first and opens new connections instead of reusing them. No process holds a
 *       TIME_WAIT socket; the hint names the processes that hold connections there now.
 *   <li><b>ephemeral-ports</b>: the TCP sockets from one local address towards one remote
 *       address and port use a large share of {@code ip_local_port_range}; each needs its own
 *       local port, so new connections there will fail with {@code EADDRNOTAVAIL}.
 *   <li><b>queue-growing</b>: a socket's Recv-Q (the program does not read) or Send-Q (the peer
 *       does not read, or the path does not take it) rose at each of the last readings.
 * </ul>
 */
public final class HintEngine {
    static final String OVERFLOWS = "TcpExtListenOverflows";
    static final String COOKIES = "TcpExtSyncookiesSent";

    private final Thresholds t;

    public HintEngine(Thresholds thresholds) {
        this.t = thresholds;
    }

    /**
     * What the engine looks at.
     *
     * @param rows    the sockets now (after any filter the user chose)
     * @param history earlier readings' queues, oldest first, not including now; may be empty
     * @param now     the counters now ({@link Counters#NONE} when unknown)
     * @param before  the counters at the previous reading, or null with one reading
     * @param range   the ephemeral port range, or null when unknown (no ephemeral-ports hint)
     */
    public record Input(
            List<SocketRow> rows, List<QueueReading> history, Counters now, Counters before, PortRange range) {
        public Input {
            rows = List.copyOf(rows);
            history = List.copyOf(history);
        }
    }

    public List<Hint> evaluate(Input in) {
        return evaluate(in, Candidates.of(in.rows(), in.range()));
    }

    /** {@link #evaluate(Input)} with the rows already sorted out by {@link Candidates#of}. */
    List<Hint> evaluate(Input in, Candidates c) {
        List<Hint> hints = new ArrayList<>();
        acceptQueues(in, c.listenersQueued(), hints);
        synRecv(in, c.synRecv(), hints);
        closeWait(c.closeWait(), hints);
        growingQueues(in, c.queued(), hints);
        ephemeralPorts(in, c, hints);
        timeWait(in, c.timeWait(), hints);
        return hints;
    }

    /**
     * The rows each rule starts from, sorted out in one pass over a reading (at 40,000 sockets
     * a pass per rule was most of the hints' cost, and nearly every row is an idle connection
     * that no rule looks at).
     *
     * @param queued          rows with an inode and something in Recv-Q or Send-Q
     * @param listenersQueued TCP LISTEN rows with a Recv-Q
     * @param synRecv         TCP SYN_RECV rows
     * @param closeWait       TCP CLOSE_WAIT rows
     * @param timeWait        TCP TIME_WAIT rows
     * @param byPort          per remote port, the TCP connections from an ephemeral port
     *                        ({@link Destination#applies}); null when the range is unknown
     * @param busiest         the largest count of {@code byPort}
     */
    record Candidates(
            List<SocketRow> queued,
            List<SocketRow> listenersQueued,
            List<SocketRow> synRecv,
            List<SocketRow> closeWait,
            List<SocketRow> timeWait,
            int[] byPort,
            int busiest) {
        static Candidates of(List<SocketRow> rows, PortRange range) {
            List<SocketRow> queued = new ArrayList<>();
            List<SocketRow> listenersQueued = new ArrayList<>();
            List<SocketRow> synRecv = new ArrayList<>();
            List<SocketRow> closeWait = new ArrayList<>();
            List<SocketRow> timeWait = new ArrayList<>();
            // a destination (local address, remote address and port) has no more connections
            // than its remote port: counted per port here, keyed only on a port that reaches the
            // threshold; an unknown port (-1) counts with 65535, which only lets more through
            int[] byPort = range == null ? null : new int[65536];
            int busiest = 0;
            for (SocketRow r : rows) {
                SocketEntry e = r.entry();
                if (e.inode() > 0 && (e.recvQ() > 0 || e.sendQ() > 0)) {
                    queued.add(r);
                }
                if (e.proto() != Proto.TCP) {
                    continue;
                }
                switch (e.state()) {
                    case LISTEN -> {
                        if (e.recvQ() > 0) {
                            listenersQueued.add(r);
                        }
                    }
                    case SYN_RECV, NEW_SYN_RECV -> synRecv.add(r);
                    case CLOSE_WAIT -> closeWait.add(r);
                    case TIME_WAIT -> timeWait.add(r);
                    default -> {}
                }
                if (byPort != null && Destination.applies(e, range)) {
                    busiest = Math.max(busiest, ++byPort[e.remotePort() & 0xFFFF]);
                }
            }
            return new Candidates(queued, listenersQueued, synRecv, closeWait, timeWait, byPort, busiest);
        }
    }

    private void acceptQueues(Input in, List<SocketRow> listeners, List<Hint> out) {
        Long rise = in.now().rise(in.before(), OVERFLOWS);
        Long total = in.now().get(OVERFLOWS);
        QueueReading previous =
                in.history().isEmpty() ? null : in.history().get(in.history().size() - 1);
        for (SocketRow r : listeners) {
            SocketEntry e = r.entry();
            long backlog = e.sendQ();
            Map<String, Long> f = new LinkedHashMap<>();
            f.put("recvQ", e.recvQ());
            StringBuilder ev = new StringBuilder();
            if (backlog > 0) {
                if (e.recvQ() < backlog) {
                    continue;
                }
                f.put("backlog", backlog);
                ev.append(e.recvQ())
                        .append(" connections wait for accept, backlog ")
                        .append(backlog);
                if (rise != null) {
                    if (rise <= 0) {
                        continue;
                    }
                    f.put("listenOverflowsRise", rise);
                    ev.append("; ")
                            .append(OVERFLOWS)
                            .append(" rose by ")
                            .append(rise)
                            .append(" since the last reading");
                } else {
                    if (total == null || total <= 0) {
                        continue;
                    }
                    f.put("listenOverflows", total);
                    ev.append("; ")
                            .append(OVERFLOWS)
                            .append(" is ")
                            .append(total)
                            .append(" since boot (one reading: its rise is not measured)");
                }
            } else {
                // /proc/net/tcp shows no backlog: ask for a queue at two readings and the counter rising
                if (rise == null || rise <= 0 || previous == null || previous.recvQ(e.inode()) <= 0) {
                    continue;
                }
                f.put("previousRecvQ", previous.recvQ(e.inode()));
                f.put("listenOverflowsRise", rise);
                ev.append(e.recvQ())
                        .append(" connections wait for accept (")
                        .append(previous.recvQ(e.inode()))
                        .append(" at the previous reading; the backlog is not in /proc/net/tcp); ")
                        .append(OVERFLOWS)
                        .append(" rose by ")
                        .append(rise);
            }
            ev.append(": the program does not accept fast enough, new connections are dropped");
            out.add(new Hint(
                    Hint.Kind.ACCEPT_QUEUE_FULL,
                    r.holders(),
                    endpoint(e.localAddress(), e.localPort()),
                    ev.toString(),
                    f));
        }
    }

    private void synRecv(Input in, List<SocketRow> synRecv, List<Hint> out) {
        if (synRecv.size() < t.synRecv()) {
            return;
        }
        Map<String, List<SocketEntry>> byListener = new LinkedHashMap<>();
        for (SocketRow r : synRecv) {
            SocketEntry e = r.entry();
            byListener
                    .computeIfAbsent(endpoint(e.localAddress(), e.localPort()), k -> new ArrayList<>())
                    .add(e);
        }
        for (Map.Entry<String, List<SocketEntry>> g : byListener.entrySet()) {
            int n = g.getValue().size();
            if (n < t.synRecv()) {
                continue;
            }
            SocketEntry any = g.getValue().get(0);
            SocketRow listener = listenerOf(in.rows(), any.localAddress(), any.localPort());
            Map<String, Long> f = new LinkedHashMap<>();
            f.put("synRecv", (long) n);
            f.put("threshold", (long) t.synRecv());
            StringBuilder ev = new StringBuilder();
            ev.append(n)
                    .append(" half-open connections (SYN_RECV, threshold ")
                    .append(t.synRecv())
                    .append(")");
            if (listener != null && listener.entry().sendQ() > 0) {
                f.put("backlog", listener.entry().sendQ());
                ev.append(", backlog ").append(listener.entry().sendQ());
            }
            Long cookies = in.now().rise(in.before(), COOKIES);
            if (cookies != null && cookies > 0) {
                f.put("syncookiesSentRise", cookies);
                ev.append("; ").append(COOKIES).append(" rose by ").append(cookies);
            }
            ev.append(": clients that do not complete the handshake, or a SYN flood");
            out.add(new Hint(
                    Hint.Kind.SYN_RECV,
                    listener == null ? List.of() : listener.holders(),
                    g.getKey(),
                    ev.toString(),
                    f));
        }
    }

    private void closeWait(List<SocketRow> closeWait, List<Hint> out) {
        if (closeWait.size() < t.closeWait()) {
            return;
        }
        Map<Integer, List<SocketRow>> byPid = new LinkedHashMap<>();
        Map<String, List<SocketRow>> unowned = new LinkedHashMap<>();
        for (SocketRow r : closeWait) {
            Holder h = r.owner();
            if (h != null) {
                byPid.computeIfAbsent(h.pid(), k -> new ArrayList<>()).add(r);
            } else {
                unowned.computeIfAbsent(
                                endpoint(r.entry().localAddress(), r.entry().localPort()), k -> new ArrayList<>())
                        .add(r);
            }
        }
        List<List<SocketRow>> groups = new ArrayList<>(byPid.values());
        groups.addAll(unowned.values());
        groups.sort(Comparator.comparingInt(g -> -g.size()));
        for (List<SocketRow> g : groups) {
            if (g.size() < t.closeWait()) {
                continue;
            }
            Map<String, Integer> locals = new LinkedHashMap<>();
            for (SocketRow r : g) {
                locals.merge(endpoint(r.entry().localAddress(), r.entry().localPort()), 1, Integer::sum);
            }
            List<String> top = topKeys(locals, 3);
            SocketEntry example = g.get(0).entry();
            Map<String, Long> f = new LinkedHashMap<>();
            f.put("closeWait", (long) g.size());
            f.put("threshold", (long) t.closeWait());
            String ev = g.size() + " TCP sockets in CLOSE_WAIT (threshold " + t.closeWait()
                    + "): their peers closed and the program has not; local " + String.join(", ", top)
                    + (locals.size() > top.size() ? " and " + (locals.size() - top.size()) + " more" : "")
                    + ", e.g. from " + endpoint(example.remoteAddress(), example.remotePort())
                    + (g.get(0).owner() == null ? "; the owner is not visible to this user" : "");
            out.add(new Hint(Hint.Kind.CLOSE_WAIT, g.get(0).holders(), top.get(0), ev, f));
        }
    }

    private void growingQueues(Input in, List<SocketRow> queued, List<Hint> out) {
        int earlier = t.queueReadings() - 1;
        if (in.history().size() < earlier) {
            return;
        }
        List<QueueReading> past =
                in.history().subList(in.history().size() - earlier, in.history().size());
        for (SocketRow r : queued) {
            SocketEntry e = r.entry();
            if (e.state() == State.LISTEN) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                long[] values = new long[t.queueReadings()];
                for (int i = 0; i < earlier; i++) {
                    values[i] = side == 0
                            ? past.get(i).recvQ(e.inode())
                            : past.get(i).sendQ(e.inode());
                }
                values[earlier] = side == 0 ? e.recvQ() : e.sendQ();
                if (!growing(values)) {
                    continue;
                }
                String queue = side == 0 ? "Recv-Q" : "Send-Q";
                StringBuilder steps = new StringBuilder();
                for (long v : values) {
                    steps.append(steps.length() == 0 ? "" : " -> ").append(v);
                }
                Map<String, Long> f = new LinkedHashMap<>();
                f.put(side == 0 ? "recvQ" : "sendQ", values[earlier]);
                f.put("first", values[0]);
                f.put("readings", (long) values.length);
                String ev = queue + " " + steps + " bytes over " + values.length + " readings"
                        + (side == 0
                                ? ": the program is not reading what arrives"
                                : ": the peer is not reading (or the path does not take it)");
                String where = endpoint(e.localAddress(), e.localPort())
                        + (e.hasWildcardPeer() ? "" : " -> " + endpoint(e.remoteAddress(), e.remotePort()));
                out.add(new Hint(Hint.Kind.QUEUE_GROWING, r.holders(), where, ev, f));
            }
        }
    }

    private boolean growing(long[] v) {
        if (v[0] <= 0 || v[v.length - 1] < t.queueMinBytes()) {
            return false;
        }
        for (int i = 1; i < v.length; i++) {
            if (v[i] <= v[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private void ephemeralPorts(Input in, Candidates candidates, List<Hint> out) {
        PortRange range = in.range();
        if (range == null) {
            return;
        }
        long needed = ((long) range.size() * t.ephemeralPercent() + 99) / 100;
        // keyed only on a port that reaches the threshold (a key per connection cost 2 ms a read
        // at 40,000 connections)
        int[] byPort = candidates.byPort();
        if (candidates.busiest() < needed) {
            return;
        }
        // counted first, rows gathered only for a destination over the threshold: a host with
        // 40,000 connections makes no list (nor text) per connection on each read
        Map<Destination, int[]> counts = new LinkedHashMap<>();
        for (SocketRow r : in.rows()) {
            SocketEntry e = r.entry();
            if (byPort[e.remotePort() & 0xFFFF] >= needed) {
                Destination d = Destination.of(e, range);
                if (d != null) {
                    counts.computeIfAbsent(d, k -> new int[1])[0]++;
                }
            }
        }
        Map<Destination, List<SocketRow>> byTuple = new LinkedHashMap<>();
        for (Map.Entry<Destination, int[]> c : counts.entrySet()) {
            if (c.getValue()[0] >= needed) {
                byTuple.put(c.getKey(), new ArrayList<>());
            }
        }
        if (byTuple.isEmpty()) {
            return;
        }
        for (SocketRow r : in.rows()) {
            SocketEntry e = r.entry();
            Destination d = byPort[e.remotePort() & 0xFFFF] >= needed ? Destination.of(e, range) : null;
            List<SocketRow> g = d == null ? null : byTuple.get(d);
            if (g != null) {
                g.add(r);
            }
        }
        for (List<SocketRow> g : byTuple.values()) {
            SocketEntry e = g.get(0).entry();
            int timeWait = 0;
            for (SocketRow r : g) {
                timeWait += r.entry().state() == State.TIME_WAIT ? 1 : 0;
            }
            long percent = Math.round(100.0 * g.size() / range.size());
            Map<String, Long> f = new LinkedHashMap<>();
            f.put("sockets", (long) g.size());
            f.put("rangeSize", (long) range.size());
            f.put("percent", percent);
            f.put("timeWait", (long) timeWait);
            f.put("thresholdPercent", (long) t.ephemeralPercent());
            String ev = g.size() + " of the " + range.size() + " ports of ip_local_port_range " + range.low()
                    + "-" + range.high() + " (" + percent + "%, threshold " + t.ephemeralPercent() + "%)"
                    + " are in use from " + e.localAddress().text() + " towards this destination"
                    + (timeWait > 0 ? ", " + timeWait + " of them in TIME_WAIT" : "")
                    + ": when they run out, connect() fails with EADDRNOTAVAIL";
            out.add(new Hint(
                    Hint.Kind.EPHEMERAL_PORTS,
                    holdersByCount(g),
                    bracketed(e.localAddress()) + " -> " + endpoint(e.remoteAddress(), e.remotePort()),
                    ev,
                    f));
        }
    }

    private void timeWait(Input in, List<SocketRow> timeWait, List<Hint> out) {
        if (timeWait.size() < t.timeWait()) {
            return;
        }
        Map<String, Integer> byRemote = new LinkedHashMap<>();
        for (SocketRow r : timeWait) {
            SocketEntry e = r.entry();
            byRemote.merge(endpoint(e.remoteAddress(), e.remotePort()), 1, Integer::sum);
        }
        for (Map.Entry<String, Integer> g : byRemote.entrySet()) {
            if (g.getValue() < t.timeWait()) {
                continue;
            }
            List<SocketRow> live = new ArrayList<>();
            for (SocketRow r : in.rows()) {
                SocketEntry e = r.entry();
                if (e.proto() == Proto.TCP
                        && e.state() != State.TIME_WAIT
                        && e.state() != State.LISTEN
                        && endpoint(e.remoteAddress(), e.remotePort()).equals(g.getKey())) {
                    live.add(r);
                }
            }
            List<Holder> holders = holdersByCount(live);
            Map<String, Long> f = new LinkedHashMap<>();
            f.put("timeWait", (long) g.getValue());
            f.put("threshold", (long) t.timeWait());
            String ev = g.getValue() + " TIME_WAIT sockets towards it (threshold " + t.timeWait()
                    + "): this host closes first and opens new connections instead of reusing them; no process"
                    + " holds a TIME_WAIT socket"
                    + (holders.isEmpty() ? "" : ", the processes named hold connections there now");
            out.add(new Hint(Hint.Kind.TIME_WAIT, holders, g.getKey(), ev, f));
        }
    }

    /** The LISTEN row on that port and address (or the wildcard address of its family). */
    private static SocketRow listenerOf(List<SocketRow> rows, Address address, int port) {
        SocketRow wildcard = null;
        for (SocketRow r : rows) {
            SocketEntry e = r.entry();
            if (e.proto() == Proto.TCP && e.state() == State.LISTEN && e.localPort() == port) {
                if (e.localAddress().equals(address)) {
                    return r;
                }
                if (e.localAddress().isWildcard()) {
                    wildcard = r;
                }
            }
        }
        return wildcard;
    }

    /** The holders of these rows, the one holding most first (ties: lower pid). */
    private static List<Holder> holdersByCount(List<SocketRow> rows) {
        Map<Integer, Holder> holders = new HashMap<>();
        Map<Integer, Integer> counts = new HashMap<>();
        for (SocketRow r : rows) {
            for (Holder h : r.holders()) {
                holders.putIfAbsent(h.pid(), h);
                counts.merge(h.pid(), 1, Integer::sum);
            }
        }
        List<Holder> out = new ArrayList<>(holders.values());
        out.sort((a, b) -> counts.get(a.pid()).equals(counts.get(b.pid()))
                ? Integer.compare(a.pid(), b.pid())
                : Integer.compare(counts.get(b.pid()), counts.get(a.pid())));
        return out;
    }

    private static List<String> topKeys(Map<String, Integer> counts, int n) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, entries.size()); i++) {
            out.add(entries.get(i).getKey());
        }
        return out;
    }

    /** A local address and the remote endpoint its ephemeral ports go to. */
    private record Destination(Address local, Address remote, int port) {
        /** The destination of a TCP connection from a port in {@code range}, or null. */
        static Destination of(SocketEntry e, PortRange range) {
            return applies(e, range) ? new Destination(e.localAddress(), e.remoteAddress(), e.remotePort()) : null;
        }

        /** Whether {@code e} is a TCP connection from a port in {@code range}. */
        static boolean applies(SocketEntry e, PortRange range) {
            return e.proto() == Proto.TCP
                    && e.state() != State.LISTEN
                    && e.remotePort() != 0
                    && range.contains(e.localPort());
        }
    }

    /** {@code 127.0.0.1:80}, {@code [::1]:80}. */
    static String endpoint(Address address, int port) {
        return bracketed(address) + ":" + port;
    }

    private static String bracketed(Address address) {
        return address.isIpv6() ? "[" + address.text() + "]" : address.text();
    }
}
