package dev.sockscope.view.net;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.sockscope.net.Counters;
import dev.sockscope.net.IfAddress;
import dev.sockscope.net.InterfaceRow;
import dev.sockscope.net.Listener;
import dev.sockscope.net.Neighbor;
import dev.sockscope.net.NetInterface;
import dev.sockscope.net.Rates;
import dev.sockscope.net.ResolvConf;
import dev.sockscope.net.Resolvers;
import dev.sockscope.net.Route;
import dev.sockscope.net.RouteLookup;
import dev.sockscope.view.Sanitizer;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the network views. Three forms each:
 *
 * <ul>
 *   <li>table: interfaces as blocks like {@code ip addr} (one per interface: flags, state,
 *       MTU, MAC, addresses, counters, rates, reachable listeners); routes, neighbours, DNS
 *       and route lookups as tables. Every string from the system is sanitized.</li>
 *   <li>JSON: one array of objects ({@code --dns}, {@code --route-to}: one object); with a
 *       {@code time} (repeated {@code -i}) one object a line, {@code {"time":..,"interfaces":[..]}}.
 *       Keys are listed in docs/network.md.</li>
 *   <li>CSV: a header line, one line per record, RFC 4180 quoting; lists inside a field are
 *       separated by spaces.</li>
 * </ul>
 */
public final class NetworkWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    /** Output forms. */
    public enum Form {
        TABLE,
        JSON,
        CSV
    }

    private final Form form;

    public NetworkWriter(Form form) {
        this.form = form;
    }

    // ---------------------------------------------------------------- interfaces

    public static final List<String> INTERFACE_KEYS = List.of(
            "name",
            "index",
            "state",
            "carrier",
            "flags",
            "mtu",
            "mac",
            "linkType",
            "addresses",
            "rxBytes",
            "rxPackets",
            "rxErrors",
            "rxDropped",
            "txBytes",
            "txPackets",
            "txErrors",
            "txDropped",
            "rxRate",
            "txRate",
            "rxPacketRate",
            "txPacketRate",
            "defaultRoute",
            "listeners");

    /**
     * @param time        the reading's time for repeated readings (table: a time line; JSON: one
     *                    object a line; CSV: a leading column), null for a single reading
     * @param header      whether to write the CSV header (the first of repeated readings)
     */
    public void interfaces(List<InterfaceRow> rows, String time, boolean header, Writer out) throws IOException {
        switch (form) {
            case JSON:
                if (time == null) {
                    out.write('[');
                    boolean first = true;
                    for (InterfaceRow r : rows) {
                        out.write(first ? "\n" : ",\n");
                        first = false;
                        try (JsonGenerator g = FACTORY.createGenerator(out)) {
                            interfaceJson(g, r);
                        }
                    }
                    out.write(first ? "]\n" : "\n]\n");
                } else {
                    try (JsonGenerator g = FACTORY.createGenerator(out)) {
                        g.writeStartObject();
                        g.writeStringField("time", time);
                        g.writeArrayFieldStart("interfaces");
                        for (InterfaceRow r : rows) {
                            interfaceJson(g, r);
                        }
                        g.writeEndArray();
                        g.writeEndObject();
                    }
                    out.write('\n');
                }
                break;
            case CSV:
                if (header) {
                    out.write((time == null ? "" : "time,") + String.join(",", INTERFACE_KEYS) + "\n");
                }
                for (InterfaceRow r : rows) {
                    List<Object> v = new ArrayList<>();
                    if (time != null) {
                        v.add(time);
                    }
                    NetInterface i = r.iface();
                    Counters c = i.counters();
                    Rates rt = r.rates();
                    List<String> addrs = new ArrayList<>();
                    for (IfAddress a : i.addresses()) {
                        addrs.add(a.cidr());
                    }
                    v.add(i.name());
                    v.add(i.index() < 0 ? null : i.index());
                    v.add(i.operState());
                    v.add(i.carrier());
                    v.add(String.join(" ", i.flags()));
                    v.add(i.mtu() < 0 ? null : i.mtu());
                    v.add(i.mac());
                    v.add(i.linkType());
                    v.add(String.join(" ", addrs));
                    addCounters(v, c);
                    v.add(rt == null ? null : round(rt.rxBytes()));
                    v.add(rt == null ? null : round(rt.txBytes()));
                    v.add(rt == null ? null : round(rt.rxPackets()));
                    v.add(rt == null ? null : round(rt.txPackets()));
                    v.add(r.defaultRoute());
                    v.add(r.listeners() == null ? null : listenerWords(r.listeners()));
                    csvLine(out, v);
                }
                break;
            default:
                if (time != null) {
                    out.write("--- " + time + "\n");
                }
                boolean first = true;
                for (InterfaceRow r : rows) {
                    if (!first) {
                        out.write('\n');
                    }
                    first = false;
                    interfaceBlock(r, out);
                }
        }
    }

    private static void addCounters(List<Object> v, Counters c) {
        if (c == null) {
            for (int k = 0; k < 8; k++) {
                v.add(null);
            }
            return;
        }
        for (long x : new long[] {
            c.rxBytes(),
            c.rxPackets(),
            c.rxErrors(),
            c.rxDropped(),
            c.txBytes(),
            c.txPackets(),
            c.txErrors(),
            c.txDropped()
        }) {
            v.add(x < 0 ? null : x);
        }
    }

    private static String listenerWords(List<Listener> list) {
        List<String> w = new ArrayList<>();
        for (Listener l : list) {
            w.add(l.proto() + "/" + endpoint(l.address(), l.port()));
        }
        return String.join(" ", w);
    }

    private static long round(double d) {
        return Math.round(d);
    }

    private static void interfaceJson(JsonGenerator g, InterfaceRow r) throws IOException {
        NetInterface i = r.iface();
        g.writeStartObject();
        g.writeStringField("name", i.name());
        intOrNull(g, "index", i.index());
        g.writeStringField("state", i.operState());
        g.writeFieldName("carrier");
        if (i.carrier() == null) {
            g.writeNull();
        } else {
            g.writeBoolean(i.carrier());
        }
        g.writeArrayFieldStart("flags");
        for (String f : i.flags()) {
            g.writeString(f);
        }
        g.writeEndArray();
        intOrNull(g, "mtu", i.mtu());
        g.writeStringField("mac", i.mac());
        g.writeStringField("linkType", i.linkType());
        g.writeArrayFieldStart("addresses");
        for (IfAddress a : i.addresses()) {
            g.writeStartObject();
            g.writeStringField("family", a.family());
            g.writeStringField("address", a.address());
            g.writeNumberField("prefix", a.prefix());
            g.writeStringField("scope", a.scope());
            g.writeStringField("label", a.label());
            g.writeArrayFieldStart("flags");
            for (String f : a.flags()) {
                g.writeString(f);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        Counters c = i.counters();
        String[] names = {
            "rxBytes", "rxPackets", "rxErrors", "rxDropped", "txBytes", "txPackets", "txErrors", "txDropped"
        };
        long[] values = c == null
                ? null
                : new long[] {
                    c.rxBytes(),
                    c.rxPackets(),
                    c.rxErrors(),
                    c.rxDropped(),
                    c.txBytes(),
                    c.txPackets(),
                    c.txErrors(),
                    c.txDropped()
                };
        for (int k = 0; k < names.length; k++) {
            g.writeFieldName(names[k]);
            if (values == null || values[k] < 0) {
                g.writeNull();
            } else {
                g.writeNumber(values[k]);
            }
        }
        Rates rt = r.rates();
        rate(g, "rxRate", rt == null ? null : rt.rxBytes());
        rate(g, "txRate", rt == null ? null : rt.txBytes());
        rate(g, "rxPacketRate", rt == null ? null : rt.rxPackets());
        rate(g, "txPacketRate", rt == null ? null : rt.txPackets());
        g.writeBooleanField("defaultRoute", r.defaultRoute());
        g.writeFieldName("listeners");
        if (r.listeners() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (Listener l : r.listeners()) {
                g.writeStartObject();
                g.writeStringField("proto", l.proto());
                g.writeStringField("address", l.address());
                g.writeNumberField("port", l.port());
                g.writeFieldName("pid");
                if (l.pid() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(l.pid());
                }
                g.writeStringField("process", l.process());
                g.writeStringField("why", l.why());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void rate(JsonGenerator g, String key, Double v) throws IOException {
        g.writeFieldName(key);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeNumber(Math.round(v * 10) / 10.0);
        }
    }

    private static void intOrNull(JsonGenerator g, String key, int v) throws IOException {
        g.writeFieldName(key);
        if (v < 0) {
            g.writeNull();
        } else {
            g.writeNumber(v);
        }
    }

    private static void interfaceBlock(InterfaceRow r, Writer out) throws IOException {
        NetInterface i = r.iface();
        StringBuilder b = new StringBuilder(200);
        if (i.index() >= 0) {
            b.append(i.index()).append(": ");
        }
        b.append(Sanitizer.clean(i.name()));
        if (!i.flags().isEmpty()) {
            b.append("  <").append(String.join(",", i.flags())).append('>');
        }
        b.append("  state ")
                .append(i.operState() == null ? "?" : Sanitizer.clean(i.operState()))
                .append("  carrier ")
                .append(i.carrier() == null ? "-" : i.carrier() ? "yes" : "no")
                .append("  mtu ")
                .append(i.mtu() < 0 ? "?" : Integer.toString(i.mtu()));
        if (r.defaultRoute()) {
            b.append("  (default route)");
        }
        b.append('\n');
        if (i.mac() != null || i.linkType() != null) {
            b.append("    link/")
                    .append(i.linkType() == null ? "?" : i.linkType())
                    .append(' ')
                    .append(i.mac() == null ? "-" : Sanitizer.clean(i.mac()))
                    .append('\n');
        }
        for (IfAddress a : i.addresses()) {
            b.append("    ")
                    .append(a.family().equals("ipv4") ? "inet  " : "inet6 ")
                    .append(a.cidr());
            if (a.scope() != null) {
                b.append(" scope ").append(a.scope());
            }
            for (String f : a.flags()) {
                b.append(' ').append(f);
            }
            if (a.label() != null && !a.label().equals(i.name())) {
                b.append(" label ").append(Sanitizer.clean(a.label()));
            }
            b.append('\n');
        }
        Counters c = i.counters();
        if (c != null) {
            Rates rt = r.rates();
            b.append("    RX ")
                    .append(count(c.rxBytes()))
                    .append(" bytes  ")
                    .append(count(c.rxPackets()))
                    .append(" packets  ")
                    .append(count(c.rxErrors()))
                    .append(" errors  ")
                    .append(count(c.rxDropped()))
                    .append(" dropped")
                    .append(rt == null ? "" : "  " + bytesPerSecond(rt.rxBytes()) + "  " + perSecond(rt.rxPackets()))
                    .append('\n');
            b.append("    TX ")
                    .append(count(c.txBytes()))
                    .append(" bytes  ")
                    .append(count(c.txPackets()))
                    .append(" packets  ")
                    .append(count(c.txErrors()))
                    .append(" errors  ")
                    .append(count(c.txDropped()))
                    .append(" dropped")
                    .append(rt == null ? "" : "  " + bytesPerSecond(rt.txBytes()) + "  " + perSecond(rt.txPackets()))
                    .append('\n');
        }
        if (r.listeners() != null) {
            b.append("    listening:");
            if (r.listeners().isEmpty()) {
                b.append(" none");
            }
            boolean first = true;
            for (Listener l : r.listeners()) {
                b.append(first ? " " : ", ").append(l.proto()).append(' ').append(endpoint(l.address(), l.port()));
                if (l.process() != null) {
                    b.append(' ').append(Sanitizer.clean(l.process()));
                    if (l.pid() != null) {
                        b.append('(').append(l.pid()).append(')');
                    }
                }
                first = false;
            }
            b.append('\n');
        }
        out.write(b.toString());
    }

    /** A counter with thousands separators, {@code ?} when unknown. */
    private static String count(long v) {
        return v < 0 ? "?" : String.format(Locale.ROOT, "%,d", v);
    }

    /** A rate in bytes per second: {@code 512 B/s}, {@code 12.3 kB/s}, {@code 1.2 MB/s}, {@code 3.4 GB/s}. */
    public static String bytesPerSecond(double v) {
        if (v < 1000) {
            return Math.round(v) + " B/s";
        }
        String[] units = {"kB/s", "MB/s", "GB/s", "TB/s"};
        double x = v;
        int u = -1;
        while (x >= 1000 && u < units.length - 1) {
            x /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", x, units[u]);
    }

    private static String perSecond(double v) {
        return (v < 10 ? String.format(Locale.ROOT, "%.1f", v) : Long.toString(Math.round(v))) + " pkt/s";
    }

    private static String endpoint(String address, int port) {
        if (address.equals("0.0.0.0") || address.equals("::")) {
            return (address.equals("::") ? "[::]" : "*") + ":" + port;
        }
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }

    // ---------------------------------------------------------------- routes

    public static final List<String> ROUTE_KEYS =
            List.of("family", "destination", "prefix", "gateway", "interface", "metric", "flags", "type", "default");

    public void routes(List<Route> routes, Writer out) throws IOException {
        switch (form) {
            case JSON:
                jsonArray(out, routes, (g, r) -> {
                    g.writeStartObject();
                    g.writeStringField("family", r.family());
                    g.writeStringField("destination", r.destination());
                    g.writeNumberField("prefix", r.prefix());
                    g.writeStringField("gateway", r.gateway());
                    g.writeStringField("interface", r.iface());
                    g.writeNumberField("metric", r.metric());
                    g.writeArrayFieldStart("flags");
                    for (String f : r.flagNames()) {
                        g.writeString(f);
                    }
                    g.writeEndArray();
                    g.writeStringField("type", r.type());
                    g.writeBooleanField("default", r.isDefault());
                    g.writeEndObject();
                });
                break;
            case CSV:
                out.write(String.join(",", ROUTE_KEYS) + "\n");
                for (Route r : routes) {
                    csvLine(
                            out,
                            List.of(
                                    r.family(),
                                    r.destination(),
                                    r.prefix(),
                                    nullable(r.gateway()),
                                    nullable(r.iface()),
                                    r.metric(),
                                    r.flagLetters(),
                                    r.type(),
                                    r.isDefault()));
                }
                break;
            default:
                NetTable t = new NetTable("Destination", "Gateway", "Iface", "Metric", "Flags", "");
                for (Route r : routes) {
                    t.add(
                            r.destinationText(),
                            r.gateway() == null ? "*" : r.gateway(),
                            r.iface() == null ? "*" : Sanitizer.clean(r.iface()),
                            Long.toString(r.metric()),
                            r.flagLetters(),
                            r.isDefault() && r.gateway() != null
                                    ? "default gateway"
                                    : r.type().equals("unicast") ? "" : r.type());
                }
                t.write(out);
        }
    }

    // ---------------------------------------------------------------- route lookup

    public static final List<String> LOOKUP_KEYS =
            List.of("destination", "type", "interface", "gateway", "source", "route", "metric", "method");

    public void routeLookup(RouteLookup l, Writer out) throws IOException {
        switch (form) {
            case JSON:
                try (JsonGenerator g = FACTORY.createGenerator(out)) {
                    g.writeStartObject();
                    g.writeStringField("destination", l.destination());
                    g.writeStringField("type", l.type());
                    g.writeStringField("interface", l.iface());
                    g.writeStringField("gateway", l.gateway());
                    g.writeStringField("source", l.source());
                    g.writeStringField("route", l.route());
                    g.writeFieldName("metric");
                    if (l.metric() < 0) {
                        g.writeNull();
                    } else {
                        g.writeNumber(l.metric());
                    }
                    g.writeStringField("method", l.method());
                    g.writeEndObject();
                }
                out.write('\n');
                break;
            case CSV:
                out.write(String.join(",", LOOKUP_KEYS) + "\n");
                csvLine(
                        out,
                        java.util.Arrays.asList(
                                l.destination(),
                                l.type(),
                                l.iface(),
                                l.gateway(),
                                l.source(),
                                l.route(),
                                l.metric() < 0 ? null : l.metric(),
                                l.method()));
                break;
            default:
                NetTable t =
                        new NetTable("Destination", "Type", "Iface", "Gateway", "Source", "Route", "Metric", "Method");
                t.add(
                        l.destination(),
                        l.type(),
                        l.iface() == null ? "-" : Sanitizer.clean(l.iface()),
                        l.gateway() == null ? "*" : l.gateway(),
                        l.source() == null ? "-" : l.source(),
                        l.route() == null ? "-" : l.route(),
                        l.metric() < 0 ? "-" : Long.toString(l.metric()),
                        l.method());
                t.write(out);
        }
    }

    // ---------------------------------------------------------------- neighbours

    public static final List<String> NEIGHBOR_KEYS =
            List.of("family", "address", "mac", "interface", "state", "router", "gateway");

    public void neighbors(List<Neighbor> list, Writer out) throws IOException {
        switch (form) {
            case JSON:
                jsonArray(out, list, (g, n) -> {
                    g.writeStartObject();
                    g.writeStringField("family", n.family());
                    g.writeStringField("address", n.address());
                    g.writeStringField("mac", n.mac());
                    g.writeStringField("interface", n.iface());
                    g.writeStringField("state", n.state());
                    g.writeFieldName("router");
                    if (n.router() == null) {
                        g.writeNull();
                    } else {
                        g.writeBoolean(n.router());
                    }
                    g.writeBooleanField("gateway", n.gateway());
                    g.writeEndObject();
                });
                break;
            case CSV:
                out.write(String.join(",", NEIGHBOR_KEYS) + "\n");
                for (Neighbor n : list) {
                    csvLine(
                            out,
                            java.util.Arrays.asList(
                                    n.family(), n.address(), n.mac(), n.iface(), n.state(), n.router(), n.gateway()));
                }
                break;
            default:
                NetTable t = new NetTable("Address", "MAC", "Iface", "State", "");
                for (Neighbor n : list) {
                    List<String> note = new ArrayList<>();
                    if (Boolean.TRUE.equals(n.router())) {
                        note.add("router");
                    }
                    if (n.gateway()) {
                        note.add("default gateway");
                    }
                    t.add(
                            n.address(),
                            n.mac() == null ? "-" : Sanitizer.clean(n.mac()),
                            n.iface() == null ? "-" : Sanitizer.clean(n.iface()),
                            n.state(),
                            String.join(", ", note));
                }
                t.write(out);
        }
    }

    // ---------------------------------------------------------------- resolvers

    public static final List<String> DNS_KEYS = List.of("kind", "value", "source");

    public void resolvers(Resolvers r, Writer out) throws IOException {
        switch (form) {
            case JSON:
                try (JsonGenerator g = FACTORY.createGenerator(out)) {
                    g.writeStartObject();
                    g.writeStringField("path", r.path());
                    confJson(g, r.conf());
                    g.writeStringField("stub", r.stub());
                    g.writeFieldName("upstream");
                    if (r.upstream() == null) {
                        g.writeNull();
                    } else {
                        g.writeStartObject();
                        g.writeStringField("path", r.upstreamPath());
                        confJson(g, r.upstream());
                        g.writeEndObject();
                    }
                    g.writeArrayFieldStart("unreadable");
                    for (String u : r.unreadable()) {
                        g.writeString(u);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                out.write('\n');
                break;
            case CSV:
                out.write(String.join(",", DNS_KEYS) + "\n");
                for (String[] row : dnsRows(r)) {
                    csvLine(out, List.of(row[0], row[1], row[2]));
                }
                break;
            default:
                NetTable t = new NetTable("Kind", "Value", "Source");
                for (String[] row : dnsRows(r)) {
                    t.add(row[0], Sanitizer.clean(row[1]), Sanitizer.clean(row[2]));
                }
                t.write(out);
        }
    }

    private static List<String[]> dnsRows(Resolvers r) {
        List<String[]> rows = new ArrayList<>();
        confRows(rows, r.conf(), r.path(), r.stub() == null ? "" : " (" + r.stub() + " stub)");
        if (r.upstream() != null) {
            confRows(rows, r.upstream(), r.upstreamPath(), " (upstream)");
        }
        return rows;
    }

    private static void confRows(List<String[]> rows, ResolvConf c, String path, String serverNote) {
        for (String s : c.nameservers()) {
            rows.add(new String[] {"nameserver", s, path + serverNote});
        }
        for (String s : c.search()) {
            rows.add(new String[] {"search", s, path});
        }
        for (String s : c.options()) {
            rows.add(new String[] {"option", s, path});
        }
    }

    private static void confJson(JsonGenerator g, ResolvConf c) throws IOException {
        g.writeArrayFieldStart("nameservers");
        for (String s : c.nameservers()) {
            g.writeString(s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("search");
        for (String s : c.search()) {
            g.writeString(s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("options");
        for (String s : c.options()) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    // ---------------------------------------------------------------- shared

    private interface JsonItem<T> {
        void write(JsonGenerator g, T item) throws IOException;
    }

    private static <T> void jsonArray(Writer out, List<T> items, JsonItem<T> w) throws IOException {
        out.write('[');
        boolean first = true;
        for (T item : items) {
            out.write(first ? "\n" : ",\n");
            first = false;
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                w.write(g, item);
            }
        }
        out.write(first ? "]\n" : "\n]\n");
    }

    private static Object nullable(Object o) {
        return o == null ? "" : o;
    }

    private static void csvLine(Writer out, List<?> values) throws IOException {
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            Object v = values.get(i);
            if (v == null) {
                continue;
            }
            String s = v.toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                line.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                line.append(s);
            }
        }
        out.write(line.append('\n').toString());
    }
}
