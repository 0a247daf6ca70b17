package dev.sockscope;

import dev.sockscope.cli.CommandLineParser;
import dev.sockscope.cli.Config;
import dev.sockscope.cli.ExitCode;
import dev.sockscope.cli.UsageException;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.owner.UserNames;
import dev.sockscope.service.BundledServiceRegistry;
import dev.sockscope.service.ReverseDns;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SocketSources;
import dev.sockscope.source.SourceException;
import dev.sockscope.view.CsvWriter;
import dev.sockscope.view.Fields;
import dev.sockscope.view.JsonWriter;
import dev.sockscope.view.TableWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One run of the command: parse, read, select, print; returns the exit status. Testable with
 * any streams and a posed {@link Environment}; only {@link Main} exits.
 */
public final class Sockscope {
    private final Environment environment;
    private final OutputStream stdout;
    private final PrintStream err;
    private final Path passwd;
    private ServiceRegistry registry;
    private Path procRoot = Path.of("/proc");
    private boolean wentLive;

    public Sockscope(Environment environment, OutputStream stdout, PrintStream err, Path passwd) {
        this.environment = environment;
        this.stdout = stdout;
        this.err = err;
        this.passwd = passwd;
    }

    public int run(String[] args) {
        Config config;
        try {
            config = CommandLineParser.parse(args, this::registryForParsing);
        } catch (UsageException e) {
            err.println("sockscope: " + e.getMessage());
            return ExitCode.USAGE;
        }
        switch (config.action()) {
            case HELP:
                return printText(CommandLineParser.help());
            case VERSION:
                return printText("sockscope " + version() + "\n");
            case NETWORK:
                return new NetworkCommand(stdout, err, passwd).run(args);
            default:
                break;
        }
        if (!config.procRoot().equals(procRoot)) {
            registry = null; // loaded for a port name while parsing: its ephemeral range is /proc's
            procRoot = config.procRoot();
        }
        UserNames users = new UserNames(passwd);
        try (SocketSource source = SocketSources.open(
                config.backend().name().toLowerCase(java.util.Locale.ROOT), config.procRoot(), users)) {
            if (wantsLive(config)) {
                wentLive = true;
                int status = LiveLauncher.run(config, source, registry(), environment, err);
                if (status != LiveLauncher.UNSUPPORTED) {
                    return status;
                }
                err.println("sockscope: note: this terminal cannot show the live view; printing one snapshot");
            }
            return list(config, source);
        } catch (SourceException e) {
            err.println("sockscope: " + e.getMessage());
            return ExitCode.UNREADABLE;
        }
    }

    /** Whether the last {@link #run} started the live view (which installs shutdown hooks). */
    public boolean wentLive() {
        return wentLive;
    }

    /** Live when asked or when both ends are terminals; TERM=dumb falls back to a snapshot with a note. */
    private boolean wantsLive(Config config) {
        if (config.mode() == Config.Mode.LIST) {
            return false;
        }
        if (!environment.stdinTty() || !environment.stdoutTty()) {
            return false;
        }
        String term = environment.env().get("TERM");
        if (term == null || term.isEmpty() || term.equals("dumb")) {
            err.println("sockscope: note: TERM=" + (term == null ? "" : term)
                    + " cannot show the live view; printing one snapshot (use --list to silence this)");
            return false;
        }
        return true;
    }

    private int list(Config config, SocketSource source) throws SourceException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
        boolean names = !config.numeric();
        ServiceRegistry reg = registry();
        Function<String, String> resolver = null;
        ReverseDns dns = null;
        if (config.resolve()) {
            dns = ReverseDns.create();
            resolver = dns::lookup;
        }
        boolean anyShown = false;
        boolean notesGiven = false;
        CsvWriter csv = null;
        try {
            for (int i = 0; config.count() == 0 || i < config.count(); i++) {
                if (i > 0) {
                    sleep(config.intervalMs());
                }
                Snapshot snap = source.read(config.tables());
                List<SocketRow> rows = select(snap, config, reg);
                if (!notesGiven) {
                    notes(snap, rows);
                    notesGiven = true;
                }
                anyShown |= !rows.isEmpty();
                if (dns != null) {
                    List<String> addresses = new ArrayList<>();
                    for (SocketRow r : rows) {
                        addresses.add(r.entry().remoteAddress());
                    }
                    dns.awaitAll(addresses, Duration.ofSeconds(2));
                }
                switch (config.format()) {
                    case JSON:
                        new JsonWriter(new Fields(reg, names)).write(rows, out);
                        break;
                    case CSV:
                        if (csv == null) {
                            csv = new CsvWriter(new Fields(reg, names));
                            csv.writeHeader(out);
                        }
                        csv.writeRows(rows, out);
                        break;
                    default:
                        if (i > 0) {
                            out.write('\n');
                        }
                        new TableWriter(
                                        names ? reg : null,
                                        resolver,
                                        environment.columns(),
                                        environment.colorAllowed() && !config.noColor())
                                .write(rows, out);
                }
                out.flush();
            }
        } catch (IOException e) {
            // the reader went away (`sockscope --list | head -1`): stop quietly, as netstat does
            return anyShown ? ExitCode.OK : ExitCode.NO_MATCH;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return anyShown ? ExitCode.OK : ExitCode.NO_MATCH;
    }

    static List<SocketRow> select(Snapshot snap, Config config, ServiceRegistry reg) {
        List<SocketRow> rows = new ArrayList<>(snap.rows().size());
        for (SocketRow r : snap.rows()) {
            if (config.filter().test(r)) {
                rows.add(r);
            }
        }
        config.sort().sort(rows, reg, config.reverse());
        return rows;
    }

    /** Notes on stderr, once per run: unparsed lines, hidden owners, what the platform lacks. */
    private void notes(Snapshot snap, List<SocketRow> rows) {
        if (snap.unparsedLines() > 0) {
            err.println("sockscope: note: " + snap.unparsedLines() + " line" + (snap.unparsedLines() == 1 ? "" : "s")
                    + " of the connection tables could not be parsed and "
                    + (snap.unparsedLines() == 1 ? "was" : "were")
                    + " skipped");
        }
        if (snap.hiddenOwners() > 0) {
            int ownerless = 0;
            for (SocketRow r : rows) {
                if (r.holders().isEmpty() && r.entry().inode() > 0) {
                    ownerless++;
                }
            }
            if (ownerless > 0) {
                String hidden = snap.hiddenOwners() == 1 ? "1 process" : snap.hiddenOwners() + " processes";
                err.println("sockscope: note: " + ownerless + (ownerless == 1 ? " socket shows" : " sockets show")
                        + " no owner: "
                        + ("root".equals(System.getProperty("user.name"))
                                ? hidden + " could not be inspected (access denied)"
                                : hidden + " of other users could not be inspected; run as root to see every owner"));
            }
        }
        if (snap.platformNote() != null) {
            err.println("sockscope: note: " + snap.platformNote());
        }
    }

    private int printText(String text) {
        try {
            stdout.write(text.getBytes(StandardCharsets.UTF_8));
            stdout.flush();
        } catch (IOException e) {
            // nobody is reading: nothing to report
        }
        return ExitCode.OK;
    }

    private ServiceRegistry registryForParsing() {
        return registry();
    }

    private ServiceRegistry registry() {
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

    private static void sleep(long ms) throws InterruptedException {
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    static String version() {
        Package p = Sockscope.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
