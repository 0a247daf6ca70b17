package dev.sockscope.command;

import dev.sockscope.cli.Config;
import dev.sockscope.cli.ExitCode;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code --pids}: the pids holding the selected sockets, one a line, sorted, each once (as
 * {@code lsof -t}), so {@code kill $(sockscope --pids :8080)} works. Exit 0 when at least one pid
 * is printed, 1 when none (nothing matched, or no holder is visible: a note says so).
 */
public final class PidsCommand {
    private final Context ctx;

    public PidsCommand(Context ctx) {
        this.ctx = ctx;
    }

    public int run(Config config, SocketSource source) throws SourceException {
        List<SocketRow> rows = select(ctx, config, source);
        TreeSet<Integer> pids = new TreeSet<>();
        for (SocketRow r : rows) {
            for (Holder h : r.holders()) {
                pids.add(h.pid());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int pid : pids) {
            out.append(pid).append('\n');
        }
        try {
            ctx.stdout().write(out.toString().getBytes(StandardCharsets.US_ASCII));
            ctx.stdout().flush();
        } catch (IOException e) {
            // the reader went away: nothing to report
        }
        return pids.isEmpty() ? ExitCode.NO_MATCH : ExitCode.OK;
    }

    /**
     * The selected rows of one read; notes on stderr when some of them show no owner (whose
     * pids therefore cannot be given), once.
     */
    static List<SocketRow> select(Context ctx, Config config, SocketSource source) throws SourceException {
        // pids only: no tcp_info, no cgroup paths (the filter reads neither)
        Snapshot snap = source.read(config.tables().withTcpInfo(false).withCgroups(false));
        List<SocketRow> rows = new ArrayList<>();
        for (SocketRow r : snap.rows()) {
            if (config.filter().test(r)) {
                rows.add(r);
            }
        }
        int ownerless = 0;
        for (SocketRow r : rows) {
            ownerless += r.holders().isEmpty() && r.entry().inode() > 0 ? 1 : 0;
        }
        if (ownerless > 0 && snap.hiddenOwners() > 0) {
            ctx.note(ownerless + (ownerless == 1 ? " matching socket shows" : " matching sockets show")
                    + " no owner: " + snap.hiddenOwners()
                    + (Context.root()
                            ? " processes could not be inspected"
                            : " processes of other users could not be inspected; their pids are not known"));
        }
        return rows;
    }
}
