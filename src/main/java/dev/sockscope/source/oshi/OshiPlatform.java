package dev.sockscope.source.oshi;

import oshi.util.PlatformEnum;

/**
 * What OSHI 7.5.0's {@code InternetProtocolStats.getConnections()} really provides on each
 * platform, read from its implementation:
 *
 * <ul>
 *   <li>{@link #LINUX}: {@code /proc/net/{tcp,tcp6,udp,udp6}} and a {@code /proc/[pid]/fd} walk
 *       that keeps one pid per inode. Queues are the kernel's {@code tx_queue}/{@code rx_queue}.
 *       Kernel state 12 ({@code NEW_SYN_RECV}) arrives as {@code TcpState.UNKNOWN}.</li>
 *   <li>{@link #MACOS}: {@code proc_pidfdinfo} on every open file of every process it may
 *       inspect, so one row per file descriptor (a socket shared by processes appears once per
 *       fd), no socket without a descriptor (TIME_WAIT), and without root no socket of other
 *       users' processes. Its "queues" are {@code soi_qlen}/{@code soi_incqlen}, the listen
 *       backlog counts, not buffered bytes, so they are not used.</li>
 *   <li>{@link #WINDOWS}: {@code GetExtendedTcpTable}/{@code GetExtendedUdpTable} with owning
 *       pids; queues are always 0 (not provided) and UDP rows carry no peer.</li>
 *   <li>{@link #NETSTAT} (FreeBSD, OpenBSD, NetBSD, DragonFly, AIX): parses {@code netstat -n};
 *       queues are its Recv-Q/Send-Q bytes, no pid (-1).</li>
 *   <li>{@link #SOLARIS}: the same parser, but Solaris's {@code netstat -n} layout has no
 *       lines starting with {@code tcp}/{@code udp}, so OSHI finds nothing.</li>
 * </ul>
 */
enum OshiPlatform {
    LINUX(true, false, "no unix or raw sockets, no inodes, one owner per socket, NEW_SYN_RECV sockets skipped"),
    MACOS(
            false,
            true,
            "no unix or raw sockets, no inodes, no queue sizes, no sockets without an open file (TIME_WAIT)"),
    WINDOWS(
            false,
            false,
            "no unix or raw sockets, no inodes, no queue sizes, no UDP peers (connected UDP shows as UNCONN)"),
    NETSTAT(true, false, "parsed from netstat -n: no unix or raw sockets, no inodes, no owning processes"),
    SOLARIS(
            true,
            false,
            "OSHI does not read Solaris's netstat layout, so sockets may be missing; no owners, no inodes"),
    OTHER(false, false, "no unix or raw sockets, no inodes, no queue sizes on this platform");

    /** Whether {@code getReceiveQueue}/{@code getTransmitQueue} are real byte counts here. */
    final boolean queues;
    /** Whether OSHI lists a socket once per file descriptor rather than once per socket. */
    final boolean perDescriptor;

    private final String missing;

    OshiPlatform(boolean queues, boolean perDescriptor, String missing) {
        this.queues = queues;
        this.perDescriptor = perDescriptor;
        this.missing = missing;
    }

    /** The platform this JVM runs on, as OSHI detects it. */
    static OshiPlatform current() {
        return of(PlatformEnum.getCurrentPlatform());
    }

    static OshiPlatform of(PlatformEnum p) {
        switch (p) {
            case LINUX:
            case ANDROID:
                return LINUX;
            case MACOS:
                return MACOS;
            case WINDOWS:
                return WINDOWS;
            case FREEBSD:
            case OPENBSD:
            case NETBSD:
            case DRAGONFLYBSD:
            case KFREEBSD:
            case AIX:
                return NETSTAT;
            case SOLARIS:
                return SOLARIS;
            default:
                return OTHER;
        }
    }

    /**
     * One sentence for {@code Snapshot.platformNote()}: what this backend does not provide here.
     *
     * @param elevated whether the process runs as root/Administrator
     */
    String note(boolean elevated) {
        StringBuilder b = new StringBuilder("oshi backend: ").append(missing);
        if (!elevated) {
            switch (this) {
                case LINUX:
                    b.append(", and no owner for other users' sockets unless run as root");
                    break;
                case MACOS:
                    b.append(", and other users' sockets are not listed unless run as root");
                    break;
                case WINDOWS:
                    b.append(", and no details of other users' processes unless run as Administrator");
                    break;
                default:
                    break;
            }
        }
        return b.append('.').toString();
    }
}
