package dev.sockscope.testing;

import dev.sockscope.Sockscope;
import dev.sockscope.command.Environment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs sockscope in this JVM as if piped (not a terminal), capturing exit status, stdout and stderr. */
public final class Run {
    public final int status;
    public final String out;
    public final String err;

    private Run(int status, String out, String err) {
        this.status = status;
        this.out = out;
        this.err = err;
    }

    public static Run of(String... args) {
        return with(new Environment(false, false, 0, Map.of()), args);
    }

    public static Run with(Environment env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = new Sockscope(env, out, errStream, Path.of("/etc/passwd")).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
