package dev.sockscope.export;

import dev.sockscope.model.Details;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.service.BundledServiceRegistry;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.testing.Endpoints;
import java.util.List;

/** Rows for tests of the export package, with named parts. */
final class Rows {
    /** Ephemeral range 32768-60999, as on this machine. */
    static final ServiceRegistry REGISTRY = BundledServiceRegistry.withEphemeralRange(32768, 60999);

    private Rows() {}

    static SocketRow tcp(
            String local, int lport, String remote, int rport, State state, long inode, Integer pid, String program) {
        return row(Proto.TCP, local, lport, remote, rport, state, inode, pid, program, Details.NONE);
    }

    static SocketRow row(
            Proto proto,
            String local,
            int lport,
            String remote,
            int rport,
            State state,
            long inode,
            Integer pid,
            String program,
            Details details) {
        Family family = local.indexOf(':') >= 0 ? Family.IPV6 : Family.IPV4;
        SocketEntry e = new SocketEntry(
                proto,
                family,
                Endpoints.address(local),
                lport,
                Endpoints.address(remote),
                rport,
                state,
                inode,
                0,
                0,
                0,
                details);
        List<Holder> holders =
                pid == null ? List.of() : List.of(new Holder(pid, program, "/usr/bin/" + program, 0, "root"));
        return new SocketRow(e, holders, "root");
    }

    static SocketRow listen(String local, int port, int pid, String program) {
        return tcp(local, port, "0.0.0.0", 0, State.LISTEN, 1000L + port, pid, program);
    }
}
