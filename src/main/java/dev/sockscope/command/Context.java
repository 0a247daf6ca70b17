package dev.sockscope.command;

import dev.sockscope.cli.Config;
import dev.sockscope.owner.UserNames;
import dev.sockscope.service.BundledServiceRegistry;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.Namespaces;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every command runs with: the streams, the environment, the user names and the port
 * registry (loaded on first use, for the {@code /proc} tree the run reads).
 */
public final class Context {
    private final Environment environment;
    private final OutputStream stdout;
    private final PrintStream err;
    private final UserNames users;
    private Path procRoot = Path.of("/proc");
    private ServiceRegistry registry;

    public Context(Environment environment, OutputStream stdout, PrintStream err, Path passwd) {
        this.environment = environment;
        this.stdout = stdout;
        this.err = err;
        this.users = new UserNames(passwd);
    }

    public Environment environment() {
        return environment;
    }

    public OutputStream stdout() {
        return stdout;
    }

    public PrintStream err() {
        return err;
    }

    public UserNames users() {
        return users;
    }

    /** A note on stderr: {@code sockscope: note: ...}. */
    public void note(String text) {
        err.println("sockscope: note: " + text);
    }

    /** Reads the ephemeral port range from this tree from now on. */
    public void procRoot(Path root) {
        if (!root.equals(procRoot)) {
            registry = null; // loaded for a port name while parsing: its ephemeral range is /proc's
            procRoot = root;
        }
    }

    public ServiceRegistry registry() {
        if (registry == null) {
            BundledServiceRegistry r = BundledServiceRegistry.load(procRoot);
            if (r.ephemeralLow() < 0 && !Files.isDirectory(Path.of("/proc/sys"))) {
                // not Linux: macOS, Windows and the BSDs use IANA's dynamic range by default
                r = BundledServiceRegistry.withEphemeralRange(
                        BundledServiceRegistry.IANA_DYNAMIC_LOW, BundledServiceRegistry.IANA_DYNAMIC_HIGH);
            }
            registry = r;
        }
        return registry;
    }

    /**
     * The note on network namespaces for this run: without {@code --netns}, that this process
     * runs outside the host's namespace and sees only its own; with it, that it runs outside
     * (it reads what was asked either way); null when there is nothing to say or a captured
     * tree is read.
     */
    public static String namespaceNote(Config config) {
        Path root = config.procRoot();
        if (!root.toString().equals("/proc")) {
            return null;
        }
        return config.netns() == null ? Namespaces.note(root) : Namespaces.outsideNote(root, Path.of("/run/netns"));
    }

    /** Whether this process runs as root (owners of every process visible). */
    public static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }
}
