package dev.sockscope.view;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.sockscope.explain.BindProbe;
import dev.sockscope.explain.Explanation;
import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.owner.ProcessFacts;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * {@code --explain}: the human report, and with {@code --format json} one object with the same
 * content (keys in docs/explain.md). Text from the system is sanitized in the report and exact
 * in JSON. Notes are not part of either: they go to stderr.
 */
public final class ExplainWriter {
    private ExplainWriter() {}

    /** The human report. */
    public static void text(Explanation x, Writer out) throws IOException {
        StringBuilder b = new StringBuilder();
        Explanation.About a = x.about();
        b.append("Port ").append(x.port()).append('/').append(protos(x.protos()));
        if (a.service() != null) {
            b.append(": ").append(a.service());
            if (a.ianaName() != null && !a.ianaName().equals(a.service())) {
                b.append(" (IANA: ").append(a.ianaName()).append(')');
            }
        }
        b.append(", ").append(a.portClass());
        if (a.portClass().equals("ephemeral")) {
            b.append(" (inside this host's range ")
                    .append(a.ephemeralLow())
                    .append('-')
                    .append(a.ephemeralHigh())
                    .append(')');
        }
        b.append('\n');
        if (a.application() != null) {
            b.append("  usually: ").append(a.application()).append('\n');
        }
        if (a.privileged()) {
            b.append("  privileged: below net.ipv4.ip_unprivileged_port_start (")
                    .append(a.unprivilegedStart())
                    .append("), binding it needs root or CAP_NET_BIND_SERVICE\n");
        }
        if (a.ephemeral()) {
            b.append("  ephemeral: outgoing connections may be given this port (ip_local_port_range ")
                    .append(a.ephemeralLow())
                    .append('-')
                    .append(a.ephemeralHigh())
                    .append("); a server is safer outside that range\n");
        }
        if (Boolean.TRUE.equals(a.reserved())) {
            b.append("  reserved: listed in ip_local_reserved_ports, never handed out to outgoing connections\n");
        }

        b.append('\n');
        if (x.sockets().isEmpty()) {
            b.append("No socket uses this port.\n");
        } else {
            b.append("Sockets on this port (").append(x.sockets().size()).append("):\n");
            for (Explanation.SocketReport s : x.sockets()) {
                socketText(s, b);
            }
        }

        b.append('\n').append("Would a bind succeed now?\n");
        for (Explanation.BindReport r : x.binds()) {
            String verdict = r.bound() ? "yes" : r.boundReuse() ? "with SO_REUSEADDR" : "no";
            b.append(String.format(
                    Locale.ROOT,
                    "  %-4s %-10s %-17s %s  [%s]%n",
                    r.proto().name().toLowerCase(Locale.ROOT),
                    r.address().text(),
                    verdict,
                    Sanitizer.clean(r.reason()),
                    r.decidedBy()));
        }

        b.append('\n');
        for (Explanation.FreePorts f : x.nearest()) {
            b.append("Nearest free ")
                    .append(f.proto().name().toLowerCase(Locale.ROOT))
                    .append(" ports (wildcard): ")
                    .append(f.below() > 0 ? f.below() + " below" : "none below")
                    .append(", ")
                    .append(f.above() > 0 ? f.above() + " above" : "none above")
                    .append('\n');
        }
        b.append(x.bindable() ? "Verdict: free to bind.\n" : "Verdict: busy.\n");
        out.write(b.toString());
    }

    private static void socketText(Explanation.SocketReport s, StringBuilder b) {
        SocketEntry e = s.entry();
        b.append("  ")
                .append(String.format(
                        Locale.ROOT,
                        "%-5s %-24s %-24s %-12s",
                        e.proto().name().toLowerCase(Locale.ROOT) + (e.family() == Family.IPV6 ? "6" : ""),
                        endpoint(e.family(), e.localAddress(), e.localPort()),
                        e.hasWildcardPeer() ? "*" : endpoint(e.family(), e.remoteAddress(), e.remotePort()),
                        e.state().name()));
        if (s.exposure() != null) {
            b.append(' ').append(exposureText(s));
        }
        b.append('\n');
        if (s.holders().isEmpty()) {
            if (e.inode() > 0) {
                b.append("      holder: not visible to this user\n");
            } else if (e.proto() == Proto.TCP) {
                b.append("      no process holds it (the kernel keeps it until the timer ends)\n");
            }
        }
        for (Explanation.HolderReport h : s.holders()) {
            ProcessFacts f = h.facts();
            b.append("      pid ").append(f.pid()).append(' ').append(Sanitizer.clean(f.process()));
            if (f.user() != null) {
                b.append("  user ").append(Sanitizer.clean(f.user()));
            }
            if (f.started() != null) {
                b.append("  running ")
                        .append(age(h.age()))
                        .append(" (since ")
                        .append(f.started().truncatedTo(ChronoUnit.SECONDS))
                        .append(')');
            }
            b.append('\n');
            if (!f.command().isEmpty()) {
                b.append("        command: ")
                        .append(Sanitizer.clean(f.command()))
                        .append('\n');
            }
            b.append("        parents: ");
            if (h.parents().parents().isEmpty()
                    && !h.parents().complete()
                    && h.parents().stoppedAt() == 0) {
                b.append("unknown");
            } else {
                b.append(f.pid());
                for (ProcessFacts p : h.parents().parents()) {
                    b.append(" < ").append(p.pid()).append(' ').append(Sanitizer.clean(p.process()));
                }
                if (!h.parents().complete()) {
                    b.append(" < ")
                            .append(
                                    h.parents().stoppedAt() > 0
                                            ? "pid " + h.parents().stoppedAt() + " "
                                            : "")
                            .append("(not readable)");
                }
            }
            b.append('\n');
            if (f.unit() != null) {
                b.append("        unit: ").append(Sanitizer.clean(f.unit())).append('\n');
            }
            if (f.container() != null) {
                b.append("        container: ")
                        .append(Sanitizer.clean(f.container()))
                        .append('\n');
            }
        }
    }

    private static String exposureText(Explanation.SocketReport s) {
        switch (s.exposure()) {
            case LOOPBACK:
                return "loopback only";
            case HOST:
                return "one address of this host";
            case INTERFACE:
                return "bound to " + Sanitizer.clean(s.entry().details().iface()) + " only";
            default:
                String t = "every interface";
                if (s.dualStack() != null) {
                    t += s.dualStack() ? ", IPv4 too" : ", IPv6 only";
                    t += switch (s.dualStackSource()) {
                        case "socket" -> "";
                        case "bind attempt" -> " (a bind of 0.0.0.0 says so)";
                        default -> " (the default, net.ipv6.bindv6only; /proc/net cannot tell this socket's own flag)";
                    };
                }
                return t;
        }
    }

    private static String endpoint(Family f, Address address, int port) {
        return (f == Family.IPV6 ? "[" + address.text() + "]" : address.text()) + ":" + port;
    }

    private static String protos(List<Proto> protos) {
        StringBuilder b = new StringBuilder();
        for (Proto p : protos) {
            if (b.length() > 0) {
                b.append('+');
            }
            b.append(p.name().toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }

    /** {@code 3d 4h}, {@code 2h 5m}, {@code 5m 12s}, {@code 40s}. */
    static String age(Duration d) {
        long s = d.getSeconds();
        if (s >= 86400) {
            return s / 86400 + "d " + (s % 86400) / 3600 + "h";
        }
        if (s >= 3600) {
            return s / 3600 + "h " + (s % 3600) / 60 + "m";
        }
        if (s >= 60) {
            return s / 60 + "m " + s % 60 + "s";
        }
        return s + "s";
    }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    /** One JSON object, then a line feed. */
    public static void json(Explanation x, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("port", x.port());
            g.writeArrayFieldStart("protocols");
            for (Proto p : x.protos()) {
                g.writeString(p.name().toLowerCase(Locale.ROOT));
            }
            g.writeEndArray();
            Explanation.About a = x.about();
            g.writeObjectFieldStart("about");
            str(g, "service", a.service());
            str(g, "ianaName", a.ianaName());
            g.writeStringField("portClass", a.portClass());
            str(g, "application", a.application());
            g.writeBooleanField("privileged", a.privileged());
            num(g, "unprivilegedPortStart", a.unprivilegedStart());
            g.writeBooleanField("ephemeral", a.ephemeral());
            num(g, "ephemeralLow", a.ephemeralLow());
            num(g, "ephemeralHigh", a.ephemeralHigh());
            g.writeFieldName("reserved");
            if (a.reserved() == null) {
                g.writeNull();
            } else {
                g.writeBoolean(a.reserved());
            }
            g.writeEndObject();

            g.writeArrayFieldStart("sockets");
            for (Explanation.SocketReport s : x.sockets()) {
                socketJson(g, s);
            }
            g.writeEndArray();

            g.writeArrayFieldStart("bind");
            for (Explanation.BindReport r : x.binds()) {
                g.writeStartObject();
                g.writeStringField("proto", r.proto().name().toLowerCase(Locale.ROOT));
                g.writeStringField("address", r.address().text());
                g.writeBooleanField("wouldBind", r.bound());
                g.writeBooleanField("wouldBindWithReuseAddr", r.boundReuse());
                g.writeStringField("reason", r.reason());
                g.writeStringField(
                        "tables", r.tables().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                g.writeStringField("attempt", outcome(r.attempt()));
                str(g, "attemptWithReuseAddr", r.reuse() == null ? null : outcome(r.reuse()));
                g.writeStringField("decidedBy", r.decidedBy());
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeArrayFieldStart("nearestFree");
            for (Explanation.FreePorts f : x.nearest()) {
                g.writeStartObject();
                g.writeStringField("proto", f.proto().name().toLowerCase(Locale.ROOT));
                num(g, "below", f.below());
                num(g, "above", f.above());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("bindable", x.bindable());
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static void socketJson(JsonGenerator g, Explanation.SocketReport s) throws IOException {
        SocketEntry e = s.entry();
        g.writeStartObject();
        g.writeStringField("proto", e.proto().name().toLowerCase(Locale.ROOT));
        g.writeStringField("family", e.family() == Family.IPV6 ? "ipv6" : "ipv4");
        g.writeStringField("localAddress", e.localAddress().text());
        g.writeNumberField("localPort", e.localPort());
        g.writeStringField("remoteAddress", e.remoteAddress().text());
        g.writeNumberField("remotePort", e.remotePort());
        g.writeStringField("state", e.state().name());
        if (e.inode() > 0) {
            g.writeNumberField("inode", e.inode());
        } else {
            g.writeNullField("inode");
        }
        str(g, "exposure", s.exposure() == null ? null : s.exposure().label());
        str(g, "interface", e.details().iface());
        g.writeFieldName("dualStack");
        if (s.dualStack() == null) {
            g.writeNull();
        } else {
            g.writeBoolean(s.dualStack());
        }
        str(g, "dualStackSource", s.dualStackSource());
        g.writeArrayFieldStart("holders");
        for (Explanation.HolderReport h : s.holders()) {
            ProcessFacts f = h.facts();
            g.writeStartObject();
            g.writeNumberField("pid", f.pid());
            g.writeStringField("process", f.process());
            str(g, "user", f.user());
            num(g, "uid", f.uid());
            g.writeStringField("command", f.command());
            str(
                    g,
                    "startTime",
                    f.started() == null
                            ? null
                            : f.started().truncatedTo(ChronoUnit.MILLIS).toString());
            if (h.age() == null) {
                g.writeNullField("ageSeconds");
            } else {
                g.writeNumberField("ageSeconds", h.age().getSeconds());
            }
            g.writeArrayFieldStart("parents");
            for (ProcessFacts p : h.parents().parents()) {
                g.writeStartObject();
                g.writeNumberField("pid", p.pid());
                g.writeStringField("process", p.process());
                g.writeStringField("command", p.command());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("parentsComplete", h.parents().complete());
            num(g, "parentsStoppedAt", h.parents().stoppedAt() > 0 ? h.parents().stoppedAt() : -1);
            str(g, "cgroup", f.cgroup());
            str(g, "unit", f.unit());
            str(g, "container", f.container());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static String outcome(BindProbe.Attempt a) {
        return a.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void str(JsonGenerator g, String key, String value) throws IOException {
        if (value == null) {
            g.writeNullField(key);
        } else {
            g.writeStringField(key, value);
        }
    }

    /** A number, null when negative (unknown). */
    private static void num(JsonGenerator g, String key, long value) throws IOException {
        if (value < 0) {
            g.writeNullField(key);
        } else {
            g.writeNumberField(key, value);
        }
    }
}
