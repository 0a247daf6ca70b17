package dev.sockscope.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command as a separate process with a time limit, capturing status, stdout and stderr. */
public final class Launch {
    public final int status;
    public final String out;
    public final String err;

    private Launch(int status, String out, String err) {
        this.status = status;
        this.out = out;
        this.err = err;
    }

    public static Launch run(List<String> command, Map<String, String> env, long seconds)
            throws IOException, InterruptedException {
        Path outFile = Files.createTempFile("sockscope-out", ".txt");
        Path errFile = Files.createTempFile("sockscope-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectOutput(outFile.toFile())
                    .redirectError(errFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + seconds + " s: " + command);
            }
            return new Launch(
                    p.exitValue(),
                    Files.readString(outFile, StandardCharsets.UTF_8),
                    Files.readString(errFile, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(outFile);
            Files.deleteIfExists(errFile);
        }
    }

    /** The project's launcher, {@code bin/sockscope}, with arguments. */
    public static List<String> launcher(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of("bin/sockscope").toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Override
    public String toString() {
        return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
