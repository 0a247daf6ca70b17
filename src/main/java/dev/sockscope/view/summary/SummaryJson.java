package dev.sockscope.view.summary;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.sockscope.health.Hint;
import dev.sockscope.health.KeyCounter;
import dev.sockscope.health.SocketCounts;
import dev.sockscope.health.Summary;
import dev.sockscope.model.Holder;
import dev.sockscope.model.State;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * {@code -s --format json}: one object a line (JSON Lines when repeated).
 *
 * <pre>
 * {"time": "...", "sockets": {"total": n, "protocols": [{"proto": "tcp", "total": n, "ipv4": n, "ipv6": n, "states": {"LISTEN": n}}]},
 *  "processes": [{"pid": n, "process": "..", "user": "..", "command": "..", "total": n, "states": {..}}],
 *  "unowned": {"total": n, "states": {..}},
 *  "counters": {"TcpActiveOpens": {"total": n, "perSecond": x|null}, ...},
 *  "hints": [{"kind": "close-wait", "where": "..", "holders": [{"pid", "process", "user", "command"}], "evidence": "..", "figures": {..}}]}
 * </pre>
 *
 * Strings are exact (Jackson escapes control characters); counters the kernel did not report are
 * absent.
 */
public final class SummaryJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private SummaryJson() {}

    public static void write(Summary s, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", s.time().toString());
            SocketCounts c = s.counts();
            g.writeObjectFieldStart("sockets");
            g.writeNumberField("total", c.total());
            g.writeArrayFieldStart("protocols");
            for (SocketCounts.ProtoCount p : c.protocols()) {
                g.writeStartObject();
                g.writeStringField("proto", p.proto().label());
                g.writeNumberField("total", p.count().total());
                g.writeNumberField("ipv4", p.ipv4());
                g.writeNumberField("ipv6", p.ipv6());
                states(g, p.count().states());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeArrayFieldStart("processes");
            for (SocketCounts.ProcessCount p : c.processes()) {
                g.writeStartObject();
                holderFields(g, p.holder());
                g.writeNumberField("total", p.count().total());
                states(g, p.count().states());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("unowned");
            g.writeNumberField("total", c.unowned().total());
            states(g, c.unowned().states());
            g.writeEndObject();
            g.writeObjectFieldStart("counters");
            for (KeyCounter k : KeyCounter.values()) {
                Long v = s.now().get(k.nstatName());
                if (v == null) {
                    continue;
                }
                g.writeObjectFieldStart(k.nstatName());
                g.writeNumberField("total", v);
                Double rate = s.perSecond(k);
                g.writeFieldName("perSecond");
                if (rate == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(Math.round(rate * 1000) / 1000.0);
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("hints");
            for (Hint h : s.hints()) {
                g.writeStartObject();
                g.writeStringField("kind", h.kind().id());
                g.writeStringField("where", h.where());
                g.writeArrayFieldStart("holders");
                for (Holder holder : h.holders()) {
                    g.writeStartObject();
                    holderFields(g, holder);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeStringField("evidence", h.evidence());
                g.writeObjectFieldStart("figures");
                for (Map.Entry<String, Long> f : h.figures().entrySet()) {
                    g.writeNumberField(f.getKey(), f.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static void holderFields(JsonGenerator g, Holder h) throws IOException {
        g.writeNumberField("pid", h.pid());
        g.writeStringField("process", h.process());
        g.writeFieldName("user");
        if (h.user() == null) {
            g.writeNull();
        } else {
            g.writeString(h.user());
        }
        g.writeStringField("command", h.command());
    }

    private static void states(JsonGenerator g, Map<State, Integer> states) throws IOException {
        g.writeObjectFieldStart("states");
        for (Map.Entry<State, Integer> e : states.entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
    }
}
