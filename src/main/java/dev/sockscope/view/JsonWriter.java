package dev.sockscope.view;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketRow;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code --format json}: one JSON array of objects, one object a line, keys of {@link Fields}.
 * Strings are written exactly (Jackson escapes control characters, so a process named
 * {@code ESC[2J} arrives as {@code \u001b[2J}: lossless and inert). Loaded only for JSON.
 * Each holder is {@code {"pid","process","user","command"}}.
 */
public final class JsonWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private final Fields fields;

    public JsonWriter(Fields fields) {
        this.fields = fields;
    }

    public void write(List<SocketRow> rows, Writer out) throws IOException {
        out.write('[');
        boolean first = true;
        for (SocketRow row : rows) {
            out.write(first ? "\n" : ",\n");
            first = false;
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                writeRow(g, row);
            }
        }
        out.write(first ? "]\n" : "\n]\n");
    }

    /**
     * One snapshot of a repeated run as one line of JSON Lines:
     * {@code {"time":"2026-11-26T06:14:41.123Z","sockets":[...]}}.
     */
    public void writeTimed(String time, List<SocketRow> rows, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", time);
            g.writeFieldName("sockets");
            g.writeStartArray();
            for (SocketRow row : rows) {
                writeRow(g, row);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }

    private void writeRow(JsonGenerator g, SocketRow row) throws IOException {
        g.writeStartObject();
        writeFields(g, fields, row);
        g.writeEndObject();
    }

    /**
     * Every snapshot field of the row ({@link Fields.Field}, in order) into an open object: the
     * one JSON form of a row, for the socket list and for the export modes' lines.
     */
    public static void writeFields(JsonGenerator g, Fields fields, SocketRow row) throws IOException {
        for (Fields.Field f : Fields.Field.values()) {
            g.writeFieldName(f.key());
            writeValue(g, fields.value(f, row));
        }
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String) {
            g.writeString((String) v);
        } else if (v instanceof Integer) {
            g.writeNumber((Integer) v);
        } else if (v instanceof Long) {
            g.writeNumber((Long) v);
        } else if (v instanceof Double) {
            g.writeNumber((Double) v);
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof List) {
            g.writeStartArray();
            for (Object o : (List<?>) v) {
                Holder h = (Holder) o;
                g.writeStartObject();
                g.writeNumberField("pid", h.pid());
                g.writeStringField("process", h.process());
                g.writeFieldName("user");
                writeValue(g, h.user());
                g.writeStringField("command", h.command());
                g.writeEndObject();
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("no JSON form for " + v.getClass());
        }
    }
}
