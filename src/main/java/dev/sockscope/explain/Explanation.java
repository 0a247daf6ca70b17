package dev.sockscope.explain;

import dev.sockscope.model.Address;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.owner.ProcessFacts;
import dev.sockscope.owner.Processes;
import dev.sockscope.query.Exposure;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code --explain PORT} found: what the port is, every socket on it with every
 * holder, whether a bind would succeed now and why not, and the nearest free ports. Raw values
 * (sanitize text before a terminal).
 *
 * @param port      the port asked about
 * @param protos    the protocols asked about, TCP before UDP
 * @param about     what the port is
 * @param sockets   every socket whose local port it is: listeners (and UDP sockets) first, then
 *                  connections, then TIME_WAIT
 * @param binds     per protocol and address ({@code 0.0.0.0}, {@code 127.0.0.1}, {@code ::},
 *                  {@code ::1}), whether a bind would succeed
 * @param nearest   per protocol, the nearest free ports below and above
 * @param bindable  a wildcard bind ({@code 0.0.0.0} or {@code ::}) by this user would succeed now,
 *                  for every protocol asked (with {@code SO_REUSEADDR} where only TIME_WAIT is left)
 * @param notes     what could not be checked, and why
 */
public record Explanation(
        int port,
        List<Proto> protos,
        About about,
        List<SocketReport> sockets,
        List<BindReport> binds,
        List<FreePorts> nearest,
        boolean bindable,
        List<String> notes) {

    public Explanation {
        protos = List.copyOf(protos);
        sockets = List.copyOf(sockets);
        binds = List.copyOf(binds);
        nearest = List.copyOf(nearest);
        notes = List.copyOf(notes);
    }

    /**
     * What the port is.
     *
     * @param service           the name users expect (null when none)
     * @param ianaName          IANA's name (null when none)
     * @param portClass         {@code well-known}, {@code registered}, {@code dynamic}, or
     *                          {@code ephemeral} when inside this host's ephemeral range
     * @param application       the application it usually belongs to, or null
     * @param privileged        below {@code ip_unprivileged_port_start}
     * @param unprivilegedStart that setting, -1 unknown
     * @param ephemeral         inside {@code ip_local_port_range}
     * @param ephemeralLow      the range, -1 unknown
     * @param ephemeralHigh     the range, -1 unknown
     * @param reserved          listed in {@code ip_local_reserved_ports}; null unknown
     */
    public record About(
            String service,
            String ianaName,
            String portClass,
            String application,
            boolean privileged,
            int unprivilegedStart,
            boolean ephemeral,
            int ephemeralLow,
            int ephemeralHigh,
            Boolean reserved) {}

    /**
     * One socket on the port.
     *
     * @param entry           the table row
     * @param exposure        how far it can be reached
     * @param dualStack       for an IPv6 wildcard socket: whether it also takes IPv4; null
     *                        otherwise or unknown
     * @param dualStackSource where that came from: {@code socket} (the socket's own flag),
     *                        {@code bind attempt} (a bind of {@code 0.0.0.0} to the port failed or
     *                        succeeded with no IPv4 socket in the way), {@code default} (the
     *                        kernel's {@code net.ipv6.bindv6only}); null when unknown
     * @param holders         every process holding it
     */
    public record SocketReport(
            SocketEntry entry,
            Exposure exposure,
            Boolean dualStack,
            String dualStackSource,
            List<HolderReport> holders) {
        public SocketReport {
            holders = List.copyOf(holders);
        }
    }

    /**
     * One holder of a socket.
     *
     * @param facts   the process
     * @param age     how long it has run, null when its start is unknown
     * @param parents its parent chain
     */
    public record HolderReport(ProcessFacts facts, Duration age, Processes.Chain parents) {}

    /**
     * Whether binding {@code proto} to {@code address}:{@code port} would succeed now.
     *
     * @param proto      the protocol
     * @param address    {@code 0.0.0.0}, {@code 127.0.0.1}, {@code ::} or {@code ::1}
     * @param tables     what the connection tables say
     * @param blockers   the sockets the tables find in the way
     * @param attempt    a real bind without {@code SO_REUSEADDR}
     * @param reuse      a real bind with {@code SO_REUSEADDR}, made when the first failed with
     *                   "address in use"; null otherwise
     * @param bound      the bind without {@code SO_REUSEADDR} succeeded
     * @param boundReuse a bind with {@code SO_REUSEADDR} succeeds (true also when {@code bound})
     * @param reason     why not, or what to know; in words
     * @param decidedBy  {@code tables and bind attempt} when they agree, {@code bind attempt}
     *                   when the attempt corrected the tables
     */
    public record BindReport(
            Proto proto,
            Address address,
            BindTables.Verdict tables,
            List<SocketEntry> blockers,
            BindProbe.Attempt attempt,
            BindProbe.Attempt reuse,
            boolean bound,
            boolean boundReuse,
            String reason,
            String decidedBy) {
        public BindReport {
            blockers = List.copyOf(blockers);
        }
    }

    /**
     * The nearest ports a wildcard bind of {@code proto} succeeds on now (tables and a bind attempt).
     *
     * @param below -1 when none was found within the search
     * @param above -1 when none was found within the search
     */
    public record FreePorts(Proto proto, int below, int above) {}
}
