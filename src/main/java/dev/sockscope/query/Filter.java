package dev.sockscope.query;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which rows to show: every criterion that is set must hold (AND); a list inside one criterion
 * matches when any element does (OR). Unset criteria (null) match everything. Immutable; build
 * one with {@link Builder} (command line) or {@link FilterWords} (the live view's words).
 */
public final class Filter implements Predicate<SocketRow> {
    private final Set<Proto> protos;
    private final Set<Family> families;
    private final boolean listening;
    private final PortSet anyPort;
    private final PortSet localPort;
    private final PortSet remotePort;
    private final int[] pids;
    private final List<String> processTexts;
    private final Set<State> states;
    private final List<String> users;
    private final AddressSet anyAddress;
    private final AddressSet localAddress;
    private final AddressSet remoteAddress;
    private final List<Iface> ifaces;
    private final boolean exposed;
    private final List<String> anyTexts;
    private final java.util.function.Function<SocketRow, String> serviceText;
    private final String description;

    private Filter(Builder b) {
        protos = b.protos == null ? null : EnumSet.copyOf(b.protos);
        families = b.families == null ? null : EnumSet.copyOf(b.families);
        listening = b.listening;
        anyPort = b.anyPort;
        localPort = b.localPort;
        remotePort = b.remotePort;
        pids = b.pids == null
                ? null
                : b.pids.stream().mapToInt(Integer::intValue).toArray();
        processTexts = List.copyOf(b.processTexts);
        states = b.states == null ? null : EnumSet.copyOf(b.states);
        users = List.copyOf(b.users);
        anyAddress = b.anyAddress;
        localAddress = b.localAddress;
        remoteAddress = b.remoteAddress;
        ifaces = List.copyOf(b.ifaces);
        exposed = b.exposed;
        anyTexts = List.copyOf(b.anyTexts);
        serviceText = b.serviceText;
        description = b.describe();
    }

    /** A filter that keeps every row. */
    public static Filter all() {
        return new Builder().build();
    }

    /** Whether {@link #test} lets every row through: no condition at all ({@link #all()}). */
    public boolean keepsEverything() {
        return protos == null
                && families == null
                && !listening
                && anyPort == null
                && localPort == null
                && remotePort == null
                && states == null
                && pids == null
                && processTexts.isEmpty()
                && users.isEmpty()
                && anyAddress == null
                && localAddress == null
                && remoteAddress == null
                && ifaces.isEmpty()
                && !exposed
                && anyTexts.isEmpty();
    }

    @Override
    public boolean test(SocketRow row) {
        SocketEntry e = row.entry();
        if (protos != null && !protos.contains(e.proto())) {
            return false;
        }
        if (families != null && e.proto() != Proto.UNIX && !families.contains(e.family())) {
            return false;
        }
        if (listening && !isListening(e)) {
            return false;
        }
        if (anyPort != null && !(anyPort.contains(e.localPort()) || anyPort.contains(e.remotePort()))) {
            return false;
        }
        if (localPort != null && !localPort.contains(e.localPort())) {
            return false;
        }
        if (remotePort != null && !remotePort.contains(e.remotePort())) {
            return false;
        }
        if (states != null && !states.contains(e.state())) {
            return false;
        }
        if (pids != null && !heldByAny(row, pids)) {
            return false;
        }
        // indexed loops: an iterator per row is garbage at 100,000 rows (C1 keeps it on the heap)
        for (int i = 0; i < processTexts.size(); i++) {
            if (!processMatches(row, processTexts.get(i))) {
                return false;
            }
        }
        if (!users.isEmpty() && !userMatches(row)) {
            return false;
        }
        if (anyAddress != null
                && !(e.proto().isInet()
                        && (anyAddress.contains(e.localAddress()) || anyAddress.contains(e.remoteAddress())))) {
            return false;
        }
        if (localAddress != null && !(e.proto().isInet() && localAddress.contains(e.localAddress()))) {
            return false;
        }
        if (remoteAddress != null && !(e.proto().isInet() && remoteAddress.contains(e.remoteAddress()))) {
            return false;
        }
        if (!ifaces.isEmpty() && !ifaceMatches(e)) {
            return false;
        }
        if (exposed && (e.proto() == Proto.UNIX || Exposure.of(e) == Exposure.LOOPBACK)) {
            return false;
        }
        for (int i = 0; i < anyTexts.size(); i++) {
            if (!anyColumnMatches(row, anyTexts.get(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean ifaceMatches(SocketEntry e) {
        for (Iface i : ifaces) {
            if (i.name().equals(e.details().iface()) || i.addresses().contains(e.localAddress())) {
                return true;
            }
        }
        return false;
    }

    /** A bare word of the live filter: address, port, service, state, process, command, user (any case). */
    private boolean anyColumnMatches(SocketRow row, String lower) {
        SocketEntry e = row.entry();
        if (containsIgnoreCase(e.localAddress().text(), lower)
                || containsIgnoreCase(e.remoteAddress().text(), lower)) {
            return true;
        }
        if (e.proto().isInet()
                && (Integer.toString(e.localPort()).equals(lower)
                        || Integer.toString(e.remotePort()).equals(lower))) {
            return true;
        }
        if (containsIgnoreCase(e.state().name(), lower)
                || containsIgnoreCase(e.proto().label(), lower)) {
            return true;
        }
        if (serviceText != null) {
            String svc = serviceText.apply(row);
            if (svc != null && containsIgnoreCase(svc, lower)) {
                return true;
            }
        }
        if (row.user() != null && containsIgnoreCase(row.user(), lower)) {
            return true;
        }
        return processMatches(row, lower);
    }

    /**
     * Listening in the sense of {@code ss -l}: sockets in LISTEN (TCP, unix stream) and
     * sockets not connected to a peer (UDP, raw, unix datagram: UNCONN).
     */
    public static boolean isListening(SocketEntry e) {
        return e.state() == State.LISTEN || e.state() == State.UNCONN;
    }

    private static boolean heldByAny(SocketRow row, int[] pids) {
        for (Holder h : row.holders()) {
            for (int p : pids) {
                if (h.pid() == p) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean processMatches(SocketRow row, String lowerText) {
        for (Holder h : row.holders()) {
            if (containsIgnoreCase(h.process(), lowerText) || containsIgnoreCase(h.command(), lowerText)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The socket's owner or any holder's user, as {@code lsof -a -u} does: the listeners a root
     * master created and its www-data workers hold are found by {@code --user www-data}.
     */
    private boolean userMatches(SocketRow row) {
        for (String u : users) {
            if (u.equals(row.user()) || u.equals(Integer.toString(row.entry().uid()))) {
                return true;
            }
            for (Holder h : row.holders()) {
                if (u.equals(h.user()) || (h.uid() != SocketEntry.UNKNOWN && u.equals(Integer.toString(h.uid())))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the filter selects by owner (pid, process, user): hidden owners can explain an empty result. */
    public boolean selectsByOwner() {
        return pids != null || !processTexts.isEmpty() || !users.isEmpty();
    }

    /**
     * An interface as {@code --interface} matches it: its name (a socket bound to the device) and
     * its addresses (a socket bound to one of them).
     */
    public record Iface(String name, Set<Address> addresses) {
        public Iface {
            addresses = Set.copyOf(addresses);
        }
    }

    static boolean containsIgnoreCase(String haystack, String lowerNeedle) {
        if (lowerNeedle.isEmpty()) {
            return true;
        }
        return haystack.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    /** The protocols this filter can match, or null for any: lets a source skip whole tables. */
    public Set<Proto> protos() {
        return protos == null ? null : EnumSet.copyOf(protos);
    }

    /** The families this filter can match, or null for any. */
    public Set<Family> families() {
        return families == null ? null : EnumSet.copyOf(families);
    }

    /** The criteria as filter words ({@code port:80 state:LISTEN}); empty when none. */
    @Override
    public String toString() {
        return description;
    }

    /** Collects criteria; setting the same list criterion twice OR-s the lists. */
    public static final class Builder {
        private Set<Proto> protos;
        private Set<Family> families;
        private boolean listening;
        private PortSet anyPort;
        private PortSet localPort;
        private PortSet remotePort;
        private List<Integer> pids;
        private final List<String> processTexts = new ArrayList<>();
        private Set<State> states;
        private final List<String> users = new ArrayList<>();
        private AddressSet anyAddress;
        private AddressSet localAddress;
        private AddressSet remoteAddress;
        private final List<Iface> ifaces = new ArrayList<>();
        private boolean exposed;
        private final List<String> anyTexts = new ArrayList<>();
        private java.util.function.Function<SocketRow, String> serviceText;

        public Builder anyAddress(AddressSet a) {
            anyAddress = anyAddress == null ? a : anyAddress.or(a);
            return this;
        }

        public Builder localAddress(AddressSet a) {
            localAddress = localAddress == null ? a : localAddress.or(a);
            return this;
        }

        public Builder remoteAddress(AddressSet a) {
            remoteAddress = remoteAddress == null ? a : remoteAddress.or(a);
            return this;
        }

        /** Adds an interface (OR-ed with earlier ones). */
        public Builder iface(Iface i) {
            ifaces.add(i);
            return this;
        }

        public Builder exposed(boolean on) {
            exposed = on;
            return this;
        }

        /**
         * Adds a bare word that must match some column (address, port, service, state, process,
         * command, user), any case; {@code services} gives a row's service text, or null.
         */
        public Builder anyText(String text, java.util.function.Function<SocketRow, String> services) {
            anyTexts.add(text.toLowerCase(Locale.ROOT));
            serviceText = services;
            return this;
        }

        public Builder protos(Set<Proto> p) {
            protos = EnumSet.copyOf(p);
            return this;
        }

        public Builder families(Set<Family> f) {
            families = EnumSet.copyOf(f);
            return this;
        }

        public Builder listening(boolean on) {
            listening = on;
            return this;
        }

        public Builder anyPort(PortSet p) {
            anyPort = anyPort == null ? p : anyPort.or(p);
            return this;
        }

        public Builder localPort(PortSet p) {
            localPort = localPort == null ? p : localPort.or(p);
            return this;
        }

        public Builder remotePort(PortSet p) {
            remotePort = remotePort == null ? p : remotePort.or(p);
            return this;
        }

        public Builder pids(List<Integer> p) {
            if (pids == null) {
                pids = new ArrayList<>();
            }
            pids.addAll(p);
            return this;
        }

        /** Adds a process text; several texts must all match (like search terms). */
        public Builder process(String text) {
            processTexts.add(text.toLowerCase(Locale.ROOT));
            return this;
        }

        public Builder states(Set<State> s) {
            if (states == null) {
                states = EnumSet.copyOf(s);
            } else {
                states.addAll(s);
            }
            return this;
        }

        /** Adds a user name or uid (OR-ed with earlier ones). */
        public Builder user(String nameOrUid) {
            users.add(nameOrUid);
            return this;
        }

        public Filter build() {
            return new Filter(this);
        }

        String describe() {
            StringBuilder b = new StringBuilder();
            if (protos != null) {
                for (Proto p : protos) {
                    word(b, "proto", p.label());
                }
            }
            if (families != null) {
                for (Family f : families) {
                    word(b, "family", f.label());
                }
            }
            if (listening) {
                word(b, "listening", null);
            }
            if (anyPort != null) {
                word(b, "port", anyPort.toString());
            }
            if (localPort != null) {
                word(b, "lport", localPort.toString());
            }
            if (remotePort != null) {
                word(b, "rport", remotePort.toString());
            }
            if (pids != null) {
                StringBuilder list = new StringBuilder();
                for (Integer p : pids) {
                    list.append(list.length() == 0 ? "" : ",").append(p);
                }
                word(b, "pid", list.toString());
            }
            if (states != null) {
                StringBuilder list = new StringBuilder();
                for (State s : states) {
                    list.append(list.length() == 0 ? "" : ",").append(s.name());
                }
                word(b, "state", list.toString());
            }
            for (String u : users) {
                word(b, "user", u);
            }
            for (String t : processTexts) {
                word(b, "process", t);
            }
            if (anyAddress != null) {
                word(b, "addr", anyAddress.toString());
            }
            if (localAddress != null) {
                word(b, "laddr", localAddress.toString());
            }
            if (remoteAddress != null) {
                word(b, "raddr", remoteAddress.toString());
            }
            for (Iface i : ifaces) {
                word(b, "iface", i.name());
            }
            if (exposed) {
                word(b, "exposed", null);
            }
            for (String t : anyTexts) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(t);
            }
            return b.toString();
        }

        private static void word(StringBuilder b, String key, String value) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(key);
            if (value != null) {
                b.append(':').append(value);
            }
        }
    }
}
