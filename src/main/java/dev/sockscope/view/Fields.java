package dev.sockscope.view;

import dev.sockscope.model.Details;
import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.query.Exposure;
import dev.sockscope.service.Cgroups;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.service.ShownService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable fields of a row, by name: the JSON keys and the CSV header are
 * {@link Field#key()} in {@link Field} order (docs/fields.md). Values are exact
 * (never sanitized): String, Integer, Long, Double, Boolean, {@code List<Holder>} (holders,
 * peer) or null for "unknown / none".
 */
public final class Fields {
    /** The keys, in order. */
    public static final List<String> KEYS = keys();

    private final ServiceRegistry registry;
    private final boolean names;
    private Map<Long, SocketRow> byInode;

    /**
     * @param registry port names and classes
     * @param names    false with {@code -n}: service fields are null, port classes still given
     */
    public Fields(ServiceRegistry registry, boolean names) {
        this.registry = registry;
        this.names = names;
    }

    private static List<String> keys() {
        List<String> k = new ArrayList<>();
        for (Field f : Field.values()) {
            k.add(f.key());
        }
        return List.copyOf(k);
    }

    /**
     * The rows a unix socket's peer is looked up in ({@code peer}); without it the peer is
     * null. The rows of the whole snapshot, so that a peer outside the selection is found.
     */
    public Fields peersFrom(List<SocketRow> rows) {
        Map<Long, SocketRow> m = new HashMap<>();
        for (SocketRow r : rows) {
            if (r.entry().inode() > 0 && r.entry().proto() == dev.sockscope.model.Proto.UNIX) {
                m.put(r.entry().inode(), r);
            }
        }
        byInode = m;
        return this;
    }

    /** One field of a row. */
    public Object value(Field f, SocketRow row) {
        SocketEntry e = row.entry();
        Details d = e.details();
        boolean inet = e.proto().isInet();
        Holder owner = row.owner();
        switch (f) {
            case PROTO:
                return e.proto().label();
            case FAMILY:
                return e.family().label();
            case LOCAL_ADDRESS:
                return e.localAddress().text();
            case LOCAL_PORT:
                return inet ? Integer.valueOf(e.localPort()) : null;
            case LOCAL_SERVICE:
                return inet && names ? ShownService.local(e, registry) : null;
            case REMOTE_ADDRESS:
                return e.remoteAddress().text();
            case REMOTE_PORT:
                return inet ? Integer.valueOf(e.remotePort()) : null;
            case REMOTE_SERVICE:
                return inet && names ? ShownService.remote(e, registry) : null;
            case LOCAL_IANA_SERVICE:
                return inet && names ? registry.ianaName(e.proto(), e.localPort()) : null;
            case REMOTE_IANA_SERVICE:
                return inet && names && !e.hasWildcardPeer() ? registry.ianaName(e.proto(), e.remotePort()) : null;
            case STATE:
                return e.state().name();
            case PID:
                return owner == null ? null : Integer.valueOf(owner.pid());
            case HOLDERS:
                return row.holders();
            case PROCESS:
                return owner == null ? null : owner.process();
            case COMMAND:
                return owner == null ? null : owner.command();
            case UID:
                return e.uid() == SocketEntry.UNKNOWN ? null : Integer.valueOf(e.uid());
            case USER:
                return row.user();
            case INODE:
                return e.inode() == SocketEntry.UNKNOWN ? null : Long.valueOf(e.inode());
            case RECV_Q:
                return e.recvQ() == SocketEntry.UNKNOWN ? null : Long.valueOf(e.recvQ());
            case SEND_Q:
                return e.sendQ() == SocketEntry.UNKNOWN ? null : Long.valueOf(e.sendQ());
            case PORT_CLASS:
                return inet ? registry.classify(e.localPort()).label() : null;
            case EXPOSURE:
                Exposure x = Exposure.of(e);
                return x == null ? null : x.label();
            case INTERFACE:
                return d.iface();
            case DUAL_STACK:
                return d.dualStack();
            case UNIX_TYPE:
                return d.unixType() == null ? null : d.unixType().label();
            case PEER_INODE:
                return d.peerInode() == SocketEntry.UNKNOWN ? null : Long.valueOf(d.peerInode());
            case PEER:
                if (byInode == null || d.peerInode() <= 0) {
                    return null;
                }
                SocketRow peer = byInode.get(d.peerInode());
                return peer == null ? null : peer.holders();
            case TIMER:
                return d.timer() == null ? null : d.timer().text();
            case RTT_MS:
                return d.tcp() == null ? null : Double.valueOf(d.tcp().rttMs());
            case RETRANS:
                return d.tcp() == null ? null : Long.valueOf(d.tcp().retrans());
            case BYTES_SENT:
                return d.tcp() == null ? null : Long.valueOf(d.tcp().bytesSent());
            case BYTES_RECEIVED:
                return d.tcp() == null ? null : Long.valueOf(d.tcp().bytesReceived());
            case SEND_RATE:
                return row.rates() == null ? null : Double.valueOf(row.rates().sendPerSecond());
            case RECV_RATE:
                return row.rates() == null ? null : Double.valueOf(row.rates().receivePerSecond());
            case CGROUP:
                return d.cgroup();
            case UNIT:
                return Cgroups.unit(d.cgroup());
            case CONTAINER:
                return Cgroups.container(d.cgroup());
            case NETNS:
                return d.netns();
            default:
                throw new AssertionError(f);
        }
    }

    /** A JSON key / CSV column, in output order. */
    public enum Field {
        PROTO("proto"),
        FAMILY("family"),
        LOCAL_ADDRESS("localAddress"),
        LOCAL_PORT("localPort"),
        LOCAL_SERVICE("localService"),
        REMOTE_ADDRESS("remoteAddress"),
        REMOTE_PORT("remotePort"),
        REMOTE_SERVICE("remoteService"),
        LOCAL_IANA_SERVICE("localIanaService"),
        REMOTE_IANA_SERVICE("remoteIanaService"),
        STATE("state"),
        PID("pid"),
        HOLDERS("holders"),
        PROCESS("process"),
        COMMAND("command"),
        UID("uid"),
        USER("user"),
        INODE("inode"),
        RECV_Q("recvQ"),
        SEND_Q("sendQ"),
        PORT_CLASS("portClass"),
        EXPOSURE("exposure"),
        INTERFACE("interface"),
        DUAL_STACK("dualStack"),
        UNIX_TYPE("unixType"),
        PEER_INODE("peerInode"),
        PEER("peer"),
        TIMER("timer"),
        RTT_MS("rttMs"),
        RETRANS("retrans"),
        BYTES_SENT("bytesSent"),
        BYTES_RECEIVED("bytesReceived"),
        SEND_RATE("sendRate"),
        RECV_RATE("recvRate"),
        CGROUP("cgroup"),
        UNIT("unit"),
        CONTAINER("container"),
        NETNS("netns");

        private final String key;

        Field(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
