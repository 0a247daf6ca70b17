package dev.sockscope;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Path;

/** Entry point: the only place that calls {@code System.exit}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status;
        try {
            // not System.out: a PrintStream hides the broken pipe of `sockscope --list | head -1`
            status = new Sockscope(Environment.detect(), new FileOutputStream(FileDescriptor.out), System.err, Path.of("/etc/passwd")).run(args);
        } catch (RuntimeException | Error e) {
            // a bug, not bad input: still one line, never a stack trace over the user's terminal
            System.err.println("sockscope: internal error: " + e);
            status = 70;
        }
        System.exit(status);
    }
}
