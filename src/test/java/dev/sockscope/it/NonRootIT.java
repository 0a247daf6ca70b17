package dev.sockscope.it;

import static dev.sockscope.testing.JsonRows.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.testing.HeldSockets;
import dev.sockscope.testing.JsonRows;
import dev.sockscope.testing.Launch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * sockscope as most users run it: not root. Runs the jar as {@code nobody} (setpriv) from a
 * copy any user can read. Other users' sockets are still listed, without owner, with one note;
 * the user's own sockets keep their owner.
 */
@Tag("live")
class NonRootIT {
    static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
            "--inh-caps=-all");
    static Path install;

    @BeforeAll
    static void installReadableCopy() throws IOException {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to switch to nobody");
        Path jar = Path.of(System.getProperty("sockscope.jar", "target/sockscope.jar"));
        install = Files.createTempDirectory(Path.of("/tmp"), "sockscope-nobody-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createDirectories(install.resolve("lib"));
        Files.copy(jar, install.resolve("sockscope.jar"), StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> libs = Files.list(jar.resolveSibling("lib"))) {
            for (Path lib : (Iterable<Path>) libs::iterator) {
                Files.copy(lib, install.resolve("lib").resolve(lib.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Stream<Path> all = Files.walk(install)) {
            all.forEach(p -> {
                p.toFile().setReadable(true, false);
                p.toFile().setExecutable(true, false);
            });
        }
    }

    static Launch asNobody(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(AS_NOBODY);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", install.resolve("sockscope.jar").toString()));
        cmd.addAll(List.of(args));
        return Launch.run(cmd, Map.of("HOME", "/tmp"), 60);
    }

    static Path nobodyDir() throws IOException {
        Path d = Files.createTempDirectory(Path.of("/tmp"), "sockscope-nobody-sock-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        d.toFile().setWritable(true, false);
        return d;
    }

    @Test
    void rootsSocketsAreListedWithoutOwnerAndOneNote() throws Exception {
        try (HeldSockets held = HeldSockets.start(List.of(), "sockscope-hold", nobodyDir())) {
            Launch l = asNobody("--list", "--json", "-tux", "--port", held.port("tcp4.listen") + "," + held.port("udp6.bound"));
            assertEquals(0, l.status, l.toString());
            List<Map<String, Object>> rows = JsonRows.parse(l.out);
            Map<String, Object> listener = find(rows, "localPort", held.port("tcp4.listen"), "state", "LISTEN");
            assertEquals(null, listener.get("pid"));
            assertEquals(List.of(), listener.get("holders"));
            assertEquals(null, listener.get("process"));
            assertEquals("root", listener.get("user"), "the socket's uid comes from the table, visible to all");
            assertEquals(null, find(rows, "localPort", held.port("udp6.bound")).get("pid"));
            assertEquals(1, l.err.split("\n").length, l.err);
            assertTrue(l.err.contains("show no owner") && l.err.contains("run as root"), l.err);
        }
    }

    @Test
    void ownSocketsKeepTheirOwner() throws Exception {
        try (HeldSockets held = HeldSockets.start(AS_NOBODY, "nobody-hold", nobodyDir())) {
            Launch l = asNobody("--list", "--json", "-tux", "--pid", Integer.toString(held.pid()));
            assertEquals(0, l.status, l.toString());
            List<Map<String, Object>> rows = JsonRows.parse(l.out);
            Map<String, Object> r = find(rows, "localPort", held.port("tcp6.listen"), "state", "LISTEN");
            assertEquals((long) held.pid(), r.get("pid"));
            assertEquals("nobody-hold", r.get("process"));
            assertEquals("nobody", r.get("user"));
            assertEquals(65534L, r.get("uid"));
            assertEquals("nobody", ((Map<?, ?>) ((List<?>) r.get("holders")).get(0)).get("user"));
            assertEquals("", l.err, "no hidden-owner note when every shown socket has its owner");
        }
    }

    @Test
    void everyListenerIsStillListed() throws Exception {
        try (HeldSockets held = HeldSockets.start(List.of(), "sockscope-hold", nobodyDir())) {
            Launch all = asNobody("--list", "--format", "csv", "-tu", "--state", "LISTEN,UNCONN");
            assertEquals(0, all.status, all.toString());
            for (String key : new String[] {"tcp4.listen", "tcp6.listen", "dual.listen", "shared.listen", "udp4.bound", "udp6.bound"}) {
                assertTrue(all.out.contains("," + held.port(key) + ","), key + " missing from\n" + all.out);
            }
        }
    }
}
