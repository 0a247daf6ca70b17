package dev.sockscope.export.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.export.Reading;
import dev.sockscope.health.CounterParser;
import dev.sockscope.health.Counters;
import dev.sockscope.model.Details;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.service.BundledServiceRegistry;
import dev.sockscope.testing.Endpoints;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SocketMetricsTest {
    static SocketRow row(
            Proto proto,
            String local,
            int lport,
            String remote,
            int rport,
            State s,
            Integer pid,
            String prog,
            Details d) {
        Family f = local.indexOf(':') >= 0 ? Family.IPV6 : Family.IPV4;
        SocketEntry e = new SocketEntry(
                proto,
                f,
                Endpoints.address(local),
                lport,
                Endpoints.address(remote),
                rport,
                s,
                100 + lport,
                0,
                0,
                0,
                d);
        List<Holder> h = pid == null ? List.of() : List.of(new Holder(pid, prog, prog, 0, "root"));
        return new SocketRow(e, h, "root");
    }

    static SocketRow tcp(String local, int lport, String remote, int rport, State s, Integer pid, String prog) {
        return row(Proto.TCP, local, lport, remote, rport, s, pid, prog, Details.NONE);
    }

    static SocketRow conn(int lport, long sent, long received, double rttMs) {
        Details d = new Details.Builder()
                .tcp(new Details.TcpInfo(rttMs, 0, sent, received))
                .build();
        return row(Proto.TCP, "10.0.0.5", lport, "10.0.0.9", 443, State.ESTABLISHED, 7, "curl", d);
    }

    static String render(List<SocketRow> rows, Counters counters, int connectionLimit) throws IOException {
        SocketMetrics m = new SocketMetrics(
                () -> null,
                BundledServiceRegistry.withEphemeralRange(32768, 60999),
                pid -> pid == 10 ? "ssh.service" : null,
                connectionLimit,
                () -> 5_000L);
        Reading r = new Reading(rows, counters, 4_000L, 12_000_000L, 2, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, m.build(r));
        return out.toString(StandardCharsets.UTF_8);
    }

    static List<String> samples(String text, String name) {
        List<String> l = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                l.add(line);
            }
        }
        return l;
    }

    static Counters snmp() throws IOException {
        String text = Files.readString(Path.of("src/test/resources/export/snmp"), StandardCharsets.ISO_8859_1);
        return new Counters(
                CounterParser.parsePairs(text.substring(text.indexOf('\n') + 1)).values(), 0, List.of(), 0);
    }

    /**
     * Every kernel counter the endpoint exposes is read, by the one counter parser the summary
     * and the hints use, from the captured {@code /proc/net/snmp} and {@code netstat}, with the
     * values those files hold.
     */
    @Test
    void everyExposedCounterIsReadFromTheCapturedFilesByTheHealthReader(@org.junit.jupiter.api.io.TempDir Path root)
            throws IOException {
        Files.createDirectories(root.resolve("net"));
        for (String f : List.of("snmp", "netstat")) {
            String text = Files.readString(Path.of("src/test/resources/export", f), StandardCharsets.ISO_8859_1);
            Files.writeString(root.resolve("net").resolve(f), text.substring(text.indexOf('\n') + 1));
        }
        Counters c = new dev.sockscope.health.CounterReader(root).read();
        assertEquals(0, c.malformed());
        assertEquals(List.of("net/snmp6"), c.missing());
        java.util.Map<String, Long> want = new java.util.LinkedHashMap<>();
        want.put("TcpActiveOpens", 13075L);
        want.put("TcpPassiveOpens", 13011L);
        want.put("TcpEstabResets", 25447L);
        want.put("TcpOutRsts", 12985L);
        want.put("TcpExtListenOverflows", 161L);
        want.put("TcpExtListenDrops", 161L);
        want.put("TcpExtSyncookiesSent", 0L);
        want.put("UdpRcvbufErrors", 0L);
        want.put("UdpInErrors", 0L);
        for (String name : SocketMetrics.COUNTERS.keySet()) {
            assertTrue(c.get(name) != null, name + " is read");
        }
        for (var e : want.entrySet()) {
            assertEquals(e.getValue(), c.get(e.getKey()), e.getKey());
        }
        String text = render(List.of(), c, 0);
        assertEquals(
                List.of("sockscope_tcp_active_opens_total 13075.0"), samples(text, "sockscope_tcp_active_opens_total"));
        assertEquals(
                List.of("sockscope_tcp_listen_overflows_total 161.0"),
                samples(text, "sockscope_tcp_listen_overflows_total"));
    }

    @Test
    void countsSocketsByProtocolFamilyAndState() throws IOException {
        String text = render(
                List.of(
                        tcp("0.0.0.0", 22, "0.0.0.0", 0, State.LISTEN, 10, "sshd"),
                        tcp("::", 22, "::", 0, State.LISTEN, 10, "sshd"),
                        tcp("10.0.0.5", 22, "10.0.0.9", 50000, State.ESTABLISHED, 11, "sshd"),
                        tcp("10.0.0.5", 22, "10.0.0.9", 50001, State.ESTABLISHED, 12, "sshd"),
                        tcp("10.0.0.5", 41000, "1.2.3.4", 443, State.CLOSE_WAIT, 13, "curl")),
                Counters.NONE,
                0);
        assertEquals(
                List.of(
                        "sockscope_sockets{family=\"ipv4\",proto=\"tcp\",state=\"CLOSE_WAIT\"} 1.0",
                        "sockscope_sockets{family=\"ipv4\",proto=\"tcp\",state=\"ESTABLISHED\"} 2.0",
                        "sockscope_sockets{family=\"ipv4\",proto=\"tcp\",state=\"LISTEN\"} 1.0",
                        "sockscope_sockets{family=\"ipv6\",proto=\"tcp\",state=\"LISTEN\"} 1.0"),
                samples(text, "sockscope_sockets"));
        assertEquals(
                List.of(
                        "sockscope_program_sockets{program=\"curl\",state=\"CLOSE_WAIT\"} 1.0",
                        "sockscope_program_sockets{program=\"sshd\",state=\"ESTABLISHED\"} 2.0",
                        "sockscope_program_sockets{program=\"sshd\",state=\"LISTEN\"} 2.0"),
                samples(text, "sockscope_program_sockets"));
    }

    @Test
    void listenersAreAnInfoMetricWithServiceExposureAndUnit() throws IOException {
        String text = render(
                List.of(
                        tcp("0.0.0.0", 22, "0.0.0.0", 0, State.LISTEN, 10, "sshd"),
                        tcp("127.0.0.1", 5432, "0.0.0.0", 0, State.LISTEN, 20, "postgres"),
                        tcp("10.0.0.5", 8080, "0.0.0.0", 0, State.LISTEN, 30, "java"),
                        // SO_REUSEPORT: two sockets, one listener
                        tcp("10.0.0.5", 8080, "0.0.0.0", 0, State.LISTEN, 31, "java"),
                        row(Proto.UDP, "0.0.0.0", 5353, "0.0.0.0", 0, State.UNCONN, 40, "avahi", Details.NONE),
                        row(Proto.UDP, "0.0.0.0", 45000, "0.0.0.0", 0, State.UNCONN, 41, "resolver", Details.NONE)),
                Counters.NONE,
                0);
        assertEquals(
                List.of(
                        "sockscope_listener_info{address=\"0.0.0.0\",exposure=\"all\",port=\"22\",program=\"sshd\","
                                + "proto=\"tcp\",service=\"ssh\",unit=\"ssh.service\"} 1",
                        "sockscope_listener_info{address=\"0.0.0.0\",exposure=\"all\",port=\"5353\",program=\"avahi\","
                                + "proto=\"udp\",service=\"mdns\",unit=\"\"} 1",
                        "sockscope_listener_info{address=\"10.0.0.5\",exposure=\"host\",port=\"8080\",program=\"java\","
                                + "proto=\"tcp\",service=\"http-alt\",unit=\"\"} 1",
                        "sockscope_listener_info{address=\"127.0.0.1\",exposure=\"loopback\",port=\"5432\","
                                + "program=\"postgres\",proto=\"tcp\",service=\"postgresql\",unit=\"\"} 1"),
                samples(text, "sockscope_listener_info"),
                "in label order; a UDP socket on an ephemeral port is a client, not a listener");
    }

    @Test
    void processNamesAreSanitizedInLabels() throws IOException {
        String text = render(
                List.of(tcp("0.0.0.0", 9999, "0.0.0.0", 0, State.LISTEN, 66, "evil\u001b[2J\u202e\n")),
                Counters.NONE,
                0);
        List<String> l = samples(text, "sockscope_listener_info");
        assertEquals(1, l.size(), text);
        assertTrue(l.get(0).contains("program=\"evil\\\\e[2J\\\\u202e\\\\n\""), l.get(0));
        for (char c : text.toCharArray()) {
            assertFalse(c < 0x20 && c != '\n', "a control character in the exposition: " + (int) c);
        }
        assertFalse(text.contains("\u202e"));
    }

    @Test
    void kernelCountersAreCountersAndAbsentOnesAreLeftOut() throws IOException {
        String text = render(List.of(), snmp(), 0);
        assertEquals(
                List.of("sockscope_tcp_active_opens_total 13075.0"), samples(text, "sockscope_tcp_active_opens_total"));
        assertTrue(text.contains("# TYPE sockscope_tcp_active_opens_total counter"), text);
        assertEquals(
                List.of("sockscope_tcp_out_resets_total 12985.0"), samples(text, "sockscope_tcp_out_resets_total"));
        assertEquals(
                List.of(), samples(text, "sockscope_tcp_listen_overflows_total"), "netstat was not read: no made-up 0");
    }

    @Test
    void perConnectionSeriesAreOffByDefault() throws IOException {
        String text = render(List.of(conn(41000, 10, 20, 1.5)), Counters.NONE, 0);
        assertFalse(text.contains("sockscope_connection"), text);
    }

    @Test
    void theConnectionLimitKeepsTheBusiestAndSaysHowManyItCut() throws IOException {
        String text = render(
                List.of(
                        conn(41000, 10, 20, 1.5),
                        conn(41001, 5000, 7000, 0.25),
                        conn(41002, 300, 0, 2.0),
                        tcp("10.0.0.5", 41003, "10.0.0.9", 443, State.ESTABLISHED, 7, "curl")),
                Counters.NONE,
                2);
        assertEquals(
                List.of(
                        "sockscope_connection_rtt_seconds{local_address=\"10.0.0.5\",local_port=\"41001\","
                                + "program=\"curl\",remote_address=\"10.0.0.9\",remote_port=\"443\"} 2.5E-4",
                        "sockscope_connection_rtt_seconds{local_address=\"10.0.0.5\",local_port=\"41002\","
                                + "program=\"curl\",remote_address=\"10.0.0.9\",remote_port=\"443\"} 0.002"),
                samples(text, "sockscope_connection_rtt_seconds"));
        assertTrue(
                text.contains("sockscope_connection_sent_bytes_total{local_address=\"10.0.0.5\",local_port=\"41001\","
                        + "program=\"curl\",remote_address=\"10.0.0.9\",remote_port=\"443\"} 5000.0"),
                text);
        assertEquals(
                List.of(
                        "sockscope_connection_series_omitted{reason=\"limit\"} 1.0",
                        "sockscope_connection_series_omitted{reason=\"no_tcp_info\"} 1.0"),
                samples(text, "sockscope_connection_series_omitted"));
        assertEquals(
                List.of("sockscope_connection_series_limit 2.0"), samples(text, "sockscope_connection_series_limit"));
    }

    @Test
    void whatTheReadingCostAndCouldNotSeeIsReported() throws IOException {
        String text = render(List.of(), Counters.NONE, 0);
        assertEquals(
                List.of("sockscope_read_duration_seconds 0.012"), samples(text, "sockscope_read_duration_seconds"));
        assertEquals(List.of("sockscope_reading_age_seconds 1.0"), samples(text, "sockscope_reading_age_seconds"));
        assertEquals(List.of("sockscope_unparsed_lines 2.0"), samples(text, "sockscope_unparsed_lines"));
        assertEquals(
                List.of("sockscope_hidden_owner_processes 1.0"), samples(text, "sockscope_hidden_owner_processes"));
    }
}
