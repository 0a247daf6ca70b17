package dev.sockscope;

import dev.sockscope.cli.Config;
import dev.sockscope.cli.ExitCode;
import dev.sockscope.cli.ModeOptions;
import dev.sockscope.explain.BindProbe;
import dev.sockscope.explain.Explainer;
import dev.sockscope.explain.Explanation;
import dev.sockscope.explain.KernelPorts;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.owner.Processes;
import dev.sockscope.owner.UserNames;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import dev.sockscope.view.ExplainWriter;
import dev.sockscope.view.Sanitizer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * {@code --explain PORT}: reads every TCP and UDP socket with its holders, explains the port
 * ({@link Explainer}) and prints the report or its JSON. Exit 0 when a wildcard bind would
 * succeed, 1 when the port is busy.
 */
final class ExplainCommand {
    private final SocketSource source;
    private final ServiceRegistry registry;
    private final Path procRoot;
    private final UserNames users;
    private final OutputStream stdout;
    private final PrintStream err;

    ExplainCommand(
            SocketSource source,
            ServiceRegistry registry,
            Path procRoot,
            UserNames users,
            OutputStream stdout,
            PrintStream err) {
        this.source = source;
        this.registry = registry;
        this.procRoot = procRoot;
        this.users = users;
        this.stdout = stdout;
        this.err = err;
    }

    int run(ModeOptions.ModeConfig config) throws SourceException {
        Snapshot snap =
                source.read(new TableSelection(EnumSet.of(Proto.TCP, Proto.UDP), EnumSet.of(Family.IPV4, Family.IPV6)));
        boolean proc = source.name().equals("proc");
        List<String> notes = new ArrayList<>();
        if (!proc) {
            notes.add(source.name() + " backend: this platform's port settings (privileged ports, ephemeral range,"
                    + " reserved ports), bound devices and units/containers are not known here;"
                    + " the bind attempts are real");
        }
        if (snap.unparsedLines() > 0) {
            notes.add(snap.unparsedLines() + " lines of the connection tables could not be parsed");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Explainer explainer = new Explainer(
                registry,
                proc ? KernelPorts.read(procRoot) : KernelPorts.UNKNOWN,
                proc ? Processes.proc(procRoot, users) : Processes.jdk(),
                new BindProbe(),
                root,
                Instant.now());
        ModeOptions.PortRequest request = config.request();
        Explanation x = explainer.explain(snap, request.port(), request.protos(), notes);
        Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
        try {
            if (config.format() == Config.Format.JSON) {
                ExplainWriter.json(x, out);
            } else {
                ExplainWriter.text(x, out);
            }
            out.flush();
        } catch (IOException e) {
            // the reader went away: the exit status still says what was found
        }
        for (String n : x.notes()) {
            err.println("sockscope: note: " + Sanitizer.clean(n));
        }
        return x.bindable() ? ExitCode.OK : ExitCode.NO_MATCH;
    }
}
