package dev.sockscope.query;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.service.Cgroups;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.service.ShownService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
     * remote endpoint, inode; stable. Each row's keys are worked out once into numbers that
     * compare as the values do (an IPv4 address is its number; IPv6 addresses, unix paths and
     * texts are ranked among the distinct ones present), and a merge sort of row indices compares
     * those numbers alone: no comparator object, no call per comparison into the rows, which
     * matters at 100k rows.
     */
    public void sort(List<SocketRow> rows, ServiceRegistry services, boolean reversed) {
        int n = rows.size();
        if (n < 2) {
            return;
        }
        SocketRow[] in = rows.toArray(new SocketRow[0]);
        // per row, width longs side by side: the key (but for the protocol, unreversed: the first
        // tie-breaker begins with it), TIMER's number, then the three tie-breakers
        boolean keyed = this != PROTO || reversed;
        int width = 3 + (keyed ? 1 : 0) + (this == TIMER ? 1 : 0);
        long[] keys = new long[n * width];
        Ranks addresses = new Ranks();
        int[] localAt = new int[n];
        int[] remoteAt = new int[n];
        for (int i = 0; i < n; i++) {
            SocketEntry e = in[i].entry();
            localAt[i] = addresses.slot(e.localAddress());
            remoteAt[i] = addresses.slot(e.remoteAddress());
        }
        long[] addressRank = addresses.ranks(ADDRESS_ORDER);
        Ranks texts = hasText() ? new Ranks() : null;
        int[] textAt = texts == null ? null : new int[n];
        if (texts != null) {
            for (int i = 0; i < n; i++) {
                textAt[i] = texts.slot(text(in[i], this, services));
            }
        }
        long[] textRank = texts == null ? null : texts.ranks(TEXT_ORDER);
        for (int i = 0, k = 0; i < n; i++) {
            SocketEntry e = in[i].entry();
            // a port in 17 bits, after its address: -1 (no port, unix) below 0
            long local = addressKey(e.localAddress(), addressRank, localAt[i]) << 17 | (e.localPort() + 1);
            long remote = addressKey(e.remoteAddress(), addressRank, remoteAt[i]) << 17 | (e.remotePort() + 1);
            long protoRank = e.proto().ordinal() * 4L + e.family().ordinal();
            long primary;
            long second = 0;
            switch (this) {
                case PROTO:
                    primary = protoRank;
                    break;
                case LOCAL:
                    primary = local;
                    break;
                case REMOTE:
                    primary = remote;
                    break;
                case TIMER:
                    primary = textKey(textRank, textAt[i]);
                    second = number(in[i], this);
                    break;
                default:
                    primary = textRank != null ? textKey(textRank, textAt[i]) : number(in[i], this);
            }
            // reversed: the key turned around (~ reverses a long's order), the tie-breakers not
            if (keyed) {
                keys[k++] = reversed ? ~primary : primary;
            }
            if (this == TIMER) {
                keys[k++] = reversed ? ~second : second;
            }
            keys[k++] = protoRank << 51 | local;
            keys[k++] = remote;
            keys[k++] = e.inode();
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        order = mergeSort(order, keys, width);
        for (int i = 0; i < n; i++) {
            rows.set(i, in[order[i]]);
        }
    }

    private static final Comparator<Object> ADDRESS_ORDER = new AddressOrder();
    /** Case-insensitive; null (no value) is never ranked: it sorts last. */
    private static final Comparator<Object> TEXT_ORDER = new TextOrder();

    // named classes, not lambdas: a lambda's class is spun at run time, at a snapshot's start
    private static final class AddressOrder implements Comparator<Object> {
        @Override
        public int compare(Object a, Object b) {
            return ((Address) a).compareTo((Address) b);
        }
    }

    private static final class TextOrder implements Comparator<Object> {
        @Override
        public int compare(Object a, Object b) {
            return String.CASE_INSENSITIVE_ORDER.compare((String) a, (String) b);
        }
    }

    /** Whether this key's primary value is a text ({@link #text}); TIMER's is its kind. */
    private boolean hasText() {
        switch (this) {
            case PROTO:
            case LOCAL:
            case REMOTE:
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
                return false;
            default:
                return true;
        }
    }

    /** A text's rank; {@link Long#MAX_VALUE} (last) for no text, slot -1. */
    private static long textKey(long[] rank, int slot) {
        return slot < 0 ? Long.MAX_VALUE : rank[slot];
    }

    /**
     * An address as a number below 2^34 that orders as {@link Address#compareTo}: its family,
     * then within the family an IPv4 address's own 32 bits, or else its rank.
     */
    private static long addressKey(Address a, long[] rank, int slot) {
        return (long) a.family().ordinal() << 32 | (a.family() == Family.IPV4 ? a.low() : rank[slot]);
    }

    /**
     * The distinct values of one kind in a sort, each given a slot as met, then ranked: equal
     * values (by the order given, e.g. case-insensitively) share a rank. IPv4 addresses and null
     * need no rank: their slot is -1 and their key is made without one.
     */
    private static final class Ranks {
        private final Map<Object, Integer> slots = new HashMap<>();
        private final List<Object> values = new ArrayList<>();
        private Object last;
        private int lastSlot = -1;

        int slot(Object v) {
            if (v == null || (v instanceof Address && ((Address) v).family() == Family.IPV4)) {
                return -1;
            }
            if (v == last) {
                return lastSlot; // rows in a run often share one value
            }
            Integer s = slots.get(v);
            if (s == null) {
                s = values.size();
                slots.put(v, s);
                values.add(v);
            }
            last = v;
            lastSlot = s;
            return s;
        }

        /** By slot, the value's rank in {@code order}. */
        long[] ranks(Comparator<Object> order) {
            Object[] sorted = values.toArray();
            Arrays.sort(sorted, order);
            long[] rank = new long[sorted.length];
            long r = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i > 0 && order.compare(sorted[i - 1], sorted[i]) != 0) {
                    r++;
                }
                rank[slots.get(sorted[i])] = r;
            }
            return rank;
        }
    }

    /**
     * A stable bottom-up merge sort of row indices by their {@code width} longs, compared in
     * order; runs of 16 are sorted by insertion first. Returns the sorted array (the input or
     * its scratch twin).
     */
    private static int[] mergeSort(int[] a, long[] keys, int width) {
        int n = a.length;
        for (int lo = 0; lo < n; lo += RUN) {
            int hi = Math.min(lo + RUN, n);
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= lo && before(keys, width, v, a[j])) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
        }
        int[] from = a;
        int[] to = new int[n];
        for (int run = RUN; run < n; run *= 2) {
            for (int lo = 0; lo < n; lo += 2 * run) {
                int mid = Math.min(lo + run, n);
                int hi = Math.min(lo + 2 * run, n);
                int i = lo;
                int j = mid;
                int k = lo;
                if (mid == hi || !before(keys, width, from[mid], from[mid - 1])) {
                    System.arraycopy(from, lo, to, lo, hi - lo); // already in order
                    continue;
                }
                while (i < mid && j < hi) {
                    to[k++] = before(keys, width, from[j], from[i]) ? from[j++] : from[i++];
                }
                System.arraycopy(from, i, to, k, mid - i);
                System.arraycopy(from, j, to, k + mid - i, hi - j);
            }
            int[] t = from;
            from = to;
            to = t;
        }
        return from;
    }

    private static final int RUN = 16;

    /** Whether row {@code x} sorts strictly before row {@code y}. */
    private static boolean before(long[] keys, int width, int x, int y) {
        int a = x * width;
        int b = y * width;
        for (int k = 0; k < width; k++) {
            long p = keys[a + k];
            long q = keys[b + k];
            if (p != q) {
                return p < q;
            }
        }
        return false;
    }

    /** The row's text for a text key (null: no value, sorts last); null for other keys. */
    static String text(SocketRow row, SortKey key, ServiceRegistry services) {
        SocketEntry e = row.entry();
        Holder owner = row.owner();
        switch (key) {
            case STATE:
                return e.state().name();
            case PROCESS:
                return owner == null ? null : owner.process();
            case SERVICE:
                return ShownService.of(e, services);
            case USER:
                return row.user();
            case TIMER:
                return e.details().timer() == null ? null : e.details().timer().kind();
            case EXPOSURE:
                Exposure x = Exposure.of(e);
                return x == null ? null : x.label();
            case IFACE:
                return e.details().iface();
            case UNIT:
                return Cgroups.unit(cgroupOf(row));
            case CONTAINER:
                return Cgroups.container(cgroupOf(row));
            case CGROUP:
                return cgroupOf(row);
            case NETNS:
                return e.details().netns();
            case COMMAND:
                return owner == null ? null : owner.command();
            case FAMILY:
                return e.family().label();
            case UNIXTYPE:
                return e.details().unixType() == null
                        ? null
                        : e.details().unixType().label();
            default:
                return null;
        }
    }

    /** The numeric key, or {@link Long#MAX_VALUE} (sorts last) when the row has none. */
    static long number(SocketRow row, SortKey key) {
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
                return e.details().timer() == null ? none : e.details().timer().remainingMs();
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

    /** The socket's cgroup, else its first holder's; null when neither is known. */
    static String cgroupOf(SocketRow row) {
        return row.entry().details().cgroup();
    }
}
