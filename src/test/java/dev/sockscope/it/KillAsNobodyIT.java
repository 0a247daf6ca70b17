package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.testing.Launch;
import dev.sockscope.testing.ReadableInstall;
import dev.sockscope.testing.Situation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code --kill} as {@code nobody}: its own process is terminated; root's is not. The kernel hides
 * root's fds from {@code nobody}, so root's sockets show no holder and {@code --kill} finds no
 * process to signal (and says why); the refusal itself (EPERM from kill(2)) is checked through
 * the same action API {@code --kill} and the live view's {@code k} use, run as {@code nobody} on a
 * root process, against what {@code kill(1)} reports for the same pid.
 */
@Tag("live")
class KillAsNobodyIT {
    static final List<String> AS_NOBODY = ReadableInstall.AS_NOBODY;
    static Path install;

    @BeforeAll
    static void installReadableCopy() throws IOException {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to switch to nobody");
        install = ReadableInstall.copy("sockscope-kill-");
        Files.writeString(
                install.resolve("Probe.java"),
                "import dev.sockscope.action.*;\n"
                        + "import dev.sockscope.model.Holder;\n"
                        + "public class Probe {\n"
                        + "  public static void main(String[] a) {\n"
                        + "    Target t = Terminator.target(new Holder(Integer.parseInt(a[0]), \"sleep\", \"sleep 60\", 0, \"root\"));\n"
                        + "    Outcome o = Terminator.terminate(t, Signal.TERM);\n"
                        + "    System.out.println(Prompts.outcome(o));\n"
                        + "  }\n"
                        + "}\n");
        ReadableInstall.openToAll(install);
    }

    @AfterAll
    static void remove() throws IOException {
        if (install != null) {
            try (Stream<Path> all = Files.walk(install)) {
                all.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Launch asNobody(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(AS_NOBODY);
        cmd.addAll(List.of(java(), "-jar", install.resolve("sockscope.jar").toString()));
        cmd.addAll(List.of(args));
        return Launch.run(cmd, Map.of("HOME", "/tmp"), 60);
    }

    @Test
    void nobodyTerminatesItsOwnProcess() throws Exception {
        try (Situation own = Situation.start(AS_NOBODY, "listen", "--name", "nobodys")) {
            Launch l = asNobody("--kill", "--yes", "--port", Integer.toString(own.port()));
            assertEquals(0, l.status, l.toString());
            assertTrue(l.out.contains("  " + own.pid() + "  nobody  "), l.out);
            assertTrue(l.out.contains("SIGTERM sent to " + own.pid() + " (nobodys)\n"), l.out);
            assertTrue(own.process().waitFor(5, TimeUnit.SECONDS), "it ended");
        }
    }

    @Test
    void rootsProcessIsNotAHolderNobodyCanSeeSoNothingIsSent() throws Exception {
        try (Situation roots = Situation.start("listen", "--name", "roots")) {
            Launch l = asNobody("--kill", "--yes", "--port", Integer.toString(roots.port()));
            assertEquals(1, l.status, l.toString());
            assertEquals(
                    "sockscope: note: 1 matching socket shows no owner: 1 processes of other users could not be"
                            + " inspected; their pids are not known\n"
                            + "sockscope: no process holds the selected sockets; nothing to send\n",
                    l.err.replaceAll("owner: \\d+ processes", "owner: 1 processes"));
            assertEquals("", l.out);
            assertFalse(roots.process().waitFor(300, TimeUnit.MILLISECONDS), "root's process still runs");
        }
    }

    @Test
    void theKernelsRefusalOfRootsProcessIsReportedAsKillReportsIt() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            List<String> probe = new ArrayList<>(AS_NOBODY);
            probe.addAll(List.of(
                    java(),
                    "-cp",
                    install.resolve("sockscope.jar").toString(),
                    install.resolve("Probe.java").toString(),
                    Long.toString(sleeper.pid())));
            Launch l = Launch.run(probe, Map.of("HOME", "/tmp"), 60);
            assertEquals(0, l.status, l.toString());
            assertEquals(
                    sleeper.pid() + " (sleep): not signalled: the kernel refused: operation not permitted (EPERM):"
                            + " it belongs to root and sockscope runs as nobody\n",
                    l.out);
            List<String> kill = new ArrayList<>(AS_NOBODY);
            kill.addAll(List.of("kill", "-TERM", Long.toString(sleeper.pid())));
            Launch k = Launch.run(kill, Map.of(), 20);
            assertTrue(k.err.contains("Operation not permitted"), "kill(1) says the same: " + k);
            assertTrue(sleeper.isAlive());
        } finally {
            sleeper.destroyForcibly();
            sleeper.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
