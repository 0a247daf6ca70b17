package dev.sockscope.command;

import dev.sockscope.cli.Config;
import dev.sockscope.cli.ExitCode;
import dev.sockscope.query.FilterWords;
import dev.sockscope.service.ReverseDns;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.SocketSource;
import dev.sockscope.view.live.LiveOptions;
import dev.sockscope.view.live.LiveView;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Starts the live view. A class of its own so that JLine is loaded only when the view runs,
 * never on the {@code --list} path.
 */
public final class LiveCommand {
    /** The terminal cannot host a full-screen view. */
    public static final int UNSUPPORTED = -1;

    private LiveCommand() {}

    /**
     * @return the view's exit status, or {@link #UNSUPPORTED} when the terminal cannot host it
     *         (the caller then prints a snapshot)
     */
    public static int run(
            Config config, SocketSource source, ServiceRegistry registry, Environment env, PrintStream err) {
        ReverseDns dns = config.resolve() ? ReverseDns.create() : null;
        try {
            LiveOptions options = new LiveOptions(
                    source,
                    config.tables(),
                    config.listening(),
                    config.selection(),
                    config.selection().toString(),
                    words -> FilterWords.parse(words, registry),
                    registry,
                    Duration.ofMillis(config.intervalMs()),
                    env.colorAllowed() && !config.noColor(),
                    config.numeric(),
                    dns == null ? null : dns::lookup,
                    err);
            int status = LiveView.run(options);
            if (status == LiveView.UNSUPPORTED) {
                return UNSUPPORTED;
            }
            return status == LiveView.QUIT ? ExitCode.OK : ExitCode.UNREADABLE;
        } finally {
            if (dns != null) {
                dns.close();
            }
        }
    }
}
