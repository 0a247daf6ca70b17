package dev.sockscope.view;

import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketRow;
import java.io.IOException;
import java.util.List;

/**
 * {@code --format csv}: a header line of {@link Fields#KEYS}, then one line per socket.
 * RFC 4180 quoting: a field holding a comma, a double quote, CR or LF is quoted and its quotes
 * doubled; values are exact (never sanitized). Null is an empty field. {@code holders} is the
 * holders' pids separated by spaces (names of the others are in the JSON form).
 */
public final class CsvWriter {
    private final Fields fields;

    public CsvWriter(Fields fields) {
        this.fields = fields;
    }

    public void writeHeader(Appendable out) throws IOException {
        out.append(String.join(",", Fields.KEYS)).append('\n');
    }

    /** The header of repeated snapshots: a leading {@code time} column. */
    public void writeTimedHeader(Appendable out) throws IOException {
        out.append("time,").append(String.join(",", Fields.KEYS)).append('\n');
    }

    public void writeRows(List<SocketRow> rows, Appendable out) throws IOException {
        writeRows(rows, out, null);
    }

    /** Rows, each led by {@code time} when it is not null. */
    public void writeRows(List<SocketRow> rows, Appendable out, String time) throws IOException {
        StringBuilder line = new StringBuilder(256);
        for (SocketRow row : rows) {
            line.setLength(0);
            boolean first = time == null;
            if (time != null) {
                line.append(time);
            }
            for (Fields.Field f : Fields.Field.values()) {
                if (!first) {
                    line.append(',');
                }
                first = false;
                appendField(line, fields.value(f, row));
            }
            out.append(line).append('\n');
        }
    }

    private static void appendField(StringBuilder line, Object v) {
        if (v == null) {
            return;
        }
        if (v instanceof List) {
            boolean first = true;
            for (Object o : (List<?>) v) {
                line.append(first ? "" : " ").append(((Holder) o).pid());
                first = false;
            }
            return;
        }
        String s = v.toString();
        if (needsQuotes(s)) {
            line.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    line.append('"');
                }
                line.append(c);
            }
            line.append('"');
        } else {
            line.append(s);
        }
    }

    static boolean needsQuotes(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
