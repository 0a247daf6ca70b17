package dev.sockscope;

import dev.sockscope.cli.ExitCode;
import dev.sockscope.cli.ModeOptions;
import dev.sockscope.cli.UsageException;
import dev.sockscope.owner.UserNames;
import dev.sockscope.service.BundledServiceRegistry;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SocketSources;
import dev.sockscope.source.SourceException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The port modes' run: {@code --explain} ({@link ExplainCommand}), {@code --wait-listen} and
 * {@code --wait-free} ({@link WaitCommand}). Parses their command line, opens the source, and
 * maps failures to exit statuses.
 */
final class PortModes {
    private PortModes() {}

    static int run(String[] args, OutputStream stdout, PrintStream err, Path passwd) {
        ServiceRegistry[] registry = new ServiceRegistry[1];
        ModeOptions.ModeConfig config;
        try {
            config = ModeOptions.parse(args, () -> registry(registry, Path.of("/proc")));
        } catch (UsageException e) {
            err.println("sockscope: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (registry[0] == null || !config.procRoot().equals(Path.of("/proc"))) {
            registry[0] = null;
            registry(registry, config.procRoot());
        }
        UserNames users = new UserNames(passwd);
        try (SocketSource source =
                SocketSources.open(config.backend().name().toLowerCase(Locale.ROOT), config.procRoot(), users)) {
            if (config.kind() == ModeOptions.Kind.EXPLAIN) {
                return new ExplainCommand(source, registry[0], config.procRoot(), users, stdout, err).run(config);
            }
            return new WaitCommand(source, config.procRoot(), err).run(config);
        } catch (SourceException e) {
            err.println("sockscope: " + e.getMessage());
            return ExitCode.UNREADABLE;
        }
    }

    private static ServiceRegistry registry(ServiceRegistry[] holder, Path procRoot) {
        if (holder[0] == null) {
            BundledServiceRegistry r = BundledServiceRegistry.load(procRoot);
            if (r.ephemeralLow() < 0 && !Files.isDirectory(Path.of("/proc/sys"))) {
                // not Linux: IANA's dynamic range is the ephemeral one on macOS, Windows, the BSDs
                r = BundledServiceRegistry.withEphemeralRange(
                        BundledServiceRegistry.IANA_DYNAMIC_LOW, BundledServiceRegistry.IANA_DYNAMIC_HIGH);
            }
            holder[0] = r;
        }
        return holder[0];
    }
}
