package dev.sockscope.health;

/**
 * The counters that explain a sick server, in the order {@code -s} shows them: what they count,
 * under {@code nstat}'s name. Totals count since boot (or since the network namespace was made);
 * {@link #gauge} ones are a current level and have no rate.
 */
public enum KeyCounter {
    TCP_ACTIVE_OPENS(Group.TCP, "TcpActiveOpens", "connections opened (connect)", false),
    TCP_PASSIVE_OPENS(Group.TCP, "TcpPassiveOpens", "connections accepted by listeners", false),
    TCP_ATTEMPT_FAILS(Group.TCP, "TcpAttemptFails", "connection attempts failed", false),
    TCP_ESTAB_RESETS(Group.TCP, "TcpEstabResets", "established connections reset", false),
    TCP_OUT_RSTS(Group.TCP, "TcpOutRsts", "resets sent", false),
    TCP_CURR_ESTAB(Group.TCP, "TcpCurrEstab", "connections established now", true),
    TCP_IN_SEGS(Group.TCP, "TcpInSegs", "segments received", false),
    TCP_OUT_SEGS(Group.TCP, "TcpOutSegs", "segments sent", false),
    TCP_RETRANS_SEGS(Group.TCP, "TcpRetransSegs", "segments retransmitted", false),
    TCP_IN_ERRS(Group.TCP, "TcpInErrs", "bad segments received", false),
    LISTEN_OVERFLOWS(Group.TCP, "TcpExtListenOverflows", "accept queue overflows", false),
    LISTEN_DROPS(Group.TCP, "TcpExtListenDrops", "SYNs dropped by listeners", false),
    SYNCOOKIES_SENT(Group.TCP, "TcpExtSyncookiesSent", "SYN cookies sent", false),
    SYNCOOKIES_RECV(Group.TCP, "TcpExtSyncookiesRecv", "SYN cookies received", false),
    SYNCOOKIES_FAILED(Group.TCP, "TcpExtSyncookiesFailed", "SYN cookies failed", false),
    UDP_IN(Group.UDP, "UdpInDatagrams", "datagrams received (IPv4)", false),
    UDP_OUT(Group.UDP, "UdpOutDatagrams", "datagrams sent (IPv4)", false),
    UDP_NO_PORTS(Group.UDP, "UdpNoPorts", "datagrams to no socket (IPv4)", false),
    UDP_IN_ERRORS(Group.UDP, "UdpInErrors", "receive errors (IPv4)", false),
    UDP_RCVBUF_ERRORS(Group.UDP, "UdpRcvbufErrors", "receive buffer full (IPv4)", false),
    UDP_SNDBUF_ERRORS(Group.UDP, "UdpSndbufErrors", "send buffer full (IPv4)", false),
    UDP6_IN(Group.UDP, "Udp6InDatagrams", "datagrams received (IPv6)", false),
    UDP6_OUT(Group.UDP, "Udp6OutDatagrams", "datagrams sent (IPv6)", false),
    UDP6_NO_PORTS(Group.UDP, "Udp6NoPorts", "datagrams to no socket (IPv6)", false),
    UDP6_IN_ERRORS(Group.UDP, "Udp6InErrors", "receive errors (IPv6)", false),
    UDP6_RCVBUF_ERRORS(Group.UDP, "Udp6RcvbufErrors", "receive buffer full (IPv6)", false),
    UDP6_SNDBUF_ERRORS(Group.UDP, "Udp6SndbufErrors", "send buffer full (IPv6)", false);

    /** Where {@code -s} lists a counter. */
    public enum Group {
        TCP,
        UDP
    }

    private final Group group;
    private final String nstatName;
    private final String description;
    private final boolean gauge;

    KeyCounter(Group group, String nstatName, String description, boolean gauge) {
        this.group = group;
        this.nstatName = nstatName;
        this.description = description;
        this.gauge = gauge;
    }

    public Group group() {
        return group;
    }

    /** The name {@code nstat} prints and {@link Counters} uses. */
    public String nstatName() {
        return nstatName;
    }

    public String description() {
        return description;
    }

    /** A current level (no rate), not a count since boot. */
    public boolean gauge() {
        return gauge;
    }
}
