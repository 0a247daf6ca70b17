package dev.sockscope.command;

import dev.sockscope.cli.ExitCode;
import dev.sockscope.cli.ModeOptions;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SocketSources;
import dev.sockscope.source.SourceException;
import java.util.Locale;

/**
 * The port modes' run: {@code --explain} ({@link ExplainCommand}), {@code --wait-listen} and
 * {@code --wait-free} ({@link WaitCommand}), on their parsed options: opens the source, and
 * turns what they throw into a message and an exit status.
 */
public final class PortModes {
    private PortModes() {}

    public static int run(ModeOptions.ModeConfig config, Context ctx) {
        ctx.procRoot(config.procRoot());
        try (SocketSource source =
                SocketSources.open(config.backend().name().toLowerCase(Locale.ROOT), config.procRoot(), ctx.users())) {
            if (config.kind() == ModeOptions.Kind.EXPLAIN) {
                return new ExplainCommand(source, ctx, config.procRoot()).run(config);
            }
            return new WaitCommand(source, config.procRoot(), ctx.err()).run(config);
        } catch (SourceException e) {
            ctx.err().println("sockscope: " + e.getMessage());
            return ExitCode.UNREADABLE;
        }
    }
}
