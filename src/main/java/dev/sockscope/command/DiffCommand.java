package dev.sockscope.command;

import dev.sockscope.cli.Config;
import dev.sockscope.cli.ExitCode;
import dev.sockscope.export.Baseline;
import dev.sockscope.export.ChangeWriter;
import dev.sockscope.export.Changes;
import dev.sockscope.export.SnapshotFile;
import dev.sockscope.export.SnapshotFileException;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.query.Pipeline;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SourceException;
import dev.sockscope.view.Fields;
import dev.sockscope.view.Sanitizer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --diff FILE}: now against a snapshot saved with {@code --list --json}. Both sides pass
 * the same selection (tables and filter) and sort; rows are compared by {@link Baseline}'s keys.
 * Exit 0 when nothing changed, 1 when something did, 2 when the file cannot be used, 3 when the
 * tables cannot be read.
 */
public final class DiffCommand {
    private DiffCommand() {}

    public static int run(Config config, SocketSource source, Context ctx) {
        ServiceRegistry registry = ctx.registry();
        PrintStream err = ctx.err();
        SnapshotFile.Saved saved;
        try {
            saved = SnapshotFile.read(config.export().diffFile());
        } catch (SnapshotFileException e) {
            err.println("sockscope: --diff " + Sanitizer.clean(e.getMessage()));
            return ExitCode.USAGE;
        }
        Snapshot now;
        try {
            now = source.read(config.tables());
        } catch (SourceException e) {
            err.println("sockscope: " + e.getMessage());
            return ExitCode.UNREADABLE;
        }
        List<SocketRow> before = new ArrayList<>();
        for (SocketRow r : saved.rows()) {
            if (config.tables().wants(r.entry().proto(), r.entry().family())) {
                before.add(r);
            }
        }
        List<SocketRow> baseRows = Pipeline.select(before, config.filter(), config.sort(), config.reverse(), registry);
        List<SocketRow> nowRows =
                Pipeline.select(now.rows(), config.filter(), config.sort(), config.reverse(), registry);
        Changes changes =
                Baseline.of(baseRows, registry).compare(nowRows, config.export().listenersOnly());
        int ownerless = 0;
        for (Changes.Kind k : Changes.Kind.values()) {
            for (SocketRow r : changes.of(k)) {
                if (r.owner() == null && r.entry().inode() > 0) {
                    ownerless++;
                }
            }
        }
        if (now.hiddenOwners() > 0 && ownerless > 0) {
            err.println("sockscope: note: " + now.hiddenOwners() + " process" + (now.hiddenOwners() == 1 ? "" : "es")
                    + " could not be inspected: " + ownerless + " changed socket"
                    + (ownerless == 1 ? " shows" : "s show")
                    + " no program, and a socket whose program differs counts as changed");
        }
        String name = config.export().diffFile() + (saved.time() == null ? "" : " (" + saved.time() + ")");
        Writer out = new Utf8Writer(ctx.stdout());
        boolean names = !config.numeric();
        ChangeWriter w = new ChangeWriter(new Fields(registry, names), names ? registry : null);
        try {
            switch (config.format()) {
                case JSON:
                    w.json(changes, out);
                    break;
                case CSV:
                    w.csv(changes, out);
                    break;
                default:
                    w.table(changes, Sanitizer.clean(name), out);
            }
            out.flush();
        } catch (IOException e) {
            // the reader went away: the status still says whether anything changed
        }
        return changes.isEmpty() ? ExitCode.OK : ExitCode.NO_MATCH;
    }
}
