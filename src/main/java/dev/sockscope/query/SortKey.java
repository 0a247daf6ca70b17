package dev.sockscope.query;

import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.service.ServiceRegistry;
import java.util.Comparator;
import java.util.Locale;

/**
 * Sort orders, one per table column. Every order ends with the same tie-breakers (protocol,
 * local endpoint, remote endpoint, inode) so a sort is total and stable across refreshes.
 * Rows without a value (no owner, no service) sort last.
 */
public enum SortKey {
    PROTO("proto"), LOCAL("local"), REMOTE("remote"), STATE("state"), PID("pid"),
    PROCESS("process"), SERVICE("service"), USER("user");

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

    /** The next key, wrapping around (the live view's {@code s}). */
    public SortKey next() {
        return values()[(ordinal() + 1) % values().length];
    }

    /** A total order: this key first, then protocol, local, remote endpoint, inode. */
    public Comparator<SocketRow> comparator(ServiceRegistry services, boolean reversed) {
        Comparator<SocketRow> first = primary(services);
        if (reversed) {
            first = first.reversed();
        }
        return first.thenComparing(TIE_BREAK);
    }

    private Comparator<SocketRow> primary(ServiceRegistry services) {
        switch (this) {
            case PROTO: return Comparator.comparingInt(r -> protoRank(r.entry()));
            case LOCAL: return SortKey::compareLocal;
            case REMOTE: return SortKey::compareRemote;
            case STATE: return Comparator.comparing(r -> r.entry().state().name());
            case PID: return Comparator.comparingLong(r -> r.owner() == null ? Long.MAX_VALUE : r.owner().pid());
            case PROCESS: return Comparator.comparing(SortKey::processOf, NULLS_LAST);
            case SERVICE: return Comparator.comparing(r -> serviceOf(r, services), NULLS_LAST);
            case USER: return Comparator.comparing(SocketRow::user, NULLS_LAST);
            default: throw new AssertionError(this);
        }
    }

    private static final Comparator<String> NULLS_LAST =
            Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER);

    private static final Comparator<SocketRow> TIE_BREAK =
            Comparator.<SocketRow>comparingInt(r -> protoRank(r.entry()))
                    .thenComparing(SortKey::compareLocal)
                    .thenComparing(SortKey::compareRemote)
                    .thenComparingLong(r -> r.entry().inode());

    private static int protoRank(SocketEntry e) {
        return e.proto().ordinal() * 4 + e.family().ordinal();
    }

    private static String processOf(SocketRow r) {
        Holder h = r.owner();
        return h == null ? null : h.process();
    }

    private static String serviceOf(SocketRow r, ServiceRegistry services) {
        SocketEntry e = r.entry();
        if (services == null || !e.proto().isInet()) {
            return null;
        }
        String local = services.name(e.proto(), e.localPort());
        return local != null ? local : services.name(e.proto(), e.remotePort());
    }

    static int compareLocal(SocketRow a, SocketRow b) {
        int c = compareAddress(a.entry().localAddress(), b.entry().localAddress());
        return c != 0 ? c : Integer.compare(a.entry().localPort(), b.entry().localPort());
    }

    static int compareRemote(SocketRow a, SocketRow b) {
        int c = compareAddress(a.entry().remoteAddress(), b.entry().remoteAddress());
        return c != 0 ? c : Integer.compare(a.entry().remotePort(), b.entry().remotePort());
    }

    /** Dotted quads numerically, before IPv6 and unix text, which compare as text. */
    static int compareAddress(String a, String b) {
        long va = ipv4Value(a);
        long vb = ipv4Value(b);
        if (va >= 0 && vb >= 0) {
            return Long.compare(va, vb);
        }
        if (va >= 0 || vb >= 0) {
            return va >= 0 ? -1 : 1;
        }
        return a.compareTo(b);
    }

    /** The value of a dotted quad, or -1 when the text is not one. */
    static long ipv4Value(String s) {
        long value = 0;
        int octet = 0;
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                octet = octet * 10 + (c - '0');
                if (++digits > 3 || octet > 255) {
                    return -1;
                }
            } else if (c == '.' && digits > 0 && dots < 3) {
                value = (value << 8) | octet;
                octet = 0;
                digits = 0;
                dots++;
            } else {
                return -1;
            }
        }
        return dots == 3 && digits > 0 ? (value << 8) | octet : -1;
    }
}
