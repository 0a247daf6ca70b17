package dev.sockscope;

import dev.sockscope.cli.Config;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.owner.UserNames;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SocketSources;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows the command line selects, read once: what {@code --pids} and {@code --kill} act on. */
final class Selection {
    final List<SocketRow> rows;
    final Snapshot snapshot;

    private Selection(Snapshot snapshot, List<SocketRow> rows) {
        this.snapshot = snapshot;
        this.rows = rows;
    }

    static Selection read(Config config, Path passwd) throws SourceException {
        return read(config, config.tables(), passwd);
    }

    static Selection read(Config config, TableSelection tables, Path passwd) throws SourceException {
        try (SocketSource source = open(config, passwd)) {
            Snapshot snap = source.read(tables);
            return new Selection(snap, filter(snap, config));
        }
    }

    static SocketSource open(Config config, Path passwd) throws SourceException {
        return SocketSources.open(
                config.backend().name().toLowerCase(Locale.ROOT), config.procRoot(), new UserNames(passwd));
    }

    static List<SocketRow> filter(Snapshot snap, Config config) {
        List<SocketRow> rows = new ArrayList<>();
        for (SocketRow r : snap.rows()) {
            if (config.filter().test(r)) {
                rows.add(r);
            }
        }
        return rows;
    }

    /** Matching sockets whose holders this user cannot see: say so, or an empty pid list puzzles. */
    void noteHiddenOwners(PrintStream err) {
        int ownerless = 0;
        for (SocketRow r : rows) {
            if (r.holders().isEmpty()) {
                ownerless++;
            }
        }
        if (ownerless > 0 && snapshot.hiddenOwners() > 0) {
            err.println("sockscope: note: " + ownerless
                    + (ownerless == 1 ? " matching socket shows" : " matching sockets show") + " no owner: "
                    + snapshot.hiddenOwners() + " processes of other users could not be inspected");
        }
    }
}
