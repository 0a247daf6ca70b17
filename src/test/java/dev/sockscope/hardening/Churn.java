package dev.sockscope.hardening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
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
 * The loopback churn of {@code src/test/resources/hardening/churn.py} as a started process: it
 * forks short-lived children that open and close TCP/UDP sockets on 127.0.0.1 and log every
 * (pid, inode) they hold, with CLOCK_MONOTONIC bounds of when they held it. {@link #stop()} asks
 * it to stop forking, waits until every child is reaped, and reads the log.
 */
final class Churn implements AutoCloseable {
    /**
     * The churn processes' name: one per test JVM ({@code /proc/PID/comm} holds 15 bytes), so a
     * churn that another run on the same machine started at the same time is not taken for this one.
     */
    static final String NAME = "sschurn-" + ProcessHandle.current().pid() % 10_000_000;

    private final Process process;
    private final BufferedReader out;
    private final Path log;
    private final Path stopFile;
    private String summary;

    private Churn(Process process, Path log, Path stopFile) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.log = log;
        this.stopFile = stopFile;
    }

    /** Starts the churn with at most {@code children} live children, for at most {@code seconds}. */
    static Churn start(Path dir, int children, int seconds) throws IOException {
        return start(dir, children, seconds, 1.0);
    }

    /**
     * Likewise, the lingering tenth of the children holding their sockets at least
     * {@code lingerSeconds} (then up to a second more) before they exit.
     */
    static Churn start(Path dir, int children, int seconds, double lingerSeconds) throws IOException {
        Path script = dir.resolve("churn.py");
        try (InputStream in = Churn.class.getResourceAsStream("/hardening/churn.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path log = dir.resolve("churn.log");
        Path stop = dir.resolve("churn.stop");
        Process p = new ProcessBuilder(List.of(
                        python(),
                        script.toString(),
                        "--log",
                        log.toString(),
                        "--seconds",
                        Integer.toString(seconds),
                        "--children",
                        Integer.toString(children),
                        "--name",
                        NAME,
                        "--stop-file",
                        stop.toString(),
                        "--linger",
                        Double.toString(lingerSeconds)))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Churn c = new Churn(p, log, stop);
        String first = c.out.readLine();
        if (!"started".equals(first)) {
            p.destroyForcibly();
            throw new IOException("churn did not start: " + first);
        }
        return c;
    }

    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /**
     * When a process held a socket: no earlier than {@code from}, no later than {@code to}
     * ({@link Long#MAX_VALUE} when the log shows no end), in {@link System#nanoTime()} units.
     */
    record Held(int pid, long from, long to) {
        boolean overlaps(long start, long end) {
            return from <= end && to >= start;
        }
    }

    /** Stops forking, waits for every child, returns inode to every holding of it. */
    Map<Long, List<Held>> stop() throws IOException, InterruptedException {
        Files.writeString(stopFile, "stop\n");
        summary = out.readLine();
        if (!process.waitFor(60, TimeUnit.SECONDS) || summary == null || !summary.startsWith("done")) {
            process.destroyForcibly();
            throw new IOException("churn did not finish: " + summary);
        }
        List<String[]> acquired = new ArrayList<>();
        Map<String, List<Long>> released = new HashMap<>();
        Map<Integer, List<Long>> exited = new HashMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.US_ASCII)) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "A" -> acquired.add(f);
                case "R" ->
                    released.computeIfAbsent(f[1] + " " + f[2], k -> new ArrayList<>())
                            .add(Long.parseLong(f[3]));
                case "X" ->
                    exited.computeIfAbsent(Integer.parseInt(f[1]), k -> new ArrayList<>())
                            .add(Long.parseLong(f[2]));
                default -> throw new IOException("bad churn log line: " + line);
            }
        }
        Map<Long, List<Held>> held = new HashMap<>();
        for (String[] f : acquired) {
            int pid = Integer.parseInt(f[1]);
            long inode = Long.parseLong(f[2]);
            long from = Long.parseLong(f[5]);
            // the first close of this socket by this pid after it came to hold it, else its exit
            long to = Long.MAX_VALUE;
            for (long t : released.getOrDefault(pid + " " + inode, List.of())) {
                if (t >= from) {
                    to = Math.min(to, t);
                }
            }
            for (long t : exited.getOrDefault(pid, List.of())) {
                if (t >= from) {
                    to = Math.min(to, t);
                }
            }
            held.computeIfAbsent(inode, k -> new ArrayList<>()).add(new Held(pid, from, to));
        }
        return held;
    }

    /** The churn's own figures ("done forks=F holdings=H"), after {@link #stop()}. */
    String summary() {
        return summary;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            Files.writeString(stopFile, "stop\n");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
