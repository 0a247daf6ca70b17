package dev.sockscope.export;

import dev.sockscope.model.Holder;
import java.util.List;

/** One CSV field as {@code --list --format csv} writes it (RFC 4180 quoting, holders as pids). */
final class Csv {
    private Csv() {}

    static void appendField(StringBuilder line, Object v) {
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
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            line.append('"').append(s.replace("\"", "\"\"")).append('"');
        } else {
            line.append(s);
        }
    }
}
