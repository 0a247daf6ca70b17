package dev.sockscope.view;

import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.query.Exposure;
import dev.sockscope.query.SortKey;
import dev.sockscope.service.Cgroups;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.service.ShownService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A column of the human table, defined once: its key (for {@code --columns}, {@code --sort}
 * and the live view's chooser), its title, the least width it is cut to, how it is cut, whether
 * it aligns right, how its text is made from a row, and the sort order it stands for. The
 * {@code --list} table and the live view both draw from this list.
 *
 * <p>Every text made here is sanitized: strings from the system pass {@link Sanitizer#clean}.
 */
public enum Column {
    PROTO("proto", "Proto", 4, Align.LEFT, Cutting.END, SortKey.PROTO),
    LOCAL("local", "Local Address", "Local", 12, Align.LEFT, Cutting.ENDPOINT, SortKey.LOCAL),
    REMOTE("remote", "Foreign Address", "Foreign", 10, Align.LEFT, Cutting.ENDPOINT, SortKey.REMOTE),
    STATE("state", "State", 5, Align.LEFT, Cutting.END, SortKey.STATE),
    OWNER("owner", "PID/Program", "PID/Prog", 8, Align.LEFT, Cutting.END, SortKey.PID),
    SERVICE("service", "Service", 4, Align.LEFT, Cutting.END, SortKey.SERVICE),
    USER("user", "User", 4, Align.LEFT, Cutting.MIDDLE, SortKey.USER),
    UID("uid", "UID", 3, Align.RIGHT, Cutting.END, SortKey.UID),
    INODE("inode", "Inode", 5, Align.RIGHT, Cutting.END, SortKey.INODE),
    RECVQ("recvq", "Recv-Q", 6, Align.RIGHT, Cutting.END, SortKey.RECVQ),
    SENDQ("sendq", "Send-Q", 6, Align.RIGHT, Cutting.END, SortKey.SENDQ),
    TIMER("timer", "Timer", 5, Align.LEFT, Cutting.END, SortKey.TIMER),
    EXPOSURE("exposure", "Exposure", 4, Align.LEFT, Cutting.END, SortKey.EXPOSURE),
    IFACE("iface", "Iface", 4, Align.LEFT, Cutting.MIDDLE, SortKey.IFACE),
    RTT("rtt", "RTT ms", 6, Align.RIGHT, Cutting.END, SortKey.RTT),
    RETRANS("retrans", "Retrans", 7, Align.RIGHT, Cutting.END, SortKey.RETRANS),
    TX("tx", "Send/s", 6, Align.RIGHT, Cutting.END, SortKey.TX),
    RX("rx", "Recv/s", 6, Align.RIGHT, Cutting.END, SortKey.RX),
    UNIT("unit", "Unit", 4, Align.LEFT, Cutting.MIDDLE, SortKey.UNIT),
    CONTAINER("container", "Container", 9, Align.LEFT, Cutting.MIDDLE, SortKey.CONTAINER),
    CGROUP("cgroup", "Cgroup", 6, Align.LEFT, Cutting.MIDDLE, SortKey.CGROUP),
    NETNS("netns", "Netns", 5, Align.LEFT, Cutting.MIDDLE, SortKey.NETNS),
    PID("pid", "PID", 3, Align.RIGHT, Cutting.END, SortKey.PID),
    PROCESS("process", "Program", 7, Align.LEFT, Cutting.MIDDLE, SortKey.PROCESS),
    COMMAND("command", "Command", 7, Align.LEFT, Cutting.END, SortKey.COMMAND),
    FAMILY("family", "Family", 4, Align.LEFT, Cutting.END, SortKey.FAMILY),
    UNIXTYPE("unixtype", "Type", 4, Align.LEFT, Cutting.END, SortKey.UNIXTYPE),
    /** A unix socket's other end: its inode, as {@code ss -x} shows it. */
    PEERINODE("peerinode", "Peer Inode", "PeerIno", 5, Align.RIGHT, Cutting.END, SortKey.PEERINODE),
    /** Who holds a unix socket's other end, as PID/Program shows this end's holder. */
    PEER("peer", "Peer", 4, Align.LEFT, Cutting.END, SortKey.PEERINODE);

    /** The netstat {@code -ano} columns plus Service: what the table shows by default. */
    public static final List<Column> DEFAULT = List.of(PROTO, LOCAL, REMOTE, STATE, OWNER, SERVICE);

    /**
     * The columns a table starts from: {@link #DEFAULT}, without Service with {@code -n}, with
     * Peer after PID/Program when asked ({@code -x} alone), Netns first with {@code --netns}.
     */
    public static List<Column> defaults(boolean numeric, boolean unix, boolean netns) {
        List<Column> out = new ArrayList<>(DEFAULT);
        if (numeric) {
            out.remove(SERVICE);
        }
        if (unix) {
            out.add(out.indexOf(OWNER) + 1, PEER);
        }
        if (netns) {
            out.add(0, NETNS);
        }
        return out;
    }

    /** The columns {@code -e} adds after the state, as {@code netstat -e} shows them. */
    public static final List<Column> EXTENDED = List.of(USER, INODE, RECVQ, SENDQ);

    /**
     * Whether showing or ordering by these columns needs TCP's {@code tcp_info} (rtt,
     * retransmits, the byte counts behind the rates): a read for none of them leaves it out.
     */
    public static boolean needTcpInfo(List<Column> shown, SortKey sort) {
        for (Column c : shown) {
            if (c.fromTcpInfo()) {
                return true;
            }
        }
        return sort == SortKey.RTT || sort == SortKey.RETRANS || sort == SortKey.TX || sort == SortKey.RX;
    }

    /** Whether showing or ordering by these columns needs the sockets' cgroup paths. */
    public static boolean needCgroups(List<Column> shown, SortKey sort) {
        for (Column c : shown) {
            if (c == UNIT || c == CONTAINER || c == CGROUP) {
                return true;
            }
        }
        return sort == SortKey.UNIT || sort == SortKey.CONTAINER || sort == SortKey.CGROUP;
    }

    private boolean fromTcpInfo() {
        return this == RTT || this == RETRANS || this == TX || this == RX;
    }

    public enum Align {
        LEFT,
        RIGHT
    }

    /** Where a cell too wide for its column loses its text. */
    public enum Cutting {
        /** At the end. */
        END,
        /** In the middle, keeping head and tail. */
        MIDDLE,
        /** In the middle of the address, keeping the port. */
        ENDPOINT
    }

    private final String key;
    private final String title;
    private final String shortTitle;
    private final int min;
    private final Align align;
    private final Cutting cutting;
    private final SortKey sortKey;

    Column(String key, String title, int min, Align align, Cutting cutting, SortKey sortKey) {
        this(key, title, title, min, align, cutting, sortKey);
    }

    Column(String key, String title, String shortTitle, int min, Align align, Cutting cutting, SortKey sortKey) {
        this.key = key;
        this.title = title;
        this.shortTitle = shortTitle;
        this.min = min;
        this.align = align;
        this.cutting = cutting;
        this.sortKey = sortKey;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    /** The title on a terminal too narrow for {@link #title()}: {@code Local} for {@code Local Address}. */
    public String shortTitle() {
        return shortTitle;
    }

    /** The title that fits {@code cells}: the full one, else the short one. */
    public String title(int cells) {
        return Cut.cells(title) <= cells ? title : shortTitle;
    }

    /** The least cells the column is cut to on a narrow terminal. */
    public int min() {
        return min;
    }

    public Align align() {
        return align;
    }

    public Cutting cutting() {
        return cutting;
    }

    /** The order {@code --sort KEY} and the live view's {@code s} give this column. */
    public SortKey sortKey() {
        return sortKey;
    }

    /** The column with this key (any case), or null. */
    public static Column byKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (Column c : values()) {
            if (c.key.equals(k)) {
                return c;
            }
        }
        return null;
    }

    /** Every key, comma-separated, for messages and help. */
    public static String keys() {
        List<String> keys = new ArrayList<>();
        for (Column c : values()) {
            keys.add(c.key);
        }
        return String.join(",", keys);
    }

    /** The text fitted to {@code cells} by this column's rule. */
    public String cut(String text, int cells, Cut cut) {
        switch (cutting) {
            case ENDPOINT:
                return cut.endpoint(text, cells);
            case MIDDLE:
                return cut.middle(text, cells);
            default:
                return cut.end(text, cells);
        }
    }

    /**
     * What a cell needs besides its row: port names (null with {@code -n}), reverse DNS (null
     * for numeric addresses), and the per-table caches. Not thread-safe; one per table or
     * refresh.
     */
    public static final class Context {
        private final ServiceRegistry services;
        private final Function<String, String> resolver;
        private final Cells.PidPrograms pidPrograms = new Cells.PidPrograms();
        private Peers peers;
        // The last row's endpoints and their text: rows ordered by an endpoint come in runs that
        // share one (a listener's connections, a client's peer), and then share its string. The
        // text depends on the address, port, device and dual stack, and the protocol only for
        // unix (Cells.local, Cells.remote).
        private SocketEntry localOf;
        private String local;
        private SocketEntry remoteOf;
        private String remote;

        public Context(ServiceRegistry services, Function<String, String> resolver) {
            this.services = services;
            this.resolver = resolver;
        }

        /** Every row of the read, where a unix socket's peer is looked up; without it Peer is empty. */
        public Context peers(List<SocketRow> all) {
            peers = all == null ? null : Peers.of(all);
            return this;
        }

        public ServiceRegistry services() {
            return services;
        }

        /** {@link Cells#local}, the last row's string when this row's local end is the same. */
        String local(SocketEntry e) {
            SocketEntry last = localOf;
            if (last == null
                    || e.localPort() != last.localPort()
                    || (e.proto() == Proto.UNIX) != (last.proto() == Proto.UNIX)
                    || !e.localAddress().equals(last.localAddress())
                    || !Objects.equals(e.details().iface(), last.details().iface())
                    || !Objects.equals(e.details().dualStack(), last.details().dualStack())) {
                local = Cells.local(e);
                localOf = e;
            }
            return local;
        }

        /** {@link Cells#remote} shown numerically, the last row's string when this row's peer is the same. */
        String remote(SocketEntry e) {
            SocketEntry last = remoteOf;
            if (last == null
                    || e.remotePort() != last.remotePort()
                    || (e.proto() == Proto.UNIX) != (last.proto() == Proto.UNIX)
                    || e.hasWildcardPeer() != last.hasWildcardPeer()
                    || !e.remoteAddress().equals(last.remoteAddress())) {
                remote = Cells.remote(e, null);
                remoteOf = e;
            }
            return remote;
        }
    }

    /** The cell's text, sanitized; "" or {@code -} when the row has no value. */
    public String text(SocketRow row, Context ctx) {
        SocketEntry e = row.entry();
        Holder owner = row.owner();
        switch (this) {
            case PROTO:
                return Cells.proto(e);
            case LOCAL:
                return ctx.local(e);
            case REMOTE:
                String host = ctx.resolver != null && e.proto() != Proto.UNIX && !e.hasWildcardPeer()
                        ? ctx.resolver.apply(e.remoteAddress().text())
                        : null;
                return host == null ? ctx.remote(e) : Cells.remote(e, host);
            case STATE:
                return Cells.state(e);
            case OWNER:
                return ctx.pidPrograms.of(row);
            case SERVICE:
                String s = ShownService.of(e, ctx.services);
                return s == null ? "" : s;
            case USER:
                return row.user() == null ? Cells.NO_OWNER : Sanitizer.clean(row.user());
            case UID:
                return e.uid() == SocketEntry.UNKNOWN ? Cells.NO_OWNER : Integer.toString(e.uid());
            case INODE:
                return e.inode() == SocketEntry.UNKNOWN ? Cells.NO_OWNER : Long.toString(e.inode());
            case RECVQ:
                return e.recvQ() == SocketEntry.UNKNOWN ? Cells.NO_OWNER : Long.toString(e.recvQ());
            case SENDQ:
                return e.sendQ() == SocketEntry.UNKNOWN ? Cells.NO_OWNER : Long.toString(e.sendQ());
            case TIMER:
                return e.details().timer() == null
                        ? Cells.NO_OWNER
                        : e.details().timer().text();
            case EXPOSURE:
                Exposure x = Exposure.of(e);
                return x == null ? "" : x.label();
            case IFACE:
                return e.details().iface() == null
                        ? ""
                        : Sanitizer.clean(e.details().iface());
            case RTT:
                return e.details().tcp() == null
                        ? ""
                        : String.format(Locale.ROOT, "%.2f", e.details().tcp().rttMs());
            case RETRANS:
                return e.details().tcp() == null
                        ? ""
                        : Long.toString(e.details().tcp().retrans());
            case TX:
                return row.rates() == null ? "" : Cells.rate(row.rates().sendPerSecond());
            case RX:
                return row.rates() == null ? "" : Cells.rate(row.rates().receivePerSecond());
            case UNIT:
                return orEmpty(Cgroups.unit(e.details().cgroup()));
            case CONTAINER:
                return orEmpty(Cgroups.container(e.details().cgroup()));
            case CGROUP:
                return orEmpty(e.details().cgroup());
            case NETNS:
                return orEmpty(e.details().netns());
            case PID:
                return owner == null ? Cells.NO_OWNER : Integer.toString(owner.pid());
            case PROCESS:
                return owner == null ? Cells.NO_OWNER : Sanitizer.clean(owner.process());
            case COMMAND:
                return owner == null ? Cells.NO_OWNER : Sanitizer.clean(owner.command());
            case FAMILY:
                return e.family().label();
            case UNIXTYPE:
                return e.details().unixType() == null
                        ? ""
                        : e.details().unixType().label();
            case PEERINODE:
                return e.details().peerInode() <= 0
                        ? ""
                        : Long.toString(e.details().peerInode());
            case PEER:
                if (e.details().peerInode() <= 0) {
                    return "";
                }
                SocketRow peer = ctx.peers == null ? null : ctx.peers.of(row);
                return peer == null ? Cells.NO_OWNER : ctx.pidPrograms.of(peer);
            default:
                throw new AssertionError(this);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : Sanitizer.clean(s);
    }
}
