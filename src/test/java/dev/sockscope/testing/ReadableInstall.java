package dev.sockscope.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of the built jar and its libraries under /tmp that {@code nobody} can read (the checkout
 * may not be), for the tests that run sockscope as another user.
 */
public final class ReadableInstall {
    /** Runs what follows as {@code nobody}, without capabilities. */
    public static final List<String> AS_NOBODY =
            List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all");

    private ReadableInstall() {}

    /** The jar the build made ({@code -Dsockscope.jar}, else target/sockscope.jar). */
    public static Path jar() {
        return Path.of(System.getProperty("sockscope.jar", "target/sockscope.jar"));
    }

    /**
     * A new directory /tmp/PREFIX… holding sockscope.jar and lib/ (the jar's libraries), and the
     * JNI library beside both sockscope.jar and lib/ (native/, where a jar in either looks).
     */
    public static Path copy(String prefix) throws IOException {
        Path jar = jar();
        Path dir = Files.createTempDirectory(
                Path.of("/tmp"),
                prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createDirectories(dir.resolve("lib"));
        Files.copy(jar, dir.resolve("sockscope.jar"), StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> libs = Files.list(jar.resolveSibling("lib"))) {
            for (Path lib : (Iterable<Path>) libs::iterator) {
                Files.copy(lib, dir.resolve("lib").resolve(lib.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path natives = jar.resolveSibling("native");
        if (Files.isDirectory(natives)) {
            copyTree(natives, dir.resolve("native"));
            copyTree(natives, dir.resolve("lib").resolve("native"));
        }
        return dir;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Makes everything under {@code dir} readable and executable by everyone. */
    public static void openToAll(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.forEach(p -> {
                p.toFile().setReadable(true, false);
                p.toFile().setExecutable(true, false);
            });
        }
    }
}
