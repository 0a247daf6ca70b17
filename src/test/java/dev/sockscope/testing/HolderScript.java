package dev.sockscope.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process running {@code src/test/resources/netns/holder.py MODE ARGS} (optionally after a
 * prefix such as {@code ip netns exec NS}) that holds its sockets until {@link #close()} closes
 * its stdin, or 240 s pass. Only the process started here is ended, by its own handle.
 */
public final class HolderScript implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Map<String, String> facts = new HashMap<>();

    private HolderScript(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public static HolderScript start(List<String> prefix, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(HeldSockets.python());
        cmd.add(script().toString());
        cmd.addAll(List.of(args));
        HolderScript h = new HolderScript(new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start());
        h.await("ready");
        return h;
    }

    /** Reads facts until the line {@code word}. */
    public void await(String word) throws IOException {
        String line;
        while ((line = out.readLine()) != null && !line.equals(word)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (line == null) {
            process.destroy();
            throw new IOException("holder.py ended before '" + word + "': " + facts);
        }
    }

    private static synchronized Path script() throws IOException {
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "sockscope-test-holder"));
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        Path target = dir.resolve("netns-holder.py");
        try (var in = HolderScript.class.getResourceAsStream("/netns/holder.py")) {
            Files.write(target, in.readAllBytes());
        }
        target.toFile().setReadable(true, false);
        return target;
    }

    /** The pid the script reported (its own; under {@code ip netns exec} not the launcher's). */
    public int pid() {
        return Integer.parseInt(facts.get("pid"));
    }

    public long number(String key) {
        String v = facts.get(key);
        if (v == null) {
            throw new IllegalStateException("no fact " + key + " in " + facts);
        }
        return Long.parseLong(v);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone: nothing to close
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
