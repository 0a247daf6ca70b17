package dev.sockscope.command;

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
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import dev.sockscope.view.ExplainWriter;
import dev.sockscope.view.Sanitizer;
import java.io.IOException;
import java.io.Writer;
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
    private final Context ctx;
    private final Path procRoot;

    ExplainCommand(SocketSource source, Context ctx, Path procRoot) {
        this.source = source;
        this.ctx = ctx;
        this.procRoot = procRoot;
    }

    int run(ModeOptions.ModeConfig config) throws SourceException {
        Snapshot snap =
                source.read(new TableSelection(EnumSet.of(Proto.TCP, Proto.UDP), EnumSet.of(Family.IPV4, Family.IPV6)));
        // both Linux sources: /proc/sys holds the port settings whichever reads the tables
        boolean proc = source.name().equals("proc") || source.name().equals("netlink");
        List<String> notes = new ArrayList<>();
        if (!proc) {
            notes.add(source.name() + " backend: this platform's port settings (privileged ports, ephemeral range,"
                    + " reserved ports), bound devices and units/containers are not known here;"
                    + " the bind attempts are real");
        }
        if (snap.unparsedLines() > 0) {
            notes.add(snap.unparsedLines() + " lines of the connection tables could not be parsed");
        }
        boolean root = Context.root();
        Explainer explainer = new Explainer(
                ctx.registry(),
                proc ? KernelPorts.read(procRoot) : KernelPorts.UNKNOWN,
                proc ? Processes.proc(procRoot, ctx.users()) : Processes.jdk(),
                new BindProbe(),
                root,
                Instant.now());
        ModeOptions.PortRequest request = config.request();
        Explanation x = explainer.explain(snap, request.port(), request.protos(), notes);
        Writer out = new Utf8Writer(ctx.stdout());
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
            ctx.note(Sanitizer.clean(n));
        }
        return x.bindable() ? ExitCode.OK : ExitCode.NO_MATCH;
    }
}
