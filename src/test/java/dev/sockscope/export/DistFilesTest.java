package dev.sockscope.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.testing.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code dist/} ships, checked by the tools that will read it: the alerting rules by
 * {@code promtool} (their unit tests in {@code sockscope-rules.test.yml}), the systemd unit by
 * {@code systemd-analyze verify}.
 */
class DistFilesTest {
    static final Path RULES = Path.of("dist/prometheus/sockscope-rules.yml");
    static final Path RULE_TESTS = Path.of("dist/prometheus/sockscope-rules.test.yml");
    static final Path UNIT = Path.of("dist/systemd/sockscope-exporter.service");

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static void needPromtool() {
        // .ci/run installs Debian's prometheus package (which brings promtool) where it is missing
        assertTrue(onPath("promtool"), "promtool is not installed: apt-get install prometheus (.ci/run does)");
    }

    @Test
    void alertRulesAreValid() throws Exception {
        needPromtool();
        Launch l = Launch.run(List.of("promtool", "check", "rules", RULES.toString()), Map.of(), 60);
        assertEquals(0, l.status, l.toString());
        assertTrue(l.out.contains("SUCCESS: 3 rules found"), l.toString());
    }

    @Test
    void alertRulesPassTheirUnitTests() throws Exception {
        needPromtool();
        Launch l = Launch.run(List.of("promtool", "test", "rules", RULE_TESTS.toString()), Map.of(), 120);
        assertEquals(0, l.status, l.toString());
        assertTrue(l.out.contains("SUCCESS"), l.toString());
    }

    @Test
    void theSystemdUnitVerifies(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed: the unit cannot be verified here");
        // the unit runs /opt/sockscope/bin/sockscope; verify needs an executable there: this checkout's
        String unit = Files.readString(UNIT)
                .replace(
                        "/opt/sockscope/bin/sockscope",
                        Path.of("bin/sockscope").toAbsolutePath().toString());
        assertTrue(unit.contains("--serve 127.0.0.1:"), "the example serves loopback only");
        Path copy = dir.resolve("sockscope-exporter.service");
        Files.writeString(copy, unit);
        Launch l = Launch.run(List.of("systemd-analyze", "verify", copy.toString()), Map.of(), 60);
        assertEquals(0, l.status, l.toString());
        assertEquals("", l.out + l.err, "no warning about any line of the unit");
    }
}
