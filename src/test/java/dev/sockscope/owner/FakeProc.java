package dev.sockscope.owner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Builds a {@code /proc}-shaped tree: {@code [pid]/fd/N} symlinks, {@code comm},
 * {@code cmdline}, {@code status}, and a {@code stat} whose start time changes whenever a pid
 * is created again (what {@link StampedFiles} uses as process identity).
 */
final class FakeProc {
    final Path root;
    private long nextStartTime = 1000;

    FakeProc(Path root) {
        this.root = root;
    }

    Path dir(int pid) {
        return root.resolve(Integer.toString(pid));
    }

    /** A process named {@code comm} running {@code comm} with no arguments, as {@code uid}. */
    FakeProc process(int pid, String comm, int uid) {
        return process(pid, utf8(comm + "\n"), utf8(comm + "\0"), uid);
    }

    /** A process with raw {@code comm} and {@code cmdline} bytes; {@code uid} null writes no status file. */
    FakeProc process(int pid, byte[] comm, byte[] cmdline, Integer uid) {
        try {
            Path d = dir(pid);
            Files.createDirectories(d.resolve("fd"));
            Files.write(d.resolve("comm"), comm);
            Files.write(d.resolve("cmdline"), cmdline);
            if (uid != null) {
                Files.writeString(
                        d.resolve("status"),
                        "Name:\tx\nUmask:\t0022\nState:\tS (sleeping)\n"
                                + "Tgid:\t" + pid + "\nPid:\t" + pid + "\nPPid:\t1\n"
                                + "Uid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n"
                                + "Gid:\t0\t0\t0\t0\nFDSize:\t64\n");
            }
            Files.writeString(
                    d.resolve("stat"),
                    pid + " (x y) S 1 1 1 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 " + (nextStartTime++) + " 0 0\n");
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeProc socket(int pid, int fd, long inode) {
        return link(pid, fd, "socket:[" + inode + "]");
    }

    FakeProc link(int pid, int fd, String target) {
        try {
            Path link = dir(pid).resolve("fd").resolve(Integer.toString(fd));
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Paths.get(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeProc close(int pid, int fd) {
        try {
            Files.delete(dir(pid).resolve("fd").resolve(Integer.toString(fd)));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeProc write(int pid, String file, byte[] content) {
        try {
            Files.write(dir(pid).resolve(file), content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Thread {@code tid} of {@code pid} has run {@code ran} ns and been put on a CPU {@code times} times. */
    FakeProc schedstat(int pid, int tid, long ran, long times) {
        try {
            Path d = dir(pid).resolve("task").resolve(Integer.toString(tid));
            Files.createDirectories(d);
            Files.writeString(d.resolve("schedstat"), ran + " 12345 " + times + "\n");
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeProc exit(int pid) {
        deleteTree(dir(pid));
        return this;
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.delete(x);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
