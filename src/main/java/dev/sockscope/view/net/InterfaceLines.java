package dev.sockscope.view.net;

import dev.sockscope.net.IfAddress;
import dev.sockscope.net.InterfaceRow;
import dev.sockscope.net.NetInterface;
import dev.sockscope.net.Rates;
import dev.sockscope.view.Cells;
import dev.sockscope.view.Cut;
import dev.sockscope.view.Sanitizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The live view's Interfaces tab as lines of text: one row per interface with its state, MTU,
 * MAC, receive and send rates since the reading before, and every address with its prefix; the
 * interface a default route leaves through is marked {@code *}. Pure: rows in, lines out. Every
 * string from the system (names, states, MACs, labels) is sanitized here; columns are as wide
 * as their widest cell ({@link Cut#cells}), addresses last so a narrow terminal cuts only them.
 */
public final class InterfaceLines {
    static final String[] TITLES = {"Interface", "State", "MTU", "MAC", "Rx/s", "Tx/s", "Addresses"};

    private InterfaceLines() {}

    /**
     * @param rows the interfaces, with rates once there is a reading before (else {@code -})
     * @return a title line, one line per interface, and a last line naming the mark
     */
    public static List<String> lines(List<InterfaceRow> rows) {
        List<String[]> cells = new ArrayList<>(rows.size() + 1);
        cells.add(TITLES.clone());
        boolean anyDefault = false;
        for (InterfaceRow r : rows) {
            NetInterface i = r.iface();
            anyDefault |= r.defaultRoute();
            Rates rt = r.rates();
            List<String> addrs = new ArrayList<>(i.addresses().size());
            for (IfAddress a : i.addresses()) {
                addrs.add(a.cidr());
            }
            cells.add(new String[] {
                (r.defaultRoute() ? "* " : "  ") + Sanitizer.clean(i.name()),
                state(i),
                i.mtu() < 0 ? "?" : Integer.toString(i.mtu()),
                i.mac() == null ? "-" : Sanitizer.clean(i.mac()),
                rt == null ? "-" : Cells.rate(rt.rxBytes()) + "B",
                rt == null ? "-" : Cells.rate(rt.txBytes()) + "B",
                addrs.isEmpty() ? "-" : String.join(" ", addrs)
            });
        }
        cells.get(0)[0] = "  " + TITLES[0];
        int[] w = new int[TITLES.length];
        for (String[] row : cells) {
            for (int c = 0; c < w.length; c++) {
                w[c] = Math.max(w[c], Cut.cells(row[c]));
            }
        }
        List<String> out = new ArrayList<>(cells.size() + 1);
        for (String[] row : cells) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < w.length; c++) {
                boolean right = c == 2 || c == 4 || c == 5;
                int pad = w[c] - Cut.cells(row[c]);
                if (right) {
                    b.append(" ".repeat(pad)).append(row[c]);
                } else {
                    b.append(row[c]);
                    if (c < w.length - 1) {
                        b.append(" ".repeat(pad));
                    }
                }
                if (c < w.length - 1) {
                    b.append("  ");
                }
            }
            out.add(b.toString());
        }
        out.add(
                anyDefault
                        ? "* a default route leaves through this interface; rates are bytes per second between two refreshes"
                        : "no default route; rates are bytes per second between two refreshes");
        return out;
    }

    /** {@code up}, {@code down}, {@code up, no carrier}; the admin state when the kernel has no oper state. */
    static String state(NetInterface i) {
        String s = i.operState() == null || i.operState().equals("unknown")
                ? (i.up() ? "up" : "down")
                : Sanitizer.clean(i.operState());
        if (i.up() && Boolean.FALSE.equals(i.carrier())) {
            s = s + ", no carrier";
        }
        return s;
    }
}
