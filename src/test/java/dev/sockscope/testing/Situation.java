package dev.sockscope.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A separate process ({@code src/test/resources/health/situations.py}) that makes one socket
 * situation on loopback (a CLOSE_WAIT pile, a full accept queue, ...) and keeps it until closed,
 * until its stdin closes, or after 60 s. {@link #close()} ends only the process it started.
 */
public final class Situation implements AutoCloseable {
    private final Process process;
    private final OutputStream stdin;
    private final Map<String, String> facts;

    private Situation(Process process, Map<String, String> facts) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.facts = facts;
    }

    /** Starts {@code situations.py SITUATION ARGS...}, after {@code prefix} (e.g. {@code ip netns exec NS}). */
    public static Situation start(List<String> prefix, String situation, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(HeldSockets.python(), script().toString(), situation));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, String> facts = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null && !line.equals("ready")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (line == null) {
            p.destroy();
            throw new IOException("situation " + situation + " did not start: " + facts);
        }
        return new Situation(p, facts);
    }

    public static Situation start(String situation, String... args) throws IOException {
        return start(List.of(), situation, args);
    }

    /** The script, copied where any user can read it. */
    static synchronized Path script() throws IOException {
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "sockscope-test-holder"));
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        Path target = dir.resolve("situations.py");
        try (var in = Situation.class.getResourceAsStream("/health/situations.py")) {
            Files.write(target, in.readAllBytes());
        }
        target.toFile().setReadable(true, false);
        return target;
    }

    /** The pid the script reported (its own; under {@code ip netns exec} not the launcher's). */
    public int pid() {
        return Integer.parseInt(facts.get("pid"));
    }

    public int port() {
        return Integer.parseInt(facts.get("port"));
    }

    public String fact(String key) {
        return facts.get(key);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone (a test terminated it): nothing to close
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
