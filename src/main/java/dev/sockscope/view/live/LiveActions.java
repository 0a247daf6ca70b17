package dev.sockscope.view.live;

import dev.sockscope.action.CloseResult;
import dev.sockscope.action.ConnectionCloser;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.view.CsvWriter;
import dev.sockscope.view.Fields;
import dev.sockscope.view.JsonWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the live view's actions do outside the view: write a file, signal a process, close a
 * connection. An
 * interface so the state's tests use a fake; {@link #system} is the real one.
 */
interface LiveActions {
    /**
     * Writes {@code rows} to {@code file} as JSON ({@code .json}) or CSV ({@code .csv}), the
     * same fields as {@code --format json|csv}.
     *
     * @return one line saying what was written
     * @throws IOException when the file cannot be written; IllegalArgumentException for another extension
     */
    String export(List<SocketRow> rows, Snapshot snapshot, Path file) throws IOException;

    /**
     * Sends SIGTERM ({@code force} false) or SIGKILL to a process.
     *
     * @return false when there is no such process or it may not be signalled
     */
    boolean signal(int pid, boolean force);

    /** Whether the process still runs. */
    boolean alive(int pid);

    /**
     * Closes one TCP connection ({@code SOCK_DESTROY}); never throws for a refusal.
     *
     * @return whether the kernel closed it, or why not in one line (the kernel's reason)
     */
    CloseResult close(SocketEntry entry);

    /**
     * The real actions; {@code services} null with {@code -n}; {@code closer} closes
     * connections (null: none can be closed here).
     */
    static LiveActions system(ServiceRegistry services, ConnectionCloser closer) {
        ConnectionCloser c = closer == null
                ? ConnectionCloser.unavailable("closing a connection is not available in this build")
                : closer;
        return new LiveActions() {
            @Override
            public CloseResult close(SocketEntry entry) {
                return c.close(entry);
            }

            @Override
            public String export(List<SocketRow> rows, Snapshot snapshot, Path file) throws IOException {
                String name = file.getFileName() == null
                        ? ""
                        : file.getFileName().toString().toLowerCase(Locale.ROOT);
                boolean json = name.endsWith(".json");
                if (!json && !name.endsWith(".csv")) {
                    throw new IllegalArgumentException("the file name must end in .json or .csv");
                }
                Fields fields = new Fields(services, services != null);
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    if (json) {
                        new JsonWriter(fields.peersFrom(snapshot.rows())).write(rows, w);
                    } else {
                        CsvWriter csv = new CsvWriter(fields);
                        csv.writeHeader(w);
                        csv.writeRows(rows, w);
                    }
                }
                return rows.size() + " row" + (rows.size() == 1 ? "" : "s") + " written to " + file;
            }

            @Override
            public boolean signal(int pid, boolean force) {
                Optional<ProcessHandle> h = ProcessHandle.of(pid);
                if (h.isEmpty()) {
                    return false;
                }
                try {
                    return force ? h.get().destroyForcibly() : h.get().destroy();
                } catch (IllegalStateException | SecurityException e) {
                    // the current process, or not allowed: the caller says it failed
                    return false;
                }
            }

            @Override
            public boolean alive(int pid) {
                return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            }
        };
    }
}
