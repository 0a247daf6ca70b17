package dev.sockscope;

import dev.sockscope.command.Environment;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The class-data archive's training run (the launcher starts it once per jar and JDK with
 * {@code -Dsockscope.training=true}): the snapshots users take most, one after the other in one
 * JVM, output dropped, so that the archive holds the classes and linked call sites of each of
 * them, not only of the first. A JSON or CSV snapshot, or one read from {@code /proc}, otherwise
 * loads and links its own classes from the jar at every start.
 */
final class Training {
    /** Each a whole command line; all read this host's sockets once. */
    static final List<List<String>> RUNS = List.of(
            List.of("--list", "-tuxw"),
            List.of("--list", "-tuxw", "--backend", "proc"),
            List.of("--list", "-tu", "--format", "json"),
            List.of("--list", "-tu", "--format", "csv"),
            List.of("--list", "-tu", "--count", "2", "--interval", "0"));

    private Training() {}

    static void run() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        for (List<String> args : RUNS) {
            new Sockscope(Environment.detect(), OutputStream.nullOutputStream(), nowhere, Path.of("/etc/passwd"))
                    .run(args.toArray(new String[0]));
        }
    }
}
