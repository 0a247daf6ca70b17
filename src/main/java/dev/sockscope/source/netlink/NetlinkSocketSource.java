package dev.sockscope.source.netlink;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.netlink.InetDiagBytecode;
import dev.sockscope.netlink.MessageWalk;
import dev.sockscope.netlink.NetlinkException;
import dev.sockscope.netlink.NetlinkSocket;
import dev.sockscope.netlink.Netns;
import dev.sockscope.netlink.NlBytes;
import dev.sockscope.netlink.SockDiag;
import dev.sockscope.owner.Background;
import dev.sockscope.owner.OpenCheck;
import dev.sockscope.owner.Owners;
import dev.sockscope.owner.ProcOwnerResolver;
import dev.sockscope.owner.UserNames;
import dev.sockscope.source.NamespaceException;
import dev.sockscope.source.PortRange;
import dev.sockscope.source.RowReuse;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import dev.sockscope.source.proc.ProcTables;
import dev.sockscope.source.proc.TableRead;
import dev.sockscope.trace.Phases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The Linux source over netlink {@code NETLINK_SOCK_DIAG}, as {@code ss} reads: {@code inet_diag}
 * dumps of TCP (every state, TIME_WAIT and SYN_RECV included), UDP, UDP-Lite and raw sockets,
 * IPv4 and IPv6, and the {@code unix_diag} dump, joined to their holders from
 * {@code /proc/[pid]/fd} as the proc source does. Beyond {@code /proc/net} it fills
 * {@link dev.sockscope.model.Details}: bound device or scope, dual stack, unix type and peer,
 * TCP timer, {@code tcp_info} (rtt, retransmits, bytes acknowledged and received) and the
 * socket's cgroup (inet sockets; unix_diag sends none). Nothing here needs privilege.
 *
 * <p>Selection in the kernel: a read asks only for the states in
 * {@link TableSelection#states()} (the {@code idiag_states} mask; unix too) and, when ports are
 * given, runs a port filter ({@link InetDiagBytecode}) in the kernel, so {@code --port 8080}
 * on a busy host copies out only what matches. With ports given, the unix table is not read
 * (unix sockets have no port).
 *
 * <p>A table whose dump the kernel refuses ({@code ENOENT}: no diag module for it, e.g. a kernel
 * without {@code CONFIG_INET_RAW_DIAG}) is read from {@code /proc/net} instead, and
 * {@link Snapshot#platformNote()} names what that loses. Malformed replies are skipped and
 * counted in {@link Snapshot#unparsedLines()}. Not thread-safe: one read at a time.
 */
public final class NetlinkSocketSource implements SocketSource {
    private static final boolean PARALLEL = Runtime.getRuntime().availableProcessors() > 1;
    private static final int BUFFER = 64 * 1024;
    private static final int TCP_INFO_EXT = 1 << (SockDiag.INET_DIAG_INFO - 1);
    private static final int UNIX_SHOW =
            SockDiag.UDIAG_SHOW_NAME | SockDiag.UDIAG_SHOW_PEER | SockDiag.UDIAG_SHOW_RQLEN | SockDiag.UDIAG_SHOW_UID;

    private final NetlinkSocket nl;
    private final ProcOwnerResolver owners;
    private final UserNames users;
    private final Path procRoot;
    /** Where the tables sock_diag has no handler for are read ({@code <root>/net}); null: nowhere. */
    private final Path tablesRoot;

    private final KernelNames names;
    private final InetDiagParser inet;
    private final UnixDiagParser unix = new UnixDiagParser();
    private final byte[] buffer = new byte[BUFFER];
    private final RowReuse reuse = new RowReuse();
    private MessageReuse messages = new MessageReuse();
    private DatagramReuse datagrams = new DatagramReuse();
    /** Whether the last read named cgroups: its kept entries lack them when it did not. */
    private boolean cgroupsLastRead = true;
    /** Messages the last read took in datagrams that came back the same ({@link DatagramReuse}). */
    private int carried;

    private final Set<Proto> fromProc = EnumSet.noneOf(Proto.class);
    private ProcTables procTables;
    /** The interface-name socket of another namespace, closed with this source; null here. */
    private NetlinkSocket route;

    private int seq;

    // the dump being read, for the sink
    private List<SocketEntry> entries;
    /** For each of {@link #entries}, where {@link #messages} keeps it (-1: not kept). */
    private int[] slots = new int[0];
    /** How many of the last read's entries came from netlink (the first ones), with slots. */
    private int netlinkEntries;

    private int unparsed;
    /** Where the socket cookie is in an {@code inet_diag_msg} and a {@code unix_diag_msg}. */
    private static final int INET_COOKIE = 44;

    private static final int UNIX_COOKIE = 8;
    /** {@code sizeof(struct nlmsghdr)}: the payload offset of a datagram's first message. */
    private static final int NLMSG_HDRLEN = 16;
    /** When the last read's TCP dumps happened (their middle), or {@link Snapshot#UNTIMED}. */
    private long tcpNanos = Snapshot.UNTIMED;
    /** When the read's first TCP dump began, once {@link #tcpStarted}. */
    private long tcpStart;

    private boolean tcpStarted;

    private Proto proto;
    /** The family of the dump being read; null for TCP's dump of both. */
    private Family family;
    /**
     * TCP is read in one dump of both families ({@link SockDiag#tcpDumpRequest}) until the
     * kernel refuses one: its hash tables are walked once instead of twice (timed alone, the
     * dumps took a fifth less system time at 40,000 sockets; within the noise of a whole read).
     */
    private boolean bothFamiliesAtOnce = true;

    private final MessageWalk.Sink sink = this::message;
    private final SockDiag.Datagrams each = this::datagram;

    private NetlinkSocketSource(NetlinkSocket nl, Path procRoot, Path sysRoot, UserNames users) {
        this(nl, procRoot, procRoot, new KernelNames(sysRoot, procRoot), users);
    }

    private NetlinkSocketSource(NetlinkSocket nl, Path procRoot, Path tablesRoot, KernelNames names, UserNames users) {
        this.nl = nl;
        this.procRoot = procRoot;
        this.tablesRoot = tablesRoot;
        this.users = users;
        this.owners = new ProcOwnerResolver(procRoot, users);
        this.names = names;
        this.inet = new InetDiagParser(names);
    }

    /**
     * Opens the netlink sockets inside another network namespace ({@code setns}, root): the
     * sock_diag socket and a {@code NETLINK_ROUTE} one for its interface names. Both stay in
     * that namespace; reads go through {@link #readTables} (owners are joined by the caller,
     * over every namespace at once).
     *
     * @param netnsFile  {@code /run/netns/NAME} or {@code /proc/PID/ns/net}
     * @param tablesRoot {@code /proc/PID} of a process inside it, for tables sock_diag cannot
     *                   dump; null when none is known
     * @throws NamespaceException {@link NamespaceException.Kind#DENIED} when the kernel refuses
     *                            to enter it ({@code EPERM}, {@code EACCES});
     *                            {@link NamespaceException.Kind#UNKNOWN} when it is gone
     * @throws SourceException    when netlink cannot be used (no native access)
     */
    public static NetlinkSocketSource openIn(
            Path netnsFile, Path procRoot, Path tablesRoot, Path sysRoot, UserNames users)
            throws SourceException, NamespaceException {
        NetlinkSocket[] both;
        try {
            both = Netns.call(netnsFile, () -> {
                NetlinkSocket diag = NetlinkSocket.open(NetlinkSocket.NETLINK_SOCK_DIAG);
                try {
                    return new NetlinkSocket[] {diag, NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE)};
                } catch (NetlinkException e) {
                    diag.close();
                    throw e;
                }
            });
        } catch (NetlinkException e) {
            String what = "cannot enter " + netnsFile + ": " + e.getMessage();
            if (e.errno() == NetlinkException.EPERM || e.errno() == NetlinkException.EACCES) {
                throw new NamespaceException(NamespaceException.Kind.DENIED, what, e);
            }
            if (e.errno() == NetlinkException.ENOENT) {
                throw new NamespaceException(NamespaceException.Kind.UNKNOWN, what, e);
            }
            throw new SourceException("netlink sock_diag cannot be used here: " + e.getMessage(), e);
        }
        NetlinkSocket route = both[1];
        int[] seq = {0};
        KernelNames names = new KernelNames(sysRoot, procRoot, () -> {
            try {
                return LinkNames.read(route, ++seq[0]);
            } catch (NetlinkException e) {
                return java.util.Map.of(); // interface names stay unknown (null), never made up
            }
        });
        NetlinkSocketSource source = new NetlinkSocketSource(both[0], procRoot, tablesRoot, names, users);
        source.route = route;
        return source;
    }

    /**
     * Opens the netlink socket and checks that the kernel answers an {@code inet_diag} dump.
     *
     * @param procRoot the live {@code /proc} (holders, cgroup mount, fallback tables)
     * @param sysRoot  the live {@code /sys} (interface names)
     * @throws SourceException one line saying why netlink cannot be used here (no native access,
     *                         a sandbox refusing netlink sockets, a kernel without sock_diag)
     */
    public static NetlinkSocketSource open(Path procRoot, Path sysRoot, UserNames users) throws SourceException {
        NetlinkSocket nl;
        try {
            nl = NetlinkSocket.open(NetlinkSocket.NETLINK_SOCK_DIAG);
        } catch (NetlinkException e) {
            throw new SourceException("netlink sock_diag cannot be used here: " + e.getMessage(), e);
        }
        try {
            // an empty state mask: the kernel answers at once with nothing
            byte[] probe = SockDiag.inetDumpRequest(SockDiag.AF_INET, SockDiag.IPPROTO_TCP, 0, 0, null, 1);
            SockDiag.dump(nl, probe, new byte[8192], (b, off, len) -> {});
        } catch (NetlinkException e) {
            nl.close();
            throw new SourceException("netlink sock_diag cannot be used here: " + e.getMessage(), e);
        }
        return new NetlinkSocketSource(nl, procRoot, sysRoot, users);
    }

    /**
     * Asks the kernel, one lookup each, whether a listed socket that no fd table claims is
     * still there (under churn, many have closed since the dump: a search of every fd table
     * would not find them). Asked about TCP connections and listeners and UDP sockets, which
     * the kernel's lookup always finds while they are open (not one bound to a device or scope:
     * the row keeps its name, not the index the lookup needs), and unix sockets, found by inode.
     * Anything else, or a lookup that fails, may be open. The answers go to the dump's buffer:
     * the dump is over when the resolver asks.
     */
    private final class StillListed implements OpenCheck {
        private final List<SocketEntry> entries;

        StillListed(List<SocketEntry> entries) {
            this.entries = entries;
        }

        @Override
        public boolean mayBeOpen(int index) {
            SocketEntry e = entries.get(index);
            try {
                if (e.proto() == Proto.UNIX) {
                    return SockDiag.unixInode(nl, e.inode(), ++seq, buffer) != 0;
                }
                boolean tcp = e.proto() == Proto.TCP;
                if (!(tcp ? foundByLookup(e.state()) : e.proto() == Proto.UDP)
                        || e.details().iface() != null) {
                    return true;
                }
                byte[] local = e.localAddress().bytes();
                byte[] remote = e.remoteAddress().bytes();
                if (local.length != remote.length) {
                    return true;
                }
                int family = local.length == 4 ? SockDiag.AF_INET : SockDiag.AF_INET6;
                return SockDiag.inetInode(
                                nl,
                                family,
                                tcp ? SockDiag.IPPROTO_TCP : SockDiag.IPPROTO_UDP,
                                local,
                                e.localPort(),
                                remote,
                                e.remotePort(),
                                0,
                                ++seq,
                                buffer)
                        != 0;
            } catch (NetlinkException | RuntimeException x) {
                return true;
            }
        }
    }

    /** The TCP states of a socket in the kernel's lookup tables: connections with an fd, listeners. */
    private static boolean foundByLookup(State s) {
        switch (s) {
            case ESTABLISHED:
            case SYN_SENT:
            case FIN_WAIT1:
            case FIN_WAIT2:
            case CLOSE_WAIT:
            case LAST_ACK:
            case CLOSING:
            case LISTEN:
                return true;
            default:
                return false;
        }
    }

    /** The tables alone: no owner is looked up (every row without holders). */
    @Override
    public Snapshot readTables(TableSelection which) throws SourceException {
        List<SocketRow> rows = new ArrayList<>();
        for (SocketEntry e : readEntries(which)) {
            rows.add(new SocketRow(e, List.of(), users.nameOf(e.uid())));
        }
        return new Snapshot(rows, unparsed, 0, note(which), List.of(), tcpNanos);
    }

    @Override
    public Snapshot read(TableSelection which) throws SourceException {
        Background.Task scan = PARALLEL ? Background.start(owners::scan, "sockscope-fd-scan") : null;
        List<SocketEntry> read;
        try {
            read = readEntries(which);
            Phases.mark("tables-read");
        } finally {
            if (scan != null) {
                Background.await(scan);
            }
        }
        Phases.mark("fd-scan-done");
        long[] inodes = new long[read.size()];
        for (int i = 0; i < inodes.length; i++) {
            inodes[i] = read.get(i).inode();
        }
        Owners found = owners.resolve(inodes, new StillListed(read));
        Phases.mark("owners-resolved");
        List<SocketRow> rows = new ArrayList<>(read.size());
        reuse.start();
        int kept = netlinkEntries;
        for (int i = 0; i < read.size(); i++) {
            SocketEntry e = read.get(i);
            SocketRow r = reuse.row(e, found.holdersAt(i), users.nameOf(e.uid()));
            if (r.entry() != e && i < kept && slots[i] >= 0) {
                // an equal row handed on: the next read's unchanged message gives its entry
                messages.adopt(slots[i], r.entry());
            }
            rows.add(r);
        }
        return new Snapshot(
                reuse.finish(rows), unparsed, found.hiddenProcesses(), note(which), found.hidden(), tcpNanos);
    }

    private List<SocketEntry> readEntries(TableSelection which) throws SourceException {
        entries = new ArrayList<>();
        unparsed = 0;
        tcpNanos = Snapshot.UNTIMED;
        tcpStarted = false;
        names.nextRead(which.cgroups());
        if (which.cgroups() && !cgroupsLastRead) {
            // the kept entries have no cgroup paths, and their bytes would hand them on
            messages = new MessageReuse();
            datagrams = new DatagramReuse();
        }
        cgroupsLastRead = which.cgroups();
        datagrams.start();
        messages.start(datagrams.seenLastRead());
        carried = 0;
        byte[] bytecode = bytecode(which);
        int dumped = 0;
        NetlinkException lastFailure = null;
        Set<Proto> fallback = EnumSet.noneOf(Proto.class);
        for (Proto p : new Proto[] {Proto.TCP, Proto.UDP, Proto.UDPLITE, Proto.RAW}) {
            int states = inetStates(p, which.states());
            if (states == 0 || fromProc.contains(p)) {
                continue;
            }
            if (p == Proto.TCP && bothFamiliesAtOnce && which.wants(p, Family.IPV4) && which.wants(p, Family.IPV6)) {
                byte[] request = SockDiag.tcpDumpRequest(states, which.tcpInfo() ? TCP_INFO_EXT : 0, bytecode, ++seq);
                try {
                    dumpTcp(request, null);
                    dumped++;
                    continue;
                } catch (NetlinkException e) {
                    // a kernel without the old request type: a dump per family from now on
                    bothFamiliesAtOnce = false;
                    tcpStarted = false;
                }
            }
            for (Family f : new Family[] {Family.IPV4, Family.IPV6}) {
                if (!which.wants(p, f)) {
                    continue;
                }
                byte[] request = SockDiag.inetDumpRequest(
                        f == Family.IPV4 ? SockDiag.AF_INET : SockDiag.AF_INET6,
                        protocol(p),
                        states,
                        p == Proto.TCP && which.tcpInfo() ? TCP_INFO_EXT : 0,
                        bytecode,
                        ++seq);
                try {
                    if (p == Proto.TCP) {
                        dumpTcp(request, f);
                    } else {
                        dump(request, p, f);
                    }
                    dumped++;
                } catch (NetlinkException e) {
                    if (e.errno() == NetlinkException.ENOENT || e.errno() == NetlinkException.EOPNOTSUPP) {
                        fallback.add(p); // no diag handler for this protocol in this kernel
                    } else {
                        lastFailure = e;
                    }
                }
            }
        }
        if (which.wants(Proto.UNIX, Family.UNIX) && !which.hasPortConditions() && !fromProc.contains(Proto.UNIX)) {
            int states = unixStates(which.states());
            if (states != 0) {
                try {
                    dump(SockDiag.unixDumpRequest(states, UNIX_SHOW, ++seq), Proto.UNIX, Family.UNIX);
                    dumped++;
                } catch (NetlinkException e) {
                    if (e.errno() == NetlinkException.ENOENT || e.errno() == NetlinkException.EOPNOTSUPP) {
                        fallback.add(Proto.UNIX);
                    } else {
                        lastFailure = e;
                    }
                }
            }
        }
        fromProc.addAll(fallback);
        netlinkEntries = entries.size(); // the /proc rows below have no slots
        List<SocketEntry> result = entries;
        entries = null;
        Set<Proto> proc = EnumSet.noneOf(Proto.class);
        for (Proto p : fromProc) {
            if (which.protos().contains(p)) {
                proc.add(p);
            }
        }
        if (!proc.isEmpty() && tablesRoot != null) {
            if (procTables == null) {
                procTables = new ProcTables(tablesRoot);
            }
            TableRead r = procTables.read(new TableSelection(proc, which.families()));
            result.addAll(r.entries());
            unparsed += r.unparsedLines();
            dumped++;
        }
        if (dumped == 0 && lastFailure != null) {
            throw new SourceException(
                    "cannot read connection tables over netlink: " + lastFailure.getMessage(), lastFailure);
        }
        return result;
    }

    /**
     * {@link #dump} of a TCP request, timed: tcp_info's counters are as of somewhere in the
     * read's TCP dumps, and {@link #tcpNanos} says their middle.
     */
    private void dumpTcp(byte[] request, Family f) throws NetlinkException {
        if (!tcpStarted) {
            tcpStart = System.nanoTime();
            tcpStarted = true;
        }
        dump(request, Proto.TCP, f);
        tcpNanos = tcpStart + (System.nanoTime() - tcpStart) / 2;
    }

    private void dump(byte[] request, Proto p, Family f) throws NetlinkException {
        proto = p;
        family = f;
        int before = entries.size();
        int unparsedBefore = unparsed;
        datagrams.beginDump(dumpKind(p, f));
        try {
            MessageWalk.Result r = SockDiag.dump(nl, request, buffer, NlBytes.u16(request, 4), sink, each);
            unparsed += r.malformed();
        } catch (NetlinkException e) {
            // a dump that failed midway gives none of its rows, as if it had failed at once
            entries.subList(before, entries.size()).clear();
            unparsed = unparsedBefore;
            throw e;
        }
    }

    /** {@link DatagramReuse}'s kind of a dump: TCP of both families (f null), else protocol and family. */
    private static int dumpKind(Proto p, Family f) {
        if (p == Proto.UNIX) {
            return 1;
        }
        if (f == null) {
            return 0;
        }
        return 2 + 2 * p.ordinal() + (f == Family.IPV4 ? 0 : 1);
    }

    /**
     * A datagram of the dump under way: taken whole when the last read's datagram at its place
     * came back the same ({@link DatagramReuse}), else walked message by message; kept for the
     * next read when each of its messages is a socket {@link #messages} kept.
     */
    private void datagram(byte[] b, int n, int seq, MessageWalk walk) throws NetlinkException {
        int d = datagrams.match(b, n, seq);
        if (d >= 0) {
            int count = datagrams.count(d);
            int first = messages.carry(datagrams.slot(d), count);
            int i = entries.size();
            messages.keptInto(entries, first, count);
            roomForSlots(i + count);
            for (int k = 0; k < count; k++) {
                slots[i + k] = first + k;
            }
            walk.carried(count);
            datagrams.record(b, n, first, count);
            carried += count;
            return;
        }
        int e0 = entries.size();
        int m0 = walk.messages();
        int bad0 = walk.malformed();
        int unparsed0 = unparsed;
        walk.datagram(b, n);
        int count = entries.size() - e0;
        boolean whole = count > 0
                && n <= b.length
                && !walk.done()
                && !walk.interrupted()
                && walk.malformed() == bad0
                && unparsed == unparsed0
                && walk.messages() - m0 == count
                && consecutive(e0, count);
        datagrams.record(b, n, whole ? slots[e0] : -1, whole ? count : 0);
    }

    /** Whether entries {@code [from, from + count)} are kept at consecutive slots. */
    private boolean consecutive(int from, int count) {
        int first = slots[from];
        if (first < 0) {
            return false;
        }
        for (int k = 1; k < count; k++) {
            if (slots[from + k] != first + k) {
                return false;
            }
        }
        return true;
    }

    /** Messages the last read took in datagrams that came back the same (tests). */
    int carriedLastRead() {
        return carried;
    }

    private void message(byte[] b, int off, int len) {
        if (off <= NLMSG_HDRLEN && proto == Proto.TCP) {
            // the first message of a datagram: its sockets were read by the kernel about now
            inet.receivedAt(System.nanoTime());
        }
        boolean isUnix = proto == Proto.UNIX;
        int cookieAt = isUnix ? UNIX_COOKIE : INET_COOKIE;
        long cookie = 0;
        if (len >= (isUnix ? UnixDiagParser.MSG_LEN : InetDiagParser.MSG_LEN)) {
            cookie = NlBytes.u64(b, off + cookieAt);
            SocketEntry same = messages.same(cookie, proto, b, off, len);
            if (same != null) {
                add(same, messages.lastSlot());
                return;
            }
        }
        SocketEntry e = isUnix ? unix.parse(b, off, len) : inet.parse(b, off, len, proto, family);
        if (e == null) {
            unparsed++;
            return;
        }
        int slot = -1;
        if (isUnix || inet.bytesAlone()) {
            messages.keep(cookie, b, off, len, e);
            slot = messages.lastSlot();
        }
        add(e, slot);
    }

    private void add(SocketEntry e, int slot) {
        int i = entries.size();
        entries.add(e);
        roomForSlots(i + 1);
        slots[i] = slot;
    }

    private void roomForSlots(int n) {
        if (n > slots.length) {
            slots = Arrays.copyOf(slots, Math.max(n, Math.max(64, slots.length * 2)));
        }
    }

    private String note(TableSelection which) {
        List<String> lost = new ArrayList<>();
        for (Proto p : fromProc) {
            if (which.protos().contains(p)) {
                lost.add(p.label());
            }
        }
        if (lost.isEmpty()) {
            return null;
        }
        if (tablesRoot == null) {
            return String.join(", ", lost) + " sockets are not shown: this kernel's sock_diag has no handler for"
                    + " them, and no process of that network namespace was found to read /proc/PID/net";
        }
        return String.join(", ", lost) + " sockets come from /proc/net (this kernel's sock_diag has no handler"
                + " for them): no bound device, dual-stack flag or cgroup for those rows";
    }

    static int protocol(Proto p) {
        switch (p) {
            case TCP:
                return SockDiag.IPPROTO_TCP;
            case UDP:
                return SockDiag.IPPROTO_UDP;
            case UDPLITE:
                return SockDiag.IPPROTO_UDPLITE;
            case RAW:
                return SockDiag.IPPROTO_RAW;
            default:
                throw new IllegalArgumentException(p.toString());
        }
    }

    /**
     * The {@code idiag_states} mask for {@code wanted} (empty: every state). TCP states map to
     * their codes (SYN_RECV also brings the kernel's request sockets); for UDP, UDP-Lite and raw
     * {@code ESTABLISHED} is code 1 and {@code UNCONN} every other code. 0: no row can match.
     */
    static int inetStates(Proto p, Set<State> wanted) {
        if (wanted.isEmpty()) {
            return SockDiag.ALL_STATES;
        }
        int mask = 0;
        for (int code = 1; code <= 12; code++) {
            State s = State.fromTcpCode(code);
            State shown = p == Proto.TCP ? s : (s == State.ESTABLISHED ? State.ESTABLISHED : State.UNCONN);
            if (wanted.contains(shown)) {
                mask |= 1 << code;
            }
        }
        return mask;
    }

    /** The {@code udiag_states} mask: LISTEN 10, CONNECTED 1 and 2, UNCONN 7. */
    static int unixStates(Set<State> wanted) {
        if (wanted.isEmpty()) {
            return SockDiag.ALL_STATES;
        }
        int mask = 0;
        if (wanted.contains(State.LISTEN)) {
            mask |= 1 << 10;
        }
        if (wanted.contains(State.CONNECTED)) {
            mask |= 1 << 1 | 1 << 2;
        }
        if (wanted.contains(State.UNCONN)) {
            mask |= 1 << 7;
        }
        return mask;
    }

    /** The port conditions as one kernel filter, or null when there are none. */
    static byte[] bytecode(TableSelection which) {
        if (!which.hasPortConditions()) {
            return null;
        }
        List<byte[]> parts = new ArrayList<>();
        if (!which.anyPorts().isEmpty()) {
            parts.add(InetDiagBytecode.ports(InetDiagBytecode.Side.EITHER, ranges(which.anyPorts())));
        }
        if (!which.localPorts().isEmpty()) {
            parts.add(InetDiagBytecode.ports(InetDiagBytecode.Side.LOCAL, ranges(which.localPorts())));
        }
        if (!which.remotePorts().isEmpty()) {
            parts.add(InetDiagBytecode.ports(InetDiagBytecode.Side.REMOTE, ranges(which.remotePorts())));
        }
        try {
            return InetDiagBytecode.and(parts.toArray(new byte[0][]));
        } catch (IllegalArgumentException e) {
            return null; // too many ranges for the kernel's jumps: filter after reading instead
        }
    }

    private static int[] ranges(List<PortRange> list) {
        int[] r = new int[list.size() * 2];
        for (int i = 0; i < list.size(); i++) {
            r[2 * i] = list.get(i).from();
            r[2 * i + 1] = list.get(i).to();
        }
        return r;
    }

    @Override
    public String name() {
        return "netlink";
    }

    @Override
    public void close() {
        nl.close();
        if (route != null) {
            route.close();
        }
    }
}
