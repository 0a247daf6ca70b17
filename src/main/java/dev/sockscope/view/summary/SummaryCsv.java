package dev.sockscope.view.summary;

import dev.sockscope.health.Hint;
import dev.sockscope.health.KeyCounter;
import dev.sockscope.health.SocketCounts;
import dev.sockscope.health.Summary;
import dev.sockscope.model.State;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * {@code -s --format csv}: one long table, one figure a line, so repeated readings
 * ({@code --count}) append to the same columns and a spreadsheet can pivot them:
 *
 * <pre>
 * time,section,subject,key,value,perSecond,detail
 * 2026-..Z,sockets,tcp,ESTABLISHED,6,,
 * 2026-..Z,process,1234,ESTABLISHED,38,,java
 * 2026-..Z,unowned,,TIME_WAIT,2,,
 * 2026-..Z,counter,kernel,TcpActiveOpens,1702,0.5,connections opened (connect)
 * 2026-..Z,hint,1234,close-wait,20,,"127.0.0.1:4000: 20 TCP sockets in CLOSE_WAIT ..."
 * </pre>
 *
 * RFC 4180 quoting, lines end in LF as in --list; strings exact. A hint's value is its first figure.
 */
public final class SummaryCsv {
    public static final String HEADER = "time,section,subject,key,value,perSecond,detail";

    private SummaryCsv() {}

    public static void writeHeader(Appendable out) throws IOException {
        out.append(HEADER).append('\n');
    }

    public static void write(Summary s, Appendable out) throws IOException {
        String time = s.time().toString();
        SocketCounts c = s.counts();
        line(out, time, "sockets", "all", "total", Long.toString(c.total()), "", "");
        for (SocketCounts.ProtoCount p : c.protocols()) {
            line(
                    out,
                    time,
                    "sockets",
                    p.proto().label(),
                    "total",
                    Long.toString(p.count().total()),
                    "",
                    "");
            for (Map.Entry<State, Integer> e : p.count().states().entrySet()) {
                line(
                        out,
                        time,
                        "sockets",
                        p.proto().label(),
                        e.getKey().name(),
                        e.getValue().toString(),
                        "",
                        "");
            }
        }
        for (SocketCounts.ProcessCount p : c.processes()) {
            String pid = Integer.toString(p.holder().pid());
            line(
                    out,
                    time,
                    "process",
                    pid,
                    "total",
                    Long.toString(p.count().total()),
                    "",
                    p.holder().process());
            for (Map.Entry<State, Integer> e : p.count().states().entrySet()) {
                line(
                        out,
                        time,
                        "process",
                        pid,
                        e.getKey().name(),
                        e.getValue().toString(),
                        "",
                        p.holder().process());
            }
        }
        for (Map.Entry<State, Integer> e : c.unowned().states().entrySet()) {
            line(out, time, "unowned", "", e.getKey().name(), e.getValue().toString(), "", "");
        }
        for (KeyCounter k : KeyCounter.values()) {
            Long v = s.now().get(k.nstatName());
            if (v == null) {
                continue;
            }
            Double rate = s.perSecond(k);
            line(
                    out,
                    time,
                    "counter",
                    "kernel",
                    k.nstatName(),
                    v.toString(),
                    rate == null ? "" : String.format(Locale.ROOT, "%.3f", rate),
                    k.description());
        }
        for (Hint h : s.hints()) {
            String pid = h.holders().isEmpty()
                    ? ""
                    : Integer.toString(h.holders().get(0).pid());
            String value = h.figures().isEmpty()
                    ? ""
                    : h.figures().values().iterator().next().toString();
            line(out, time, "hint", pid, h.kind().id(), value, "", h.where() + ": " + h.evidence());
        }
    }

    private static void line(Appendable out, String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(cells[i]));
        }
        out.append('\n');
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
