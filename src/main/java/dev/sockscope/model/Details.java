package dev.sockscope.model;

/**
 * What a source may know of a socket beyond the classic connection table: netlink
 * {@code sock_diag} carries all of it, {@code /proc/net} only the timer, other platforms none.
 * Every component is null (or {@link SocketEntry#UNKNOWN} for {@code peerInode}) when the
 * source does not provide it; a value is never made up.
 *
 * @param iface     the bound device ({@code SO_BINDTODEVICE}) or the IPv6 scope's interface
 *                  name, e.g. {@code eth0}; raw, unsanitized (an interface name is untrusted)
 * @param dualStack for an IPv6 socket: true when {@code IPV6_V6ONLY} is off (it also takes
 *                  IPv4), false when on; null for IPv4 or when unknown
 * @param unixType  unix sockets: {@link UnixType}; null otherwise or unknown
 * @param peerInode unix sockets: the inode of the other end, {@link SocketEntry#UNKNOWN} when
 *                  none or unknown
 * @param timer     the TCP timer as {@code netstat -o} shows it; null when unknown
 * @param tcp       {@code tcp_info}; null for other protocols or when unknown
 * @param cgroup    the socket's cgroup v2 path, e.g. {@code /system.slice/nginx.service}; null
 *                  when unknown
 * @param netns     the network namespace the socket was read in ({@code host}, a name from
 *                  {@code /run/netns}, or the namespace's inode number as text); null when
 *                  only one namespace was read
 */
public record Details(
        String iface,
        Boolean dualStack,
        UnixType unixType,
        long peerInode,
        Timer timer,
        TcpInfo tcp,
        String cgroup,
        String netns) {

    /** Nothing known. */
    public static final Details NONE = new Builder().build();

    public Details {
        if (peerInode < SocketEntry.UNKNOWN) {
            throw new IllegalArgumentException("negative peer inode: " + peerInode);
        }
    }

    public Builder toBuilder() {
        return new Builder()
                .iface(iface)
                .dualStack(dualStack)
                .unixType(unixType)
                .peerInode(peerInode)
                .timer(timer)
                .tcp(tcp)
                .cgroup(cgroup)
                .netns(netns);
    }

    /** Unix socket types as {@code ss -x} names them ({@code u_str}, {@code u_dgr}, {@code u_seq}). */
    public enum UnixType {
        STREAM("stream"),
        DGRAM("dgram"),
        SEQPACKET("seqpacket");

        private final String label;

        UnixType(String label) {
            this.label = label;
        }

        /** The JSON/CSV {@code unixType} value. */
        public String label() {
            return label;
        }
    }

    /**
     * A TCP timer, as the kernel reports it in {@code /proc/net/tcp} ({@code tr}, {@code tm->when},
     * {@code retrnsmt}) and in {@code inet_diag_msg} ({@code idiag_timer}, {@code idiag_expires},
     * {@code idiag_retrans}).
     *
     * @param kind        {@code off}, {@code on} (retransmit), {@code keepalive}, {@code timewait},
     *                    {@code probe} (zero window)
     * @param remainingMs milliseconds until it fires, 0 when off
     * @param retransmits unanswered retransmits or probes
     */
    public record Timer(String kind, long remainingMs, int retransmits) {
        public Timer {
            if (kind == null || kind.isEmpty()) {
                throw new IllegalArgumentException("timer kind");
            }
            if (remainingMs < 0 || retransmits < 0) {
                throw new IllegalArgumentException("negative timer value");
            }
        }

        /**
         * The record's equality, written out: the generated one is linked through
         * {@code ObjectMethods} at its first call (4-26 ms of a snapshot, at the first UDP row
         * after TCP ones, whose timer is null, when the parser compares a row's timer with the
         * last row's).
         */
        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Timer)) {
                return false;
            }
            Timer t = (Timer) o;
            return remainingMs == t.remainingMs && retransmits == t.retransmits && kind.equals(t.kind);
        }

        @Override
        public int hashCode() {
            return (kind.hashCode() * 31 + Long.hashCode(remainingMs)) * 31 + retransmits;
        }

        /** {@code keepalive 7.2s/0}: kind, seconds left (one decimal), retransmits. */
        public String text() {
            long tenths = (remainingMs + 50) / 100;
            return kind + " " + tenths / 10 + "." + tenths % 10 + "s/" + retransmits;
        }
    }

    /**
     * The fields of {@code struct tcp_info} sockscope shows.
     *
     * @param rttMs         smoothed round-trip time ({@code tcpi_rtt}, µs) in milliseconds
     * @param retrans       total retransmitted segments ({@code tcpi_total_retrans})
     * @param bytesSent     bytes sent and acknowledged by the peer ({@code tcpi_bytes_acked})
     * @param bytesReceived bytes received ({@code tcpi_bytes_received})
     * @param readNanos     when the kernel handed these values over, on the
     *                      {@link System#nanoTime()} clock, or {@link Snapshot#UNTIMED}; a dump of
     *                      80,000 sockets takes long enough that the first and the last socket are
     *                      read a tenth of a second apart, which a rate over a second would feel
     */
    public record TcpInfo(double rttMs, long retrans, long bytesSent, long bytesReceived, long readNanos) {
        public TcpInfo {
            if (rttMs < 0 || retrans < 0 || bytesSent < 0 || bytesReceived < 0) {
                throw new IllegalArgumentException("negative tcp_info value");
            }
        }

        /** Values whose reading was not timed. */
        public TcpInfo(double rttMs, long retrans, long bytesSent, long bytesReceived) {
            this(rttMs, retrans, bytesSent, bytesReceived, Snapshot.UNTIMED);
        }

        /**
         * Equal values, whenever read: the time is how a rate is worked out, not part of what the
         * kernel said.
         */
        @Override
        public boolean equals(Object o) {
            return o instanceof TcpInfo t
                    && Double.compare(rttMs, t.rttMs) == 0
                    && retrans == t.retrans
                    && bytesSent == t.bytesSent
                    && bytesReceived == t.bytesReceived;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(rttMs, retrans, bytesSent, bytesReceived);
        }
    }

    /** Named values for {@link Details}; unset components stay unknown. */
    public static final class Builder {
        private String iface;
        private Boolean dualStack;
        private UnixType unixType;
        private long peerInode = SocketEntry.UNKNOWN;
        private Timer timer;
        private TcpInfo tcp;
        private String cgroup;
        private String netns;

        public Builder iface(String v) {
            iface = v;
            return this;
        }

        public Builder dualStack(Boolean v) {
            dualStack = v;
            return this;
        }

        public Builder unixType(UnixType v) {
            unixType = v;
            return this;
        }

        public Builder peerInode(long v) {
            peerInode = v;
            return this;
        }

        public Builder timer(Timer v) {
            timer = v;
            return this;
        }

        public Builder tcp(TcpInfo v) {
            tcp = v;
            return this;
        }

        public Builder cgroup(String v) {
            cgroup = v;
            return this;
        }

        public Builder netns(String v) {
            netns = v;
            return this;
        }

        public Details build() {
            return new Details(iface, dualStack, unixType, peerInode, timer, tcp, cgroup, netns);
        }
    }
}
