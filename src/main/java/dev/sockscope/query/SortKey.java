package dev.sockscope.query;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.service.Cgroups;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.service.ShownService;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Sort orders, one per table column. Every order ends with the same tie-breakers (protocol,
 * local endpoint, remote endpoint, inode) so a sort is total and stable across refreshes.
 * Rows without a value (no owner, no service) sort last.
 */
public enum SortKey {
    PROTO("proto"),
    LOCAL("local"),
    REMOTE("remote"),
    STATE("state"),
    PID("pid"),
    PROCESS("process"),
    SERVICE("service"),
    USER("user"),
    UID("uid"),
    INODE("inode"),
    RECVQ("recvq"),
    SENDQ("sendq"),
    TIMER("timer"),
    EXPOSURE("exposure"),
    IFACE("iface"),
    RTT("rtt"),
    RETRANS("retrans"),
    TX("tx"),
    RX("rx"),
    UNIT("unit"),
    CONTAINER("container"),
    CGROUP("cgroup"),
    NETNS("netns"),
    COMMAND("command"),
    FAMILY("family"),
    UNIXTYPE("unixtype"),
    PEERINODE("peerinode");

    private final String label;

    SortKey(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The key named {@code word} (any case), or null. */
    public static SortKey parse(String word) {
        String w = word.trim().toLowerCase(Locale.ROOT);
        for (SortKey k : values()) {
            if (k.label.equals(w)) {
                return k;
            }
        }
        return null;
    }

    /**
     * Sorts rows in place: this key first (reversed when asked), then protocol, local endpoint,
     * remote endpoint, inode. Keys are computed once per row, not once per comparison, which
     * matters at 100k rows; addresses compare as the numbers they are ({@link Address}).
     */
    public void sort(List<SocketRow> rows, ServiceRegistry services, boolean reversed) {
        Keyed[] keyed = new Keyed[rows.size()];
        for (int i = 0; i < keyed.length; i++) {
            keyed[i] = new Keyed(rows.get(i), this, services);
        }
        Arrays.sort(keyed, new Order(this, reversed));
        for (int i = 0; i < keyed.length; i++) {
            rows.set(i, keyed[i].row);
        }
    }

    /**
     * The order of {@link #sort}, as one class rather than composed {@code Comparator}s: those
     * make the JDK spin lambda classes at run time, several milliseconds of a snapshot's
     * start-up that no class-data archive holds.
     */
    private static final class Order implements Comparator<Keyed> {
        private final SortKey key;
        private final int sign;

        Order(SortKey key, boolean reversed) {
            this.key = key;
            this.sign = reversed ? -1 : 1;
        }

        @Override
        public int compare(Keyed a, Keyed b) {
            int c = sign * primary(a, b);
            return c != 0 ? c : a.compareTieBreak(b);
        }

        private int primary(Keyed a, Keyed b) {
            switch (key) {
                case PROTO:
                    return Integer.compare(a.protoRank, b.protoRank);
                case LOCAL:
                    return a.compareLocal(b);
                case REMOTE:
                    return a.compareRemote(b);
                case PID:
                case UID:
                case INODE:
                case RECVQ:
                case SENDQ:
                case RTT:
                case RETRANS:
                case TX:
                case RX:
                case PEERINODE:
                    return Long.compare(a.number, b.number);
                case TIMER:
                    int c = compareText(a.text, b.text);
                    return c != 0 ? c : Long.compare(a.number, b.number);
                default:
                    return compareText(a.text, b.text);
            }
        }

        /** Case-insensitive, null (no value) last. */
        private static int compareText(String a, String b) {
            if (a == null || b == null) {
                return a == null ? (b == null ? 0 : 1) : -1;
            }
            return String.CASE_INSENSITIVE_ORDER.compare(a, b);
        }
    }

    /** A row with its sort keys worked out once. */
    private static final class Keyed {
        final SocketRow row;
        final int protoRank;
        final String text;
        final long number;
        /**
         * For an IPv4 row, the tie-breakers packed in two numbers that compare in the same
         * order: protocol rank, local address and port; remote address and port. -1 otherwise.
         */
        final long packedLocal;

        final long packedRemote;

        Keyed(SocketRow row, SortKey key, ServiceRegistry services) {
            this.row = row;
            SocketEntry e = row.entry();
            protoRank = e.proto().ordinal() * 4 + e.family().ordinal();
            boolean packable = e.family() == Family.IPV4;
            packedLocal = packable ? (long) protoRank << 48 | e.localAddress().low() << 16 | e.localPort() : -1;
            packedRemote = packable ? e.remoteAddress().low() << 16 | e.remotePort() : -1;
            Holder owner = row.owner();
            number = number(row, key);
            switch (key) {
                case STATE:
                    text = e.state().name();
                    break;
                case PROCESS:
                    text = owner == null ? null : owner.process();
                    break;
                case SERVICE:
                    text = ShownService.of(e, services);
                    break;
                case USER:
                    text = row.user();
                    break;
                case TIMER:
                    text = e.details().timer() == null
                            ? null
                            : e.details().timer().kind();
                    break;
                case EXPOSURE:
                    Exposure x = Exposure.of(e);
                    text = x == null ? null : x.label();
                    break;
                case IFACE:
                    text = e.details().iface();
                    break;
                case UNIT:
                    text = Cgroups.unit(cgroupOf(row));
                    break;
                case CONTAINER:
                    text = Cgroups.container(cgroupOf(row));
                    break;
                case CGROUP:
                    text = cgroupOf(row);
                    break;
                case NETNS:
                    text = e.details().netns();
                    break;
                case COMMAND:
                    text = owner == null ? null : owner.command();
                    break;
                case FAMILY:
                    text = e.family().label();
                    break;
                case UNIXTYPE:
                    text = e.details().unixType() == null
                            ? null
                            : e.details().unixType().label();
                    break;
                default:
                    text = null;
            }
        }

        /** The numeric key, or {@link Long#MAX_VALUE} (sorts last) when the row has none. */
        private static long number(SocketRow row, SortKey key) {
            SocketEntry e = row.entry();
            Holder owner = row.owner();
            long none = Long.MAX_VALUE;
            switch (key) {
                case PID:
                    return owner == null ? none : owner.pid();
                case UID:
                    return e.uid() == SocketEntry.UNKNOWN ? none : e.uid();
                case INODE:
                    return e.inode() == SocketEntry.UNKNOWN ? none : e.inode();
                case RECVQ:
                    return e.recvQ() == SocketEntry.UNKNOWN ? none : e.recvQ();
                case SENDQ:
                    return e.sendQ() == SocketEntry.UNKNOWN ? none : e.sendQ();
                case TIMER:
                    return e.details().timer() == null
                            ? none
                            : e.details().timer().remainingMs();
                case RTT:
                    return e.details().tcp() == null
                            ? none
                            : Math.round(e.details().tcp().rttMs() * 1000);
                case RETRANS:
                    return e.details().tcp() == null ? none : e.details().tcp().retrans();
                case TX:
                    return row.rates() == null ? none : Math.round(row.rates().sendPerSecond());
                case RX:
                    return row.rates() == null ? none : Math.round(row.rates().receivePerSecond());
                case PEERINODE:
                    return e.details().peerInode() <= 0 ? none : e.details().peerInode();
                default:
                    return none;
            }
        }

        int compareLocal(Keyed o) {
            int c = row.entry().localAddress().compareTo(o.row.entry().localAddress());
            return c != 0
                    ? c
                    : Integer.compare(row.entry().localPort(), o.row.entry().localPort());
        }

        int compareRemote(Keyed o) {
            int c = row.entry().remoteAddress().compareTo(o.row.entry().remoteAddress());
            return c != 0
                    ? c
                    : Integer.compare(row.entry().remotePort(), o.row.entry().remotePort());
        }

        int compareTieBreak(Keyed o) {
            if (packedLocal >= 0 && o.packedLocal >= 0) {
                int c = Long.compare(packedLocal, o.packedLocal);
                if (c == 0) {
                    c = Long.compare(packedRemote, o.packedRemote);
                }
                return c != 0
                        ? c
                        : Long.compare(row.entry().inode(), o.row.entry().inode());
            }
            int c = Integer.compare(protoRank, o.protoRank);
            if (c == 0) {
                c = compareLocal(o);
            }
            if (c == 0) {
                c = compareRemote(o);
            }
            return c != 0 ? c : Long.compare(row.entry().inode(), o.row.entry().inode());
        }
    }

    /** The socket's cgroup, else its first holder's; null when neither is known. */
    static String cgroupOf(SocketRow row) {
        return row.entry().details().cgroup();
    }
}
