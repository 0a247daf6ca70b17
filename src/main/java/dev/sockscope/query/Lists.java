package dev.sockscope.query;

import dev.sockscope.model.State;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Parsers of comma-separated option values shared by the command line and the live filter words. */
public final class Lists {
    private Lists() {}

    /** Splits on commas, trims each item, rejects empty items. */
    static List<String> items(String list, String what) throws QueryException {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int comma = list.indexOf(',', start);
            String item = (comma < 0 ? list.substring(start) : list.substring(start, comma)).trim();
            if (item.isEmpty()) {
                throw new QueryException(what + ": empty item in '" + list + "'");
            }
            out.add(item);
            if (comma < 0) {
                return out;
            }
            start = comma + 1;
        }
    }

    /** {@code LISTEN,established,time-wait}: any case; unknown names are an error naming them. */
    public static Set<State> states(String list, String what) throws QueryException {
        Set<State> out = EnumSet.noneOf(State.class);
        for (String item : items(list, what)) {
            State s = State.parse(item);
            if (s == null) {
                throw new QueryException(what + ": unknown state '" + item + "' (one of LISTEN, ESTABLISHED, "
                        + "SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2, TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, "
                        + "CLOSING, NEW_SYN_RECV, UNCONN, CONNECTED)");
            }
            out.add(s);
        }
        return out;
    }

    /** {@code 1,42}: positive process ids. */
    public static List<Integer> pids(String list, String what) throws QueryException {
        List<Integer> out = new ArrayList<>();
        for (String item : items(list, what)) {
            int pid;
            try {
                pid = Integer.parseInt(item);
            } catch (NumberFormatException e) {
                pid = -1;
            }
            if (pid <= 0) {
                throw new QueryException(what + ": '" + item + "' is not a process id");
            }
            out.add(pid);
        }
        return out;
    }
}
