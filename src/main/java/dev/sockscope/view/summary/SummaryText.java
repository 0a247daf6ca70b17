package dev.sockscope.view.summary;

import dev.sockscope.health.Hint;
import dev.sockscope.health.KeyCounter;
import dev.sockscope.health.SocketCounts;
import dev.sockscope.health.Summary;
import dev.sockscope.model.Holder;
import dev.sockscope.model.State;
import dev.sockscope.view.Sanitizer;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The human {@code -s}: sockets by protocol and state, the processes with the most sockets, the
 * kernel's key counters (totals, and per second from the second reading on) and the hints.
 * Process names pass through {@link Sanitizer}.
 */
public final class SummaryText {
    private SummaryText() {}

    public static void write(Summary s, Appendable out) throws IOException {
        SocketCounts c = s.counts();
        out.append("Sockets: ").append(Integer.toString(c.total())).append('\n');
        for (SocketCounts.ProtoCount p : c.protocols()) {
            String families = p.ipv4() + p.ipv6() == 0 ? "" : "  (IPv4 " + p.ipv4() + ", IPv6 " + p.ipv6() + ")";
            out.append(String.format(
                            Locale.ROOT,
                            "  %-8s %7d  ",
                            p.proto().label(),
                            p.count().total()))
                    .append(states(p.count().states()))
                    .append(families)
                    .append('\n');
        }
        if (!c.processes().isEmpty() || c.unowned().total() > 0) {
            out.append("\nProcesses with the most sockets (a socket several processes hold counts for each):\n");
            for (SocketCounts.ProcessCount p : c.processes()) {
                out.append(String.format(
                                Locale.ROOT,
                                "  %-24s %7d  ",
                                p.holder().pid() + "/"
                                        + Sanitizer.clean(p.holder().process()),
                                p.count().total()))
                        .append(states(p.count().states()))
                        .append('\n');
            }
            if (c.unowned().total() > 0) {
                out.append(String.format(
                                Locale.ROOT,
                                "  %-24s %7d  ",
                                "no owner shown",
                                c.unowned().total()))
                        .append(states(c.unowned().states()))
                        .append('\n');
            }
        }
        counters(s, KeyCounter.Group.TCP, "TCP", out);
        counters(s, KeyCounter.Group.UDP, "UDP", out);
        out.append('\n');
        if (s.hints().isEmpty()) {
            out.append("Hints: none (thresholds: sockscope --help)\n");
        } else {
            out.append("Hints (thresholds: sockscope --help):\n");
            for (Hint h : s.hints()) {
                out.append("  ").append(line(h)).append('\n');
            }
        }
    }

    /** One hint on one line: {@code [close-wait] 127.0.0.1:4000  1234/python3 (root): evidence}. */
    public static String line(Hint h) {
        return "[" + h.kind().id() + "] " + h.where() + "  " + who(h.holders()) + ": " + h.evidence();
    }

    /** {@code 1234/python3 (alice)}, {@code +2 more} when several, {@code no process} when none. */
    static String who(List<Holder> holders) {
        if (holders.isEmpty()) {
            return "no process";
        }
        Holder h = holders.get(0);
        String s = h.pid() + "/" + Sanitizer.clean(h.process())
                + (h.user() == null ? "" : " (" + Sanitizer.clean(h.user()) + ")");
        return holders.size() == 1 ? s : s + " +" + (holders.size() - 1) + " more";
    }

    private static void counters(Summary s, KeyCounter.Group group, String title, Appendable out) throws IOException {
        boolean any = false;
        boolean rates = s.before() != null;
        for (KeyCounter k : KeyCounter.values()) {
            Long v = s.now().get(k.nstatName());
            if (k.group() != group || v == null) {
                continue;
            }
            if (!any) {
                out.append('\n')
                        .append(String.format(
                                Locale.ROOT,
                                "%-26s %14s%s",
                                title,
                                "total",
                                rates ? String.format("%12s", "per second") : ""))
                        .append('\n');
                any = true;
            }
            Double rate = s.perSecond(k);
            String r = rates
                    ? String.format(Locale.ROOT, "%12s", rate == null ? "" : String.format(Locale.ROOT, "%.1f", rate))
                    : "";
            out.append(String.format(Locale.ROOT, "  %-24s %14d%s   %s", k.nstatName(), v, r, k.description()))
                    .append('\n');
        }
    }

    private static String states(Map<State, Integer> states) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<State, Integer> e : states.entrySet()) {
            if (b.length() > 0) {
                b.append("  ");
            }
            b.append(e.getKey().name()).append(' ').append(e.getValue());
        }
        return b.toString();
    }
}
