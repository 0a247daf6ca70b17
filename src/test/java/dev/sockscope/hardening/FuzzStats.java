package dev.sockscope.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of a fuzz run, printed at its end and appended to
 * {@code target/hardening/figures.txt} so the figures in {@code docs/reliability.md} can be
 * reproduced from a plain {@code mvn verify}.
 */
final class FuzzStats {
    private final String name;
    private final Map<String, Long> counts = new TreeMap<>();

    FuzzStats(String name) {
        this.name = name;
    }

    void add(String key, long n) {
        counts.merge(key, n, Long::sum);
    }

    void inc(String key) {
        add(key, 1);
    }

    long get(String key) {
        return counts.getOrDefault(key, 0L);
    }

    /** Prints and records the counters. */
    void report(String extra) {
        StringBuilder b = new StringBuilder(name).append(":");
        counts.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        if (extra != null && !extra.isEmpty()) {
            b.append(' ').append(extra);
        }
        record(b.toString());
    }

    static synchronized void record(String line) {
        System.out.println(line);
        try {
            Path dir = Files.createDirectories(Path.of("target", "hardening"));
            Files.writeString(
                    dir.resolve("figures.txt"), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a failing input where a developer can replay it; returns its path. */
    static Path keep(String name, byte[] data) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "hardening", "failures"));
            return Files.write(dir.resolve(name), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
