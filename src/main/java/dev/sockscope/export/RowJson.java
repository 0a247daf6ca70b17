package dev.sockscope.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketRow;
import dev.sockscope.view.Fields;
import java.io.IOException;
import java.util.List;

/**
 * The snapshot fields of a row inside a JSON object that carries more ({@code change} of
 * {@code --diff}, {@code time} and {@code event} of {@code --events}): the same keys and values
 * as {@code --list --json} ({@link Fields}), exact strings, holders as
 * {@code {"pid","process","user","command"}}.
 */
final class RowJson {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private RowJson() {}

    /** Writes every snapshot field of the row ({@link Fields.Field}, in order) into the open object. */
    static void writeFields(JsonGenerator g, Fields fields, SocketRow row) throws IOException {
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
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Double) {
            g.writeNumber((Double) v);
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
            g.writeString(v.toString());
        }
    }
}
