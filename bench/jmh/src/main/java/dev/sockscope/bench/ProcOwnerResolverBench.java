package dev.sockscope.bench;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.owner.Owners;
import dev.sockscope.owner.ProcOwnerResolver;
import dev.sockscope.owner.UserNames;
import dev.sockscope.source.proc.InetTableParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The owner map: {@link ProcOwnerResolver#resolve} over the live {@code /proc} while
 * bench/loadgen holds {@code conns} loopback connections (two sockets each, in 9,000-connection
 * processes). The wanted inodes are every inode of {@code /proc/net/tcp} at set-up.
 *
 * <p>{@code fresh}: a new resolver per call (one {@code --list}: reads every fd of every
 * process). {@code reused}: one resolver called repeatedly with the default full re-scan
 * period (the live view and {@code --count}: mostly re-checks known fds).
 *
 * <p>Needs {@code bench/out/loadgen} (built by bench/run.sh, or
 * {@code gcc -O2 -o bench/out/loadgen bench/loadgen.c}); run from the repository root or set
 * {@code -Dsockscope.loadgen=PATH}. The load generator is this fork's own child: it is ended at
 * tear-down by closing its stdin, and is bounded by {@code --seconds} in any case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProcOwnerResolverBench {
    @Param({"10000", "40000"})
    public int conns;

    private Process loadgen;
    private long[] inodes;
    private UserNames users;
    private ProcOwnerResolver reused;

    @Setup(Level.Trial)
    public void startLoad() throws IOException {
        Path exe = Path.of(System.getProperty("sockscope.loadgen", "bench/out/loadgen"));
        if (!Files.isExecutable(exe)) {
            throw new IllegalStateException(exe + " is missing: run bench/run.sh once, or "
                    + "gcc -O2 -o bench/out/loadgen bench/loadgen.c");
        }
        loadgen = new ProcessBuilder(exe.toString(), "--conns", Integer.toString(conns), "--seconds", "1800")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader r = new BufferedReader(new InputStreamReader(loadgen.getInputStream(), StandardCharsets.US_ASCII));
        String line = r.readLine();
        if (line == null || !line.startsWith("ready")) {
            stopLoad();
            throw new IllegalStateException("loadgen did not get ready: " + line);
        }
        byte[] table = Files.readAllBytes(Path.of("/proc/net/tcp"));
        List<SocketEntry> rows = new ArrayList<>();
        new InetTableParser().parse(table, Proto.TCP, Family.IPV4, rows);
        inodes = new long[rows.size()];
        for (int i = 0; i < inodes.length; i++) {
            inodes[i] = rows.get(i).inode();
        }
        users = new UserNames(Path.of("/etc/passwd"));
        reused = new ProcOwnerResolver(Path.of("/proc"), users);
    }

    @TearDown(Level.Trial)
    public void stopLoad() {
        if (loadgen == null) {
            return;
        }
        try {
            loadgen.getOutputStream().close(); // EOF on its stdin: it kills its children and exits
            if (!loadgen.waitFor(60, TimeUnit.SECONDS)) {
                loadgen.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            loadgen.destroyForcibly();
        }
        loadgen = null;
    }

    @Benchmark
    public Owners fresh() {
        return new ProcOwnerResolver(Path.of("/proc"), users, 1).resolve(inodes);
    }

    @Benchmark
    public Owners reused() {
        return reused.resolve(inodes);
    }
}
