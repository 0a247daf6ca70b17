package dev.sockscope;

import dev.sockscope.cli.Config;
import dev.sockscope.cli.ExitCode;
import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketRow;
import dev.sockscope.source.SourceException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.TreeSet;

/**
 * {@code --pids}: the pids holding the selected sockets, one a line, sorted, each once (as
 * {@code lsof -t}), so {@code kill $(sockscope --pids --port 8080)} works. Exit 0 when at least
 * one pid is printed, 1 when none (nothing matched, or no holder is visible: a note says so).
 */
final class PidsMode {
    private final OutputStream stdout;
    private final PrintStream err;
    private final Path passwd;

    PidsMode(OutputStream stdout, PrintStream err, Path passwd) {
        this.stdout = stdout;
        this.err = err;
        this.passwd = passwd;
    }

    int run(Config config) {
        Selection sel;
        try {
            sel = Selection.read(config, passwd);
        } catch (SourceException e) {
            err.println("sockscope: " + e.getMessage());
            return ExitCode.UNREADABLE;
        }
        TreeSet<Integer> pids = new TreeSet<>();
        for (SocketRow r : sel.rows) {
            for (Holder h : r.holders()) {
                pids.add(h.pid());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int pid : pids) {
            out.append(pid).append('\n');
        }
        try {
            stdout.write(out.toString().getBytes(StandardCharsets.US_ASCII));
            stdout.flush();
        } catch (IOException e) {
            // the reader went away: nothing to report
        }
        if (pids.isEmpty()) {
            sel.noteHiddenOwners(err);
        }
        return pids.isEmpty() ? ExitCode.NO_MATCH : ExitCode.OK;
    }
}
