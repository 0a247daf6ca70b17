package dev.sockscope.explain;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.owner.ProcessFacts;
import dev.sockscope.owner.Processes;
import dev.sockscope.query.Exposure;
import dev.sockscope.service.Applications;
import dev.sockscope.service.ServiceRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds an {@link Explanation} of one port from a snapshot of the connection tables (with
 * owners), this host's port settings, the holders' process facts and real bind attempts.
 */
public final class Explainer {
    /** The addresses a bind is checked for, in the order shown. */
    static final List<Address> ADDRESSES =
            List.of(Address.IPV4_ANY, Address.ipv4(0x7f000001), Address.IPV6_ANY, Address.ipv6(0, 1));

    /** How many candidate ports the nearest-free search tries on each side. */
    static final int SEARCH = 200;

    private final ServiceRegistry registry;
    private final KernelPorts kernel;
    private final Processes processes;
    private final BindProbe probe;
    private final boolean privileged;
    private final Instant now;

    /**
     * @param processes  facts of holders and their parents; null when the platform gives none
     * @param privileged this user may bind privileged ports (root)
     * @param now        the time ages are measured to
     */
    public Explainer(
            ServiceRegistry registry,
            KernelPorts kernel,
            Processes processes,
            BindProbe probe,
            boolean privileged,
            Instant now) {
        this.registry = registry;
        this.kernel = kernel;
        this.processes = processes;
        this.probe = probe;
        this.privileged = privileged;
        this.now = now;
    }

    /**
     * @param snap   every TCP and UDP socket (both families) with holders
     * @param port   1..65535
     * @param protos TCP and/or UDP
     * @param notes  notes so far (the caller's: what the platform lacks); more are added
     */
    public Explanation explain(Snapshot snap, int port, List<Proto> protos, List<String> notes) {
        List<SocketEntry> entries = new ArrayList<>(snap.rows().size());
        for (SocketRow r : snap.rows()) {
            entries.add(r.entry());
        }
        List<String> allNotes = new ArrayList<>(notes);

        java.util.Map<SocketEntry, List<Holder>> owners = new java.util.IdentityHashMap<>();
        for (SocketRow r : snap.rows()) {
            owners.put(r.entry(), r.holders());
        }
        List<Explanation.BindReport> binds = new ArrayList<>();
        for (Proto proto : protos) {
            for (Address address : ADDRESSES) {
                binds.add(bind(entries, owners, proto, address, port));
            }
        }

        List<SocketRow> mine = new ArrayList<>();
        for (SocketRow r : snap.rows()) {
            SocketEntry e = r.entry();
            if (protos.contains(e.proto()) && e.localPort() == port) {
                mine.add(r);
            }
        }
        mine.sort(Comparator.comparingInt((SocketRow r) -> rank(r.entry()))
                .thenComparing(r -> r.entry().proto())
                .thenComparing(r -> r.entry().family())
                .thenComparing(r -> r.entry().localAddress())
                .thenComparing(r -> r.entry().remoteAddress())
                .thenComparingInt(r -> r.entry().remotePort()));
        List<Explanation.SocketReport> sockets = new ArrayList<>();
        int ownerless = 0;
        for (SocketRow r : mine) {
            sockets.add(socket(r, entries, binds));
            if (r.holders().isEmpty() && r.entry().inode() > 0) {
                ownerless++;
            }
        }
        if (ownerless > 0 && snap.hiddenOwners() > 0) {
            allNotes.add(ownerless + (ownerless == 1 ? " socket" : " sockets") + " on this port show no owner: "
                    + snap.hiddenOwners() + (snap.hiddenOwners() == 1 ? " process" : " processes")
                    + " could not be inspected" + (privileged ? "" : "; run as root to see every owner"));
        }

        List<Explanation.FreePorts> nearest = new ArrayList<>();
        for (Proto proto : protos) {
            nearest.add(new Explanation.FreePorts(
                    proto, nearestFree(entries, proto, port, -1), nearestFree(entries, proto, port, 1)));
        }

        boolean bindable = true;
        for (Proto proto : protos) {
            boolean any = false;
            for (Explanation.BindReport b : binds) {
                if (b.proto() == proto && b.address().isWildcard() && b.boundReuse()) {
                    any = true;
                }
            }
            bindable &= any;
        }
        return new Explanation(port, protos, about(protos.get(0), port), sockets, binds, nearest, bindable, allNotes);
    }

    /** Listeners and UDP sockets first, then connections, then TIME_WAIT. */
    private static int rank(SocketEntry e) {
        if (e.state() == State.LISTEN || e.proto() != Proto.TCP) {
            return 0;
        }
        return e.state() == State.TIME_WAIT ? 2 : 1;
    }

    private Explanation.About about(Proto proto, int port) {
        String service = registry.name(proto, port);
        String iana = registry.ianaName(proto, port);
        return new Explanation.About(
                service,
                iana,
                registry.classify(port).label(),
                Applications.of(proto, port),
                kernel.privileged(port),
                kernel.unprivilegedStart(),
                kernel.ephemeral(port),
                kernel.ephemeralLow(),
                kernel.ephemeralHigh(),
                kernel.reserved() == null ? null : kernel.isReserved(port));
    }

    private Explanation.SocketReport socket(
            SocketRow r, List<SocketEntry> entries, List<Explanation.BindReport> binds) {
        SocketEntry e = r.entry();
        Boolean dual = null;
        String source = null;
        if (e.family() == Family.IPV6 && e.localAddress().isWildcard()) {
            if (e.details().dualStack() != null) {
                dual = e.details().dualStack();
                source = "socket";
            } else {
                Boolean confirmed = dualStackByBind(e, entries, binds);
                if (confirmed != null) {
                    dual = confirmed;
                    source = "bind attempt";
                } else if (kernel.bindV6Only() != null) {
                    dual = !kernel.bindV6Only();
                    source = "default";
                }
            }
        }
        List<Explanation.HolderReport> holders = new ArrayList<>();
        for (Holder h : r.holders()) {
            holders.add(holder(h));
        }
        return new Explanation.SocketReport(e, Exposure.of(e), dual, source, holders);
    }

    /**
     * For a listening (or UDP) IPv6 wildcard socket: when no IPv4 socket stands in the way of
     * {@code 0.0.0.0}, the plain bind attempt there tells whether this socket takes IPv4 (the
     * attempt failed) or not (it bound). Null when it cannot tell.
     */
    private static Boolean dualStackByBind(
            SocketEntry e, List<SocketEntry> entries, List<Explanation.BindReport> binds) {
        if (e.proto() == Proto.TCP && e.state() != State.LISTEN) {
            return null;
        }
        List<SocketEntry> others = new ArrayList<>();
        for (SocketEntry o : entries) {
            if (!(o.family() == Family.IPV6 && o.localAddress().isWildcard())) {
                others.add(o);
            }
        }
        BindTables.Result v4 =
                BindTables.check(others, e.proto(), Family.IPV4, Address.IPV4_ANY, e.localPort(), false, true);
        if (v4.verdict() != BindTables.Verdict.FREE) {
            return null;
        }
        long wildcards = entries.stream()
                .filter(o -> o.proto() == e.proto()
                        && o.localPort() == e.localPort()
                        && o.family() == Family.IPV6
                        && o.localAddress().isWildcard()
                        && (o.proto() != Proto.TCP || o.state() == State.LISTEN))
                .count();
        if (wildcards != 1) {
            return null; // two [::] sockets (SO_REUSEPORT): the attempt cannot tell which one
        }
        for (Explanation.BindReport b : binds) {
            if (b.proto() == e.proto() && b.address().equals(Address.IPV4_ANY)) {
                if (b.attempt().outcome() == BindProbe.Outcome.IN_USE) {
                    return true;
                }
                if (b.attempt().bound()) {
                    return false;
                }
            }
        }
        return null;
    }

    private Explanation.HolderReport holder(Holder h) {
        ProcessFacts facts = processes == null ? null : processes.read(h.pid());
        if (facts == null) {
            // exited since the snapshot, or nothing more to read: what the snapshot knew
            facts = new ProcessFacts(h.pid(), h.process(), h.command(), h.uid(), h.user(), null, -1, null, null, null);
            return new Explanation.HolderReport(facts, null, new Processes.Chain(List.of(), false, 0));
        }
        Duration age = facts.started() == null ? null : Duration.between(facts.started(), now);
        if (age != null && age.isNegative()) {
            age = Duration.ZERO;
        }
        return new Explanation.HolderReport(facts, age, processes.parents(facts));
    }

    private Explanation.BindReport bind(
            List<SocketEntry> entries,
            java.util.Map<SocketEntry, List<Holder>> owners,
            Proto proto,
            Address address,
            int port) {
        Family family = address.family();
        boolean defaultV6Only = Boolean.TRUE.equals(kernel.bindV6Only());
        // the attempt opens [::] as the JDK does: IPV6_V6ONLY off
        BindTables.Result tables = BindTables.check(entries, proto, family, address, port, false, defaultV6Only);
        InetAddress addr;
        try {
            addr = InetAddress.getByAddress(address.bytes());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(address.text(), e); // 4 or 16 bytes: cannot happen
        }
        BindProbe.Attempt plain = probe.attempt(proto, addr, port, false);
        BindProbe.Attempt reuse = null;
        if (plain.outcome() == BindProbe.Outcome.IN_USE) {
            reuse = probe.attempt(proto, addr, port, true);
        }
        boolean bound = plain.bound();
        boolean boundReuse = bound || (reuse != null && reuse.bound());
        boolean expectedPlain = tables.verdict() == BindTables.Verdict.FREE;
        boolean expectedReuse = tables.verdict() != BindTables.Verdict.HELD;
        String decidedBy;
        if (plain.outcome() == BindProbe.Outcome.DENIED || plain.outcome() == BindProbe.Outcome.UNAVAILABLE) {
            decidedBy = "bind attempt";
        } else if (bound == expectedPlain && (reuse == null || reuse.bound() == expectedReuse)) {
            decidedBy = "tables and bind attempt";
        } else {
            decidedBy = "bind attempt";
        }
        return new Explanation.BindReport(
                proto,
                address,
                tables.verdict(),
                tables.blocking(),
                plain,
                reuse,
                bound,
                boundReuse,
                reason(tables, owners, plain, reuse, port),
                decidedBy);
    }

    private String reason(
            BindTables.Result tables,
            java.util.Map<SocketEntry, List<Holder>> owners,
            BindProbe.Attempt plain,
            BindProbe.Attempt reuse,
            int port) {
        switch (plain.outcome()) {
            case BOUND:
                return "free";
            case DENIED:
                return "permission denied: port " + port + " is below net.ipv4.ip_unprivileged_port_start ("
                        + (kernel.unprivilegedStart() >= 0 ? Integer.toString(kernel.unprivilegedStart()) : "1024")
                        + "); binding it needs root or CAP_NET_BIND_SERVICE"
                        + (tables.verdict() == BindTables.Verdict.FREE ? "" : "; and " + blockedBy(tables, owners));
            case UNAVAILABLE:
                return "address not available here (" + plain.message() + ")";
            case IN_USE:
                if (reuse != null && reuse.bound()) {
                    if (tables.verdict() == BindTables.Verdict.FREE) {
                        return "address in use without SO_REUSEADDR (by a socket not in the tables read: another"
                                + " namespace, or a race); a bind with SO_REUSEADDR succeeds";
                    }
                    if (tables.verdict() == BindTables.Verdict.TIME_WAIT_ONLY) {
                        return "only TIME_WAIT left (" + tables.blocking().size()
                                + "): a server using SO_REUSEADDR (Java's and most servers' default) binds now;"
                                + " without it, address in use until they expire";
                    }
                    return "no listener, but " + blockedBy(tables, owners)
                            + ": a bind with SO_REUSEADDR succeeds, without it the address is in use";
                }
                return tables.verdict() == BindTables.Verdict.FREE
                        ? "address in use (by a socket not in the tables read: another namespace, or a race)"
                        : blockedBy(tables, owners);
            default:
                return "bind failed: " + plain.message();
        }
    }

    /** {@code held by pid 812 (nginx) on 0.0.0.0:8080 LISTEN} and the like. */
    private static String blockedBy(BindTables.Result tables, java.util.Map<SocketEntry, List<Holder>> owners) {
        SocketEntry first = tables.blocking().get(0);
        String what = tables.verdict() == BindTables.Verdict.HELD
                ? "held"
                : tables.verdict() == BindTables.Verdict.TIME_WAIT_ONLY ? "TIME_WAIT" : "connections";
        java.util.TreeMap<Integer, String> pids = new java.util.TreeMap<>();
        for (SocketEntry e : tables.blocking()) {
            for (Holder h : owners.getOrDefault(e, List.of())) {
                pids.putIfAbsent(h.pid(), h.process());
            }
        }
        if (!pids.isEmpty()) {
            StringBuilder b = new StringBuilder(what).append(" by ");
            int shown = 0;
            for (java.util.Map.Entry<Integer, String> p : pids.entrySet()) {
                if (shown++ == 3) {
                    b.append(" and ").append(pids.size() - 3).append(" more");
                    break;
                }
                b.append(shown > 1 ? ", " : "")
                        .append("pid ")
                        .append(p.getKey())
                        .append(" (")
                        .append(p.getValue())
                        .append(')');
            }
            what = b.toString();
        } else if (tables.verdict() == BindTables.Verdict.HELD) {
            what = "held (owner not visible)";
        }
        String where = (first.family() == Family.IPV6
                        ? "[" + first.localAddress().text() + "]"
                        : first.localAddress().text())
                + ":"
                + first.localPort() + " " + first.state().name();
        int more = tables.blocking().size() - 1;
        return what + " on " + where + (more > 0 ? " and " + more + " more" : "");
    }

    /**
     * The nearest port in direction {@code step} (-1 or 1) that no socket of {@code proto} uses
     * in the tables, that is not reserved or (for a non-root user) privileged, and on which a
     * wildcard bind attempt succeeds; -1 when none within {@link #SEARCH} ports.
     */
    private int nearestFree(List<SocketEntry> entries, Proto proto, int port, int step) {
        java.util.BitSet used = new java.util.BitSet(65536);
        for (SocketEntry e : entries) {
            if (e.proto() == proto && e.localPort() > 0) {
                used.set(e.localPort());
            }
        }
        int tried = 0;
        for (int p = port + step; p >= 1 && p <= 65535 && tried < SEARCH; p += step) {
            if (used.get(p) || kernel.isReserved(p) || (!privileged && kernel.privileged(p))) {
                continue;
            }
            tried++;
            if (wildcardBinds(proto, p)) {
                return p;
            }
        }
        return -1;
    }

    private boolean wildcardBinds(Proto proto, int port) {
        try {
            BindProbe.Attempt v6 = probe.attempt(proto, InetAddress.getByName("::"), port, false);
            if (v6.outcome() != BindProbe.Outcome.UNAVAILABLE) {
                return v6.bound();
            }
            return probe.attempt(proto, InetAddress.getByName("0.0.0.0"), port, false)
                    .bound();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // literals: never looked up
        }
    }
}
