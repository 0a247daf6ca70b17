package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.cli.LaunchWords;
import dev.sockscope.testing.Launch;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tarball `mvn package` makes, unpacked and run as a user runs it. */
class DistributionIT {
    @TempDir
    static Path dir;

    private static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path tarball = Path.of("target/sockscope-0.1.0.tar.gz");
        assertTrue(Files.isRegularFile(tarball), "mvn package makes " + tarball);
        Launch l = Launch.run(List.of("tar", "-xzf", tarball.toString(), "-C", dir.toString()), Map.of(), 60);
        assertEquals(0, l.status, l.toString());
        home = dir.resolve("sockscope-0.1.0");
    }

    @Test
    void holdsTheLauncherJarsManPageCompletionsAndLicences() throws Exception {
        assertTrue(Files.getPosixFilePermissions(home.resolve("bin/sockscope"))
                .contains(PosixFilePermission.OWNER_EXECUTE));
        for (String f : new String[] {
            "lib/sockscope.jar",
            "man/man1/sockscope.1",
            "completions/sockscope.bash",
            "completions/_sockscope",
            "completions/sockscope.fish",
            "NOTICE",
            "licenses/CC0-1.0.txt"
        }) {
            assertTrue(Files.isRegularFile(home.resolve(f)), f);
        }
        assertTrue(
                Files.notExists(home.resolve("pom.xml")), "an installed tree has no pom.xml: the launcher would build");
    }

    @Test
    void theJarFindsEveryLibraryBesideItAndTheNoticeNamesEach() throws Exception {
        String classPath;
        try (JarFile jar = new JarFile(home.resolve("lib/sockscope.jar").toFile())) {
            classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
        }
        String notice = Files.readString(home.resolve("NOTICE"), StandardCharsets.UTF_8);
        List<String> entries = List.of(classPath.trim().split(" +"));
        try (Stream<Path> libs = Files.list(home.resolve("lib"))) {
            List<String> jars = libs.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".jar") && !n.equals("sockscope.jar"))
                    .sorted()
                    .toList();
            assertEquals(jars, entries.stream().sorted().toList());
            for (String j : jars) {
                assertTrue(notice.contains(j), "NOTICE does not name " + j);
            }
        }
        // every licence file the NOTICE points to is there
        Matcher m = Pattern.compile("licenses/[A-Za-z0-9.-]+\\.txt").matcher(notice);
        int n = 0;
        while (m.find()) {
            assertTrue(Files.isRegularFile(home.resolve(m.group())), m.group());
            n++;
        }
        assertTrue(n >= 8, "licence references: " + n);
    }

    /** Every file under dir with its size and modification time. */
    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.map(p -> p + " " + p.toFile().length() + " " + p.toFile().lastModified())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void shipsTheLaunchersWordsSoThatNothingIsWrittenBesideTheJar() throws Exception {
        assertEquals(
                String.join("\n", LaunchWords.lines()) + "\n",
                Files.readString(home.resolve("lib/launch-words"), StandardCharsets.UTF_8));
    }

    @Test
    void theUnpackedLauncherRunsTheJarWithoutBuilding() throws Exception {
        Path cache = dir.resolve("cache");
        Files.createDirectories(cache);
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString(), "PATH", "/usr/bin:/bin");
        List<String> before = listing(home);
        Launch v = Launch.run(List.of(home.resolve("bin/sockscope").toString(), "--version"), env, 60);
        assertEquals(0, v.status, v.toString());
        assertTrue(v.out.startsWith("sockscope 0.1.0\ncommit   "), v.out);
        assertEquals(before, listing(home), "the launcher wrote into the installed tree");
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(s.getLocalPort());
            Launch l = Launch.run(
                    List.of(home.resolve("bin/sockscope").toString(), "--list", "-t", "-l", "--port", port), env, 60);
            assertEquals(0, l.status, l.toString());
            String pid = Long.toString(ProcessHandle.current().pid());
            assertTrue(l.out.contains(":" + port + " ") && l.out.contains(pid + "/java"), l.out);
        }
    }

    @Test
    void aPlainTableAndEveryOtherRunEachTrainAndMapTheirOwnArchive() throws Exception {
        Path cache = dir.resolve("kinds-cache");
        Files.createDirectories(cache);
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString(), "PATH", "/usr/bin:/bin");
        String launcher = home.resolve("bin/sockscope").toString();
        List<String> table = List.of("bash", "-x", launcher, "--list", "-t", "-l", "-n");
        List<String> json = List.of("bash", "-x", launcher, "--list", "-t", "-l", "--format", "json");
        Pattern mapped = Pattern.compile("-XX:(?:AOTCache|SharedArchiveFile)=(\\S+)");
        for (List<String> run : List.of(table, json)) {
            String kind = run.contains("json") ? "full" : "table";
            String archive = null;
            for (int i = 0; i < 90 && archive == null; i++) {
                Launch l = Launch.run(run, env, 60);
                assertTrue(l.status == 0 || l.status == 1, l.toString());
                // the JVM's command line, not the launcher's assignments before it
                String exec = l.err.lines()
                        .filter(line -> line.startsWith("+ exec "))
                        .findFirst()
                        .orElse("");
                Matcher m = mapped.matcher(exec);
                if (m.find()) {
                    archive = m.group(1);
                } else {
                    Thread.sleep(1000);
                }
            }
            assertTrue(archive != null, "no archive mapped for " + run + " in 90 s");
            String name = Path.of(archive).getFileName().toString();
            assertTrue(name.startsWith("sockscope-") && name.contains("-" + kind + "-"), kind + ": " + name);
            assertTrue(Files.size(Path.of(archive)) > 0, archive);
        }
        try (Stream<Path> files = Files.list(cache.resolve("sockscope"))) {
            List<String> archives = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".aot") || n.endsWith(".jsa"))
                    .sorted()
                    .toList();
            assertEquals(2, archives.size(), archives.toString());
        }
    }
}
