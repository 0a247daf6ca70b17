package dev.sockscope.export;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sockscope.model.SocketRow;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.view.Cells;
import dev.sockscope.view.Cut;
import dev.sockscope.view.Fields;
import dev.sockscope.view.JsonWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints {@link Changes} as {@code --diff} does, in the three formats of {@code --list}:
 *
 * <ul>
 *   <li>table: a {@code Change} column ({@code added}, {@code removed}, {@code opened},
 *       {@code closed}) before the table's columns, then one summary line;</li>
 *   <li>JSON: an array of objects, one a line, each {@code {"change": ..., <snapshot fields>}};</li>
 *   <li>CSV: a header of {@code change} and the snapshot keys, then one line per row.</li>
 * </ul>
 *
 * Order: listeners added, removed, then connections opened, closed; inside each as given.
 */
public final class ChangeWriter {
    private static final String[] HEADERS = {
        "Change", "Proto", "Local Address", "Foreign Address", "State", "PID/Program", "Service"
    };

    private final Fields fields;
    private final ServiceRegistry names;

    /**
     * @param fields the snapshot fields (JSON, CSV)
     * @param names  service names for the table, or null with {@code -n}
     */
    public ChangeWriter(Fields fields, ServiceRegistry names) {
        this.fields = fields;
        this.names = names;
    }

    /** The table and its summary line; {@code baseline} names what was compared against. */
    public void table(Changes c, String baseline, Writer out) throws IOException {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADERS);
        for (Changes.Kind k : Changes.Kind.values()) {
            for (SocketRow r : c.of(k)) {
                lines.add(new String[] {
                    k.label(),
                    Cells.proto(r.entry()),
                    Cells.local(r.entry()),
                    Cells.remote(r.entry(), null),
                    Cells.state(r.entry()),
                    Cells.pidProgram(r),
                    Cells.service(r.entry(), names)
                });
            }
        }
        if (lines.size() > 1) {
            int[] widths = new int[HEADERS.length];
            for (String[] l : lines) {
                for (int i = 0; i < l.length; i++) {
                    widths[i] = Math.max(widths[i], Cut.cells(l[i]));
                }
            }
            StringBuilder b = new StringBuilder(128);
            for (String[] l : lines) {
                b.setLength(0);
                for (int i = 0; i < l.length; i++) {
                    b.append(l[i]);
                    if (i < l.length - 1) {
                        b.append(" ".repeat(widths[i] - Cut.cells(l[i]) + 2));
                    }
                }
                while (b.length() > 0 && b.charAt(b.length() - 1) == ' ') {
                    b.setLength(b.length() - 1);
                }
                out.write(b.append('\n').toString());
            }
        }
        out.write(summary(c, baseline));
        out.write('\n');
    }

    /** {@code 1 listener added, 0 removed; 2 connections opened, 1 closed since base.json}. */
    public static String summary(Changes c, String baseline) {
        if (c.isEmpty()) {
            return "no change since " + baseline;
        }
        return plural(c.added().size(), "listener") + " added, " + c.removed().size() + " removed; "
                + plural(c.opened().size(), "connection") + " opened, "
                + c.closed().size() + " closed since "
                + baseline;
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    public void json(Changes c, Writer out) throws IOException {
        out.write('[');
        boolean first = true;
        for (Changes.Kind k : Changes.Kind.values()) {
            for (SocketRow r : c.of(k)) {
                out.write(first ? "\n" : ",\n");
                first = false;
                try (JsonGenerator g = RowJson.FACTORY.createGenerator(out)) {
                    g.writeStartObject();
                    g.writeStringField("change", k.label());
                    JsonWriter.writeFields(g, fields, r);
                    g.writeEndObject();
                }
            }
        }
        out.write(first ? "]\n" : "\n]\n");
    }

    public void csv(Changes c, Writer out) throws IOException {
        out.write("change," + String.join(",", Fields.KEYS) + "\n");
        StringBuilder line = new StringBuilder(256);
        for (Changes.Kind k : Changes.Kind.values()) {
            for (SocketRow r : c.of(k)) {
                line.setLength(0);
                line.append(k.label());
                for (Fields.Field f : Fields.Field.values()) {
                    line.append(',');
                    Csv.appendField(line, fields.value(f, r));
                }
                out.write(line.append('\n').toString());
            }
        }
    }
}
