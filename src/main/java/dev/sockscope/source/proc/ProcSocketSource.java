package dev.sockscope.source.proc;

import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.owner.Background;
import dev.sockscope.owner.Owners;
import dev.sockscope.owner.ProcOwnerResolver;
import dev.sockscope.owner.UserNames;
import dev.sockscope.source.RowReuse;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import dev.sockscope.trace.Phases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Linux source: {@code <procRoot>/net/*} tables joined to their holders from
 * {@code <procRoot>/[pid]/fd}. One instance keeps the owner resolver's knowledge between
 * reads, so repeated reads (live view, {@code --count}) re-walk only what changed.
 *
 * <p>On a machine with more than one CPU the fd tables are scanned on a second thread while
 * this one reads the connection tables ({@link ProcOwnerResolver#scan}): the two are
 * independent and each is mostly time in the kernel.
 */
public final class ProcSocketSource implements SocketSource {
    private static final boolean PARALLEL = Runtime.getRuntime().availableProcessors() > 1;

    private final ProcTables tables;
    private final RowReuse reuse;
    private final ProcOwnerResolver owners;
    private final UserNames users;

    /**
     * @param procRoot the {@code /proc} tree (a captured one for tests and support bundles)
     * @param users    uid to name, from the passwd file
     */
    public ProcSocketSource(Path procRoot, UserNames users) {
        this.tables = new ProcTables(procRoot);
        this.reuse = new RowReuse();
        this.owners = new ProcOwnerResolver(procRoot, users);
        this.users = users;
    }

    @Override
    public Snapshot read(TableSelection which) throws SourceException {
        TableRead read;
        if (PARALLEL) {
            Background.Task scan = Background.start(owners::scan, "sockscope-fd-scan");
            try {
                read = tables.read(which);
                Phases.mark("tables-read");
            } finally {
                Background.await(scan);
            }
        } else {
            read = tables.read(which);
            Phases.mark("tables-read");
        }
        Phases.mark("fd-scan-done");
        List<SocketEntry> entries = read.entries();
        long[] inodes = new long[entries.size()];
        for (int i = 0; i < inodes.length; i++) {
            inodes[i] = entries.get(i).inode();
        }
        Owners found = owners.resolve(inodes);
        Phases.mark("owners-resolved");
        List<SocketRow> rows = new ArrayList<>(entries.size());
        reuse.start();
        for (int i = 0; i < inodes.length; i++) {
            SocketEntry e = entries.get(i);
            rows.add(reuse.row(e, found.holdersAt(i), users.nameOf(e.uid())));
        }
        return new Snapshot(reuse.finish(rows), read.unparsedLines(), found.hiddenProcesses(), null, found.hidden());
    }

    /** The connection tables without the fd walk: no holders. */
    @Override
    public Snapshot readTables(TableSelection which) throws SourceException {
        TableRead read = tables.read(which);
        List<SocketRow> rows = new ArrayList<>(read.entries().size());
        for (SocketEntry e : read.entries()) {
            rows.add(new SocketRow(e, List.of(), users.nameOf(e.uid())));
        }
        return new Snapshot(rows, read.unparsedLines(), 0, null);
    }

    @Override
    public String name() {
        return "proc";
    }
}
