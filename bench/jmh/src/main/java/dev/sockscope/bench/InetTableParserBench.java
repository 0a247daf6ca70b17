package dev.sockscope.bench;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.source.proc.InetTableParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing a whole {@code /proc/net/tcp} or {@code tcp6} table with {@link InetTableParser}.
 *
 * <p>The table is synthetic but byte-for-byte in the kernel's format (tcp4 rows padded to 149
 * characters as {@code tcp4_seq_show} pads them): the shape bench/loadgen produces, both ends of
 * loopback connections from 127.0.0.2..9 to one listener per 9000 connections. {@code fresh}
 * parses with a new parser each time (one {@code --list}); {@code reused} keeps one parser and
 * its address cache (the live view and {@code --count}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InetTableParserBench {
    /** Rows in the table (sockets, not connections). */
    @Param({"20000", "80000"})
    public int rows;

    @Param({"IPV4", "IPV6"})
    public Family family;

    private byte[] table;
    private InetTableParser reused;

    @Setup
    public void makeTable() {
        table = TableText.tcpTable(rows, family == Family.IPV6).getBytes(StandardCharsets.US_ASCII);
        reused = new InetTableParser();
        // sanity: every synthetic row must parse, or the benchmark measures the error path
        List<SocketEntry> out = new ArrayList<>(rows);
        int bad = reused.parse(table, Proto.TCP, family, out);
        if (bad != 0 || out.size() != rows) {
            throw new IllegalStateException("synthetic table: " + out.size() + " rows, " + bad + " bad");
        }
    }

    @Benchmark
    public List<SocketEntry> fresh() {
        List<SocketEntry> out = new ArrayList<>(rows);
        new InetTableParser().parse(table, Proto.TCP, family, out);
        return out;
    }

    @Benchmark
    public List<SocketEntry> reused() {
        List<SocketEntry> out = new ArrayList<>(rows);
        reused.parse(table, Proto.TCP, family, out);
        return out;
    }
}
