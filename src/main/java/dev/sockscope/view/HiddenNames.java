package dev.sockscope.view;

import dev.sockscope.model.HiddenProcess;
import java.util.List;

/**
 * The processes whose sockets could not be inspected, for a note: {@code 1/process_api,
 * 4242/postgres} as the PID/Program column writes them, the first {@value #SHOWN} of them and
 * how many more. Names are sanitized (a process names itself).
 */
public final class HiddenNames {
    /** How many processes a note names. */
    static final int SHOWN = 5;

    private HiddenNames() {}

    /**
     * @param hidden the named processes, in pid order
     * @param count  how many there were in all (at least {@code hidden.size()})
     * @return the list, e.g. {@code 1/process_api, 4242/postgres and 3 more}; "" when none is named
     */
    public static String text(List<HiddenProcess> hidden, int count) {
        if (hidden.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        int shown = Math.min(SHOWN, hidden.size());
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                b.append(", ");
            }
            HiddenProcess p = hidden.get(i);
            b.append(p.pid());
            if (!p.process().isEmpty()) {
                b.append('/').append(Sanitizer.clean(p.process()));
            }
        }
        int more = Math.max(count, hidden.size()) - shown;
        if (more > 0) {
            b.append(" and ").append(more).append(" more");
        }
        return b.toString();
    }
}
