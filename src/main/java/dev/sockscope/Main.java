package dev.sockscope;

import dev.sockscope.cli.ExitCode;
import dev.sockscope.command.Environment;
import dev.sockscope.trace.Phases;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Path;

/** Entry point: the only place that ends the JVM ({@code System.exit}, or {@code halt} after a snapshot). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Phases.mark("main");
        String training = System.getProperty("sockscope.training");
        if (training != null) {
            Training.run(training);
            Runtime.getRuntime().halt(0);
        }
        int status;
        boolean hooks = true;
        try {
            // not System.out: a PrintStream hides the broken pipe of `sockscope --list | head -1`
            Sockscope run = new Sockscope(
                    Environment.detect(), new FileOutputStream(FileDescriptor.out), System.err, Path.of("/etc/passwd"));
            status = run.run(args);
            hooks = run.wentLive();
        } catch (RuntimeException | Error e) {
            // a bug, not bad input: still one line, never a stack trace over the user's terminal
            System.err.println("sockscope: internal error: " + e);
            status = ExitCode.INTERNAL;
        }
        if (hooks) {
            System.exit(status);
        }
        // A snapshot has no shutdown hook to run and its output is flushed. System.exit would
        // start the JDK's logging to report the exit (JDK 21+): 10 ms of a 40 ms snapshot.
        Phases.mark("exit");
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }
}
