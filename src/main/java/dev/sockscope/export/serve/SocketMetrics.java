package dev.sockscope.export.serve;

import dev.sockscope.export.Reading;
import dev.sockscope.model.Details;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.query.Exposure;
import dev.sockscope.query.Filter;
import dev.sockscope.service.Cgroups;
import dev.sockscope.service.PortClass;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.view.Sanitizer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The metrics of one reading, built with the Prometheus client's snapshot model (the client
 * writes the exposition text). Names follow Prometheus's rules: {@code sockscope_} prefix, snake
 * case, base units, {@code _total} on counters (added by the client), {@code _info} on the info
 * metric.
 *
 * <ul>
 *   <li>{@code sockscope_sockets{proto,family,state}}: sockets of the reading;</li>
 *   <li>{@code sockscope_listener_info{proto,address,port,service,program,exposure,unit}}: one
 *       series per listener (TCP LISTEN, unconnected UDP on a port that is not ephemeral, unix
 *       LISTEN), value 1; no pid, so a restarted service keeps its series;</li>
 *   <li>{@code sockscope_program_sockets{program,state}}: sockets per program;</li>
 *   <li>the kernel's counters of {@code /proc/net/snmp} and {@code /proc/net/netstat} as
 *       {@code sockscope_tcp_*_total} and {@code sockscope_udp_*_total}; a counter the kernel does
 *       not print is left out, never 0;</li>
 *   <li>with per-connection metrics on, for TCP connections with {@code tcp_info}:
 *       {@code sockscope_connection_rtt_seconds}, {@code sockscope_connection_sent_bytes_total},
 *       {@code sockscope_connection_received_bytes_total}, the busiest first up to a limit;
 *       {@code sockscope_connection_series_omitted{reason}} says how many were left out and why
 *       ({@code limit}, {@code no_tcp_info});</li>
 *   <li>{@code sockscope_read_duration_seconds}, {@code sockscope_reading_age_seconds},
 *       {@code sockscope_unparsed_lines}, {@code sockscope_hidden_owner_processes}: what the
 *       reading cost and what it could not see.</li>
 * </ul>
 *
 * Label values from processes (program names) pass through {@link Sanitizer#clean}: no control
 * characters reach a scrape. An unknown value is the empty string (a label Prometheus then
 * leaves off).
 */
public final class SocketMetrics implements MultiCollector {
    /** The kernel's counters exposed, by their {@code nstat} names ({@link dev.sockscope.health.Counters}) → metric name. */
    static final Map<String, String> COUNTERS = counters();

    private static Map<String, String> counters() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("TcpActiveOpens", "sockscope_tcp_active_opens");
        m.put("TcpPassiveOpens", "sockscope_tcp_passive_opens");
        m.put("TcpAttemptFails", "sockscope_tcp_attempt_fails");
        m.put("TcpEstabResets", "sockscope_tcp_established_resets");
        m.put("TcpOutRsts", "sockscope_tcp_out_resets");
        m.put("TcpRetransSegs", "sockscope_tcp_retransmitted_segments");
        m.put("TcpExtListenOverflows", "sockscope_tcp_listen_overflows");
        m.put("TcpExtListenDrops", "sockscope_tcp_listen_drops");
        m.put("TcpExtSyncookiesSent", "sockscope_tcp_syncookies_sent");
        m.put("UdpRcvbufErrors", "sockscope_udp_receive_buffer_errors");
        m.put("UdpInErrors", "sockscope_udp_in_errors");
        return m;
    }

    /** Where readings come from ({@code FreshReadings#get}). */
    public interface Source {
        Reading get() throws Exception;
    }

    private final Source source;
    private final ServiceRegistry registry;
    private final IntFunction<String> unitOfPid;
    private final int connectionLimit;
    private final LongSupplier clockMs;

    /**
     * @param unitOfPid       the systemd unit of a process, null when none
     * @param connectionLimit per-connection series at most; 0 turns them off
     */
    public SocketMetrics(
            Source source,
            ServiceRegistry registry,
            IntFunction<String> unitOfPid,
            int connectionLimit,
            LongSupplier clockMs) {
        this.source = source;
        this.registry = registry;
        this.unitOfPid = unitOfPid;
        this.connectionLimit = connectionLimit;
        this.clockMs = clockMs;
    }

    @Override
    public MetricSnapshots collect() {
        Reading r;
        try {
            r = source.get();
        } catch (Exception e) {
            // the scrape fails (HTTP 500): Prometheus marks the target down; nothing is made up
            throw new IllegalStateException("the connection tables could not be read: " + e.getMessage(), e);
        }
        return build(r);
    }

    /** The metrics of one reading. */
    public MetricSnapshots build(Reading r) {
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(sockets(r.rows()));
        out.add(listeners(r.rows()));
        out.add(programs(r.rows()));
        for (Map.Entry<String, String> c : COUNTERS.entrySet()) {
            Long v = r.counters().get(c.getKey());
            if (v != null && v >= 0) {
                out.add(CounterSnapshot.builder()
                        .name(c.getValue())
                        .help("The kernel's " + c.getKey().replace('.', ' ') + " counter (/proc/net/"
                                + (c.getKey().startsWith("TcpExt.") ? "netstat" : "snmp") + ")")
                        .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                                .value(v)
                                .build())
                        .build());
            }
        }
        if (connectionLimit > 0) {
            out.addAll(connections(r.rows()));
        }
        out.add(gauge(
                "sockscope_read_duration_seconds",
                "Time the reading served took (tables and owners)",
                Unit.SECONDS,
                r.readNanos() / 1e9));
        out.add(gauge(
                "sockscope_reading_age_seconds",
                "Age of the reading served by this scrape",
                Unit.SECONDS,
                Math.max(0, clockMs.getAsLong() - r.timeMs()) / 1e3));
        out.add(gauge(
                "sockscope_unparsed_lines",
                "Lines of the connection tables that could not be parsed in the reading",
                null,
                r.unparsedLines()));
        out.add(gauge(
                "sockscope_hidden_owner_processes",
                "Processes whose sockets could not be inspected (not root): their sockets have no program",
                null,
                r.hiddenOwners()));
        return new MetricSnapshots(out);
    }

    private static GaugeSnapshot gauge(String name, String help, Unit unit, double value) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        if (unit != null) {
            b.unit(unit);
        }
        return b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(value)
                        .build())
                .build();
    }

    private static GaugeSnapshot sockets(List<SocketRow> rows) {
        int np = Proto.values().length;
        int nf = Family.values().length;
        int ns = State.values().length;
        long[] counts = new long[np * nf * ns];
        for (SocketRow r : rows) {
            SocketEntry e = r.entry();
            counts[
                    (e.proto().ordinal() * nf + e.family().ordinal()) * ns
                            + e.state().ordinal()]++;
        }
        GaugeSnapshot.Builder b =
                GaugeSnapshot.builder().name("sockscope_sockets").help("Sockets by protocol, address family and state");
        for (Proto p : Proto.values()) {
            for (Family f : Family.values()) {
                for (State s : State.values()) {
                    long n = counts[(p.ordinal() * nf + f.ordinal()) * ns + s.ordinal()];
                    if (n > 0) {
                        b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                                .labels(Labels.of("family", f.label(), "proto", p.label(), "state", s.name()))
                                .value(n)
                                .build());
                    }
                }
            }
        }
        return b.build();
    }

    private InfoSnapshot listeners(List<SocketRow> rows) {
        Set<Labels> seen = new LinkedHashSet<>();
        Map<Integer, String> units = new HashMap<>();
        for (SocketRow r : rows) {
            SocketEntry e = r.entry();
            if (!isListener(e)) {
                continue;
            }
            String unit = unit(r, units);
            boolean inet = e.proto().isInet();
            String service = inet ? registry.name(e.proto(), e.localPort()) : null;
            seen.add(Labels.of(
                    "proto",
                    e.proto().label(),
                    "address",
                    inet
                            ? e.localAddress().text()
                            : Sanitizer.clean(e.localAddress().text()),
                    "port",
                    inet ? Integer.toString(e.localPort()) : "",
                    "service",
                    service == null ? "" : service,
                    "program",
                    program(r),
                    "exposure",
                    exposure(e),
                    "unit",
                    unit));
        }
        InfoSnapshot.Builder b = InfoSnapshot.builder()
                .name("sockscope_listener")
                .help("A listening socket: TCP LISTEN, UDP bound to a port that is not ephemeral, unix LISTEN");
        for (Labels l : seen) {
            b.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(l).build());
        }
        return b.build();
    }

    /**
     * A listener for the metrics: TCP (and unix) LISTEN, and unconnected UDP/raw sockets whose
     * port is not ephemeral (a client's UDP socket on an ephemeral port would be a new series for
     * every DNS query).
     */
    boolean isListener(SocketEntry e) {
        if (e.state() == State.LISTEN) {
            return true;
        }
        return e.state() == State.UNCONN
                && e.proto().isInet()
                && Filter.isListening(e)
                && registry.classify(e.localPort()) != PortClass.EPHEMERAL;
    }

    /** {@link Exposure}'s label; unix sockets, which no network reaches, have none. */
    private static String exposure(SocketEntry e) {
        Exposure x = Exposure.of(e);
        return x == null ? "" : x.label();
    }

    /** The unit of the socket's cgroup when the source gives it, else of its first holder. */
    private String unit(SocketRow r, Map<Integer, String> units) {
        String own = Cgroups.unit(r.entry().details().cgroup());
        if (own != null) {
            return Sanitizer.clean(own);
        }
        if (r.owner() == null) {
            return "";
        }
        return units.computeIfAbsent(r.owner().pid(), pid -> {
            String u = unitOfPid.apply(pid);
            return u == null ? "" : Sanitizer.clean(u);
        });
    }

    private static String program(SocketRow r) {
        return r.owner() == null ? "" : Sanitizer.clean(r.owner().process());
    }

    private static GaugeSnapshot programs(List<SocketRow> rows) {
        Map<String, long[]> byProgram = new TreeMap<>();
        int ns = State.values().length;
        for (SocketRow r : rows) {
            String p = r.owner() == null ? "" : r.owner().process();
            byProgram.computeIfAbsent(p, k -> new long[ns])[r.entry().state().ordinal()]++;
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder()
                .name("sockscope_program_sockets")
                .help("Sockets per program (the first holder's process name; empty when unknown) and state");
        Map<String, long[]> merged = new TreeMap<>();
        for (Map.Entry<String, long[]> e : byProgram.entrySet()) {
            // two raw names may clean to one text: add them up rather than repeat a series
            long[] into = merged.computeIfAbsent(Sanitizer.clean(e.getKey()), k -> new long[ns]);
            for (int i = 0; i < ns; i++) {
                into[i] += e.getValue()[i];
            }
        }
        for (Map.Entry<String, long[]> e : merged.entrySet()) {
            for (State s : State.values()) {
                long n = e.getValue()[s.ordinal()];
                if (n > 0) {
                    b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                            .labels(Labels.of("program", e.getKey(), "state", s.name()))
                            .value(n)
                            .build());
                }
            }
        }
        return b.build();
    }

    private List<MetricSnapshot> connections(List<SocketRow> rows) {
        List<SocketRow> withInfo = new ArrayList<>();
        long noInfo = 0;
        for (SocketRow r : rows) {
            SocketEntry e = r.entry();
            if (e.proto() != Proto.TCP || Filter.isListening(e) || e.state() == State.TIME_WAIT) {
                continue;
            }
            if (e.details().tcp() == null) {
                noInfo++;
            } else {
                withInfo.add(r);
            }
        }
        long cut = 0;
        if (withInfo.size() > connectionLimit) {
            withInfo.sort(
                    Comparator.comparingLong((SocketRow r) -> bytes(r.entry().details()))
                            .reversed());
            cut = withInfo.size() - connectionLimit;
            withInfo = withInfo.subList(0, connectionLimit);
        }
        GaugeSnapshot.Builder rtt = GaugeSnapshot.builder()
                .name("sockscope_connection_rtt_seconds")
                .help("Smoothed round-trip time of a TCP connection (tcp_info)")
                .unit(Unit.SECONDS);
        CounterSnapshot.Builder sent = CounterSnapshot.builder()
                .name("sockscope_connection_sent_bytes")
                .help("Bytes sent and acknowledged on a TCP connection (tcp_info)")
                .unit(Unit.BYTES);
        CounterSnapshot.Builder received = CounterSnapshot.builder()
                .name("sockscope_connection_received_bytes")
                .help("Bytes received on a TCP connection (tcp_info)")
                .unit(Unit.BYTES);
        Set<Labels> seen = new java.util.HashSet<>();
        for (SocketRow r : withInfo) {
            SocketEntry e = r.entry();
            Labels l = Labels.of(
                    "local_address", e.localAddress().text(),
                    "local_port", Integer.toString(e.localPort()),
                    "remote_address", e.remoteAddress().text(),
                    "remote_port", Integer.toString(e.remotePort()),
                    "program", program(r));
            if (!seen.add(l)) {
                continue; // one 4-tuple twice in one reading (a race of the read): keep the first
            }
            Details.TcpInfo t = e.details().tcp();
            rtt.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(l)
                    .value(t.rttMs() / 1e3)
                    .build());
            sent.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(l)
                    .value(t.bytesSent())
                    .build());
            received.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(l)
                    .value(t.bytesReceived())
                    .build());
        }
        GaugeSnapshot.Builder omitted = GaugeSnapshot.builder()
                .name("sockscope_connection_series_omitted")
                .help("TCP connections without per-connection series in this scrape: over the limit"
                        + " (the busiest are kept), or without tcp_info from the source")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("reason", "limit"))
                        .value(cut)
                        .build())
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("reason", "no_tcp_info"))
                        .value(noInfo)
                        .build());
        GaugeSnapshot limit = gauge(
                "sockscope_connection_series_limit",
                "Most TCP connections given per-connection series (--serve-connections)",
                null,
                connectionLimit);
        return List.of(rtt.build(), sent.build(), received.build(), omitted.build(), limit);
    }

    private static long bytes(Details d) {
        return d.tcp().bytesSent() + d.tcp().bytesReceived();
    }
}
