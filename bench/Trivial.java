import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Start-up baseline for the benchmark: the least a Java program that lists TCP sockets must do.
 * Reads {@code /proc/net/tcp} whole and prints its number of lines minus the header.
 * Compiled once into {@code bench/out/} by {@code bench/run.sh} and run on the same JVM, with
 * the same flags and the same kind of class-data archive as {@code bin/sockscope}.
 */
public final class Trivial {
    private Trivial() {
    }

    public static void main(String[] args) throws IOException {
        byte[] table = Files.readAllBytes(Path.of(args.length > 0 ? args[0] : "/proc/net/tcp"));
        int lines = 0;
        for (byte b : table) {
            if (b == '\n') {
                lines++;
            }
        }
        System.out.println(Math.max(0, lines - 1));
    }
}
