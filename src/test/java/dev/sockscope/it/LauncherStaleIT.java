package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.Launch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkout launcher's stale check: a checkout's copy (its launcher, a pom, sources, the built
 * jar and its libraries) with a {@code mvn} on PATH that only records its call and touches the
 * jar. The launcher calls it when a source is newer than the jar or the jar is missing, and not
 * otherwise; each run then goes on to run the jar.
 */
class LauncherStaleIT {
    @TempDir
    Path dir;

    private Path checkout;
    private Path jar;
    private Path source;
    private Path calls;
    private Map<String, String> env;

    @BeforeEach
    void copyCheckout() throws Exception {
        checkout = dir.resolve("checkout");
        Files.createDirectories(checkout.resolve("bin"));
        Files.createDirectories(checkout.resolve("src/main/java/x"));
        Files.createDirectories(checkout.resolve("target"));
        Files.copy(Path.of("bin/sockscope"), checkout.resolve("bin/sockscope"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(Path.of("pom.xml"), checkout.resolve("pom.xml"));
        source = checkout.resolve("src/main/java/x/A.java");
        Files.writeString(source, "class A {}\n");
        Files.createSymbolicLink(
                checkout.resolve("target/lib"), Path.of("target/lib").toAbsolutePath());
        jar = checkout.resolve("target/sockscope.jar");
        Files.copy(Path.of("target/sockscope.jar"), jar);
        Instant now = Instant.now();
        for (Path p : List.of(
                checkout.resolve("pom.xml"),
                source,
                checkout.resolve("src/main/java/x"),
                checkout.resolve("src/main/java"),
                checkout.resolve("src/main"))) {
            Files.setLastModifiedTime(p, FileTime.from(now.minusSeconds(3600)));
        }
        Files.setLastModifiedTime(jar, FileTime.from(now.minusSeconds(60)));

        Path bin = dir.resolve("fake-bin");
        Files.createDirectories(bin);
        calls = dir.resolve("mvn-calls");
        Path mvn = bin.resolve("mvn");
        Files.writeString(
                mvn,
                "#!/bin/sh\necho \"$*\" >> '" + calls + "'\ncp '"
                        + Path.of("target/sockscope.jar").toAbsolutePath() + "' target/sockscope.jar\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        env = Map.of(
                "PATH",
                bin + ":/usr/bin:/bin",
                "SOCKSCOPE_NO_ARCHIVE",
                "1",
                "XDG_CACHE_HOME",
                dir.resolve("cache").toString());
    }

    private Launch version() throws Exception {
        Launch l = Launch.run(List.of(checkout.resolve("bin/sockscope").toString(), "--version"), env, 120);
        assertEquals(0, l.status, l.toString());
        assertTrue(l.out.startsWith("sockscope "), l.out);
        return l;
    }

    private int builds() throws Exception {
        return Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
    }

    @Test
    void aJarNewerThanEverySourceIsRunAsItIs() throws Exception {
        Launch l = version();
        assertEquals(0, builds(), l.toString());
        assertFalse(l.err.contains("building"), l.err);
    }

    @Test
    void aSourceNewerThanTheJarIsBuiltFirstOnce() throws Exception {
        Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
        Launch l = version();
        assertEquals(1, builds(), l.toString());
        assertTrue(l.err.contains("sockscope: building target/sockscope.jar"), l.err);
        version();
        assertEquals(1, builds(), "the jar the build made is newer than the sources: no second build");
    }

    @Test
    void aNewerPomIsASourceToo() throws Exception {
        Files.setLastModifiedTime(checkout.resolve("pom.xml"), FileTime.from(Instant.now()));
        version();
        assertEquals(1, builds());
    }

    @Test
    void anEditorsDotFileIsNotASource() throws Exception {
        Files.writeString(checkout.resolve("src/main/java/x/.A.java.swp"), "swap");
        Files.setLastModifiedTime(
                checkout.resolve("src/main/java/x"), FileTime.from(Instant.now().minusSeconds(3600)));
        version();
        assertEquals(0, builds());
    }

    @Test
    void aMissingJarIsBuilt() throws Exception {
        Files.delete(jar);
        version();
        assertEquals(1, builds());
    }
}
