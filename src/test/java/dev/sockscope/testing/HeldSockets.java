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
 * A separate process ({@code src/test/resources/holder/socket_holder.py}) holding a known set of
 * loopback and unix sockets, as a user's program would. It ends when closed, when its stdin
 * closes, or after its time limit; {@link #close()} ends only the processes it started.
 */
public final class HeldSockets implements AutoCloseable {
    private final Process process;
    private final OutputStream stdin;
    private final Map<String, String> facts = new HashMap<>();

    private HeldSockets(Process process, Map<String, String> facts) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.facts.putAll(facts);
    }

    /**
     * @param commandPrefix e.g. {@code setpriv --reuid=65534 ...} to run as another user; may be empty
     * @param name          the process name (comm) to take
     * @param dir           where unix socket files go
     */
    public static HeldSockets start(List<String> commandPrefix, String name, Path dir) throws IOException {
        return start(commandPrefix, name, dir, 120);
    }

    /** As above, holding the sockets for at most {@code seconds}. */
    public static HeldSockets start(List<String> commandPrefix, String name, Path dir, int seconds) throws IOException {
        Path script = script();
        List<String> cmd = new ArrayList<>(commandPrefix);
        cmd.addAll(List.of(
                python(),
                script.toString(),
                "--name",
                name,
                "--seconds",
                Integer.toString(seconds),
                "--dir",
                dir.toString()));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, String> facts = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null && !line.equals("ready"); ) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (!facts.containsKey("shared.child")) {
            p.destroy();
            throw new IOException("socket holder did not start: " + facts);
        }
        return new HeldSockets(p, facts);
    }

    /** The system's python3 (a per-user install such as pyenv's is not runnable by other users). */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** The holder script, copied where any user can read it. */
    static synchronized Path script() throws IOException {
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "sockscope-test-holder"));
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        Path target = dir.resolve("socket_holder.py");
        try (var in = HeldSockets.class.getResourceAsStream("/holder/socket_holder.py")) {
            Files.write(target, in.readAllBytes());
        }
        target.toFile().setReadable(true, false);
        return target;
    }

    public int pid() {
        return Integer.parseInt(facts.get("pid"));
    }

    public int childPid() {
        return Integer.parseInt(facts.get("shared.child"));
    }

    public int port(String key) {
        return Integer.parseInt(facts.get(key));
    }

    public String text(String key) {
        return facts.get(key);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stdin.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
