package dev.sockscope;

import dev.sockscope.command.Environment;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A class-data archive's training run (the launcher starts it once per jar, JDK and kind of run
 * with {@code -Dsockscope.training=KIND}): snapshots one after the other in one JVM, output
 * dropped, so that the archive holds the classes and linked call sites of each of them, not only
 * of the first.
 *
 * <p>Two kinds ({@code LaunchWords}: the launcher tells them apart by the options): {@code table},
 * a plain one-shot table, the snapshot users take most; {@code full}, everything else (JSON,
 * CSV, {@code /proc}, repeated snapshots, the live view). The JVM loads every class of an AOT
 * cache at start, so one archive for both made the plain table pay for JSON's, CSV's and the
 * time line's classes at every start: 61-65 against 53-56 ms at idle (JDK 25, hyperfine, 40
 * runs each, same minute). A JSON or CSV snapshot, or one read from {@code /proc}, without
 * them in its archive loads and links its own classes from the jar at every start.
 *
 * <p>The runs see the host as it is, an idle one as a rule, so the training holds a few sockets
 * of its own ({@link TrainingSockets}: connected TCP and UDP rows, which an idle host may lack),
 * reads fd tables on two threads whatever their size ({@code FdTables}: a host's large tables
 * take that path), and writes to the same kind of stream as a real run: its standard output and
 * error, which the launcher sends to {@code /dev/null}.
 */
final class Training {
    /** The plain table: each a whole command line, all reading this host's sockets once. */
    static final List<List<String>> TABLE = List.of(List.of("--list", "-tuxw"));

    /** Every other kind of run, and the plain table too (a live view shares its classes). */
    static final List<List<String>> FULL = List.of(
            List.of("--list", "-tuxw"),
            List.of("--list", "-tuxw", "--backend", "proc"),
            List.of("--list", "-tu", "--format", "json"),
            List.of("--list", "-tu", "--format", "csv"),
            List.of("--list", "-tu", "--count", "2", "--interval", "0"));

    private Training() {}

    /** The runs of a kind: {@code table}, or the full set for any other value. */
    static List<List<String>> runs(String kind) {
        return "table".equals(kind) ? TABLE : FULL;
    }

    static void run(String kind) {
        try (TrainingSockets sockets = TrainingSockets.open()) {
            for (List<String> args : runs(kind)) {
                new Sockscope(
                                Environment.detect(),
                                new FileOutputStream(FileDescriptor.out),
                                System.err,
                                Path.of("/etc/passwd"))
                        .run(args.toArray(new String[0]));
            }
        }
    }
}
