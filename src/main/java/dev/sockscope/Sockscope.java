package dev.sockscope;

import dev.sockscope.cli.BuildInfo;
import dev.sockscope.cli.CommandLineParser;
import dev.sockscope.cli.Config;
import dev.sockscope.cli.ExitCode;
import dev.sockscope.cli.UsageException;
import dev.sockscope.command.Context;
import dev.sockscope.command.DiffCommand;
import dev.sockscope.command.Environment;
import dev.sockscope.command.EventsCommand;
import dev.sockscope.command.KillCommand;
import dev.sockscope.command.ListCommand;
import dev.sockscope.command.LiveCommand;
import dev.sockscope.command.NetworkCommand;
import dev.sockscope.command.PidsCommand;
import dev.sockscope.command.PortModes;
import dev.sockscope.command.ServeCommand;
import dev.sockscope.command.SummaryCommand;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.NamespaceException;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SocketSources;
import dev.sockscope.source.SourceException;
import dev.sockscope.trace.Phases;
import dev.sockscope.view.Sanitizer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One run of the command: parse, pick the command, turn what it throws into a message and an
 * exit status. Testable with any streams and a posed {@link Environment}; only {@link Main}
 * exits.
 */
public final class Sockscope {
    private final Context ctx;
    private boolean wentLive;

    public Sockscope(Environment environment, OutputStream stdout, PrintStream err, Path passwd) {
        this.ctx = new Context(environment, stdout, err, passwd);
    }

    public int run(String[] args) {
        Config config;
        try {
            config = CommandLineParser.parse(args, new CommandLineParser.Lookups() {
                @Override
                public ServiceRegistry services() {
                    return ctx.registry();
                }

                @Override
                public boolean knowsUser(String name) {
                    return ctx.users().knows(name);
                }
            });
        } catch (UsageException e) {
            ctx.err().println("sockscope: " + e.getMessage());
            return ExitCode.USAGE;
        }
        Phases.mark("parsed");
        switch (config.mode()) {
            case HELP:
                return print(CommandLineParser.help());
            case VERSION:
                return print(BuildInfo.versionText(SocketSources.autoChoice(config.procRoot())));
            case NETWORK:
                return new NetworkCommand(ctx).run(config.network());
            case PORT:
                return PortModes.run(config.ports(), ctx);
            default:
                break;
        }
        ctx.procRoot(config.procRoot());
        try (SocketSource source = SocketSources.open(
                config.backend().name().toLowerCase(Locale.ROOT), config.procRoot(), ctx.users(), config.netns())) {
            Phases.mark("source-open");
            switch (config.mode()) {
                case SUMMARY:
                    return new SummaryCommand(ctx).run(config, source);
                case PIDS:
                    return new PidsCommand(ctx).run(config, source);
                case KILL:
                case KILL_CONFIRMED:
                    return new KillCommand(ctx, System.in)
                            .run(config, source, config.mode() == Config.Mode.KILL_CONFIRMED);
                default:
                    break;
            }
            switch (config.export().mode()) {
                case DIFF:
                    return DiffCommand.run(config, source, ctx);
                case EVENTS:
                    return EventsCommand.run(config, source, ctx);
                case SERVE:
                    return ServeCommand.run(config, source, ctx);
                default:
                    break;
            }
            if (wantsLive(config)) {
                wentLive = true;
                int status = LiveCommand.run(config, source, ctx.registry(), ctx.environment(), ctx.err());
                if (status != LiveCommand.UNSUPPORTED) {
                    return status;
                }
                ctx.note("this terminal cannot show the live view; printing one snapshot");
            }
            return new ListCommand(ctx).run(config, source);
        } catch (SourceException e) {
            ctx.err().println("sockscope: " + e.getMessage());
            return ExitCode.UNREADABLE;
        } catch (NamespaceException e) {
            if (e.kind() == NamespaceException.Kind.UNKNOWN) {
                ctx.err().println("sockscope: --netns: " + Sanitizer.clean(e.getMessage()));
                return ExitCode.USAGE;
            }
            ctx.err().println("sockscope: --netns needs root (CAP_SYS_ADMIN): " + Sanitizer.clean(e.getMessage()));
            return ExitCode.UNREADABLE;
        }
    }

    /** Whether the last {@link #run} started the live view (which installs shutdown hooks). */
    public boolean wentLive() {
        return wentLive;
    }

    /** Live when asked or when both ends are terminals; TERM=dumb falls back to a snapshot with a note. */
    private boolean wantsLive(Config config) {
        Environment env = ctx.environment();
        if (config.mode() == Config.Mode.LIST || !env.stdinTty() || !env.stdoutTty()) {
            return false;
        }
        String term = env.env().get("TERM");
        if (term == null || term.isEmpty() || term.equals("dumb")) {
            ctx.note("TERM=" + (term == null ? "" : term)
                    + " cannot show the live view; printing one snapshot (use --list to silence this)");
            return false;
        }
        return true;
    }

    private int print(String text) {
        try {
            ctx.stdout().write(text.getBytes(StandardCharsets.UTF_8));
            ctx.stdout().flush();
        } catch (IOException e) {
            // nobody is reading: nothing to report
        }
        return ExitCode.OK;
    }
}
