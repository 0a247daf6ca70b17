package dev.sockscope.cli.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.cli.Opt;
import dev.sockscope.testing.Launch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated scripts, run by the shells themselves. */
class CompletionsTest {
    private static Completions completions;

    @BeforeAll
    static void generate() {
        completions = new Completions(Catalog.options(), Completions.serviceNames());
    }

    /** What bash's completion function offers for the words after {@code sockscope}. */
    private static List<String> bash(Path dir, String... words) throws Exception {
        Path script = dir.resolve("sockscope.bash");
        Files.writeString(script, completions.bash(), StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(
                "bash",
                "--norc",
                "--noprofile",
                "-c",
                ". \"$1\"; shift; COMP_WORDS=(sockscope \"$@\"); COMP_CWORD=$#; _sockscope;"
                        + " printf '%s\\n' \"${COMPREPLY[@]}\"",
                "bash",
                script.toString()));
        cmd.addAll(Arrays.asList(words));
        Launch l = Launch.run(cmd, Map.of(), 30);
        assertEquals(0, l.status, l.toString());
        assertEquals("", l.err);
        return l.out.isEmpty() ? List.of() : List.of(l.out.split("\n"));
    }

    @Test
    void bashCompletesStatesAndTheLastItemOfAList(@TempDir Path dir) throws Exception {
        assertEquals(List.of("established"), bash(dir, "--state", "e"));
        assertEquals(List.of("listen,established"), bash(dir, "--state", "listen,e"));
        assertEquals(List.of("time_wait"), bash(dir, "--state", "ti"));
    }

    @Test
    void bashCompletesServiceNamesOfTheBundledTable(@TempDir Path dir) throws Exception {
        List<String> got = bash(dir, "--port", "ht");
        assertTrue(got.containsAll(List.of("http", "https", "http-alt")), got.toString());
        assertTrue(got.stream().allMatch(w -> w.startsWith("ht")), got.toString());
        assertEquals(List.of("80,kibana"), bash(dir, "--port", "80,kib"));
        // --opt=value: bash splits the word at '='
        assertTrue(bash(dir, "--port", "=", "ht").contains("https"));
    }

    @Test
    void bashCompletesOptionsAndFixedValues(@TempDir Path dir) throws Exception {
        assertEquals(
                List.of("--list", "--listening"),
                bash(dir, "--li").stream().sorted().toList());
        assertEquals(List.of("json"), bash(dir, "--format", "j"));
        assertEquals(
                List.of("process", "proto"),
                bash(dir, "--sort", "pro").stream().sorted().toList());
        assertEquals(List.of(), bash(dir, "--interval", ""));
    }

    @Test
    void bashOffersRunningPidsAndProcessNamesWithoutExpandingThem(@TempDir Path dir) throws Exception {
        // a process whose name is a command substitution: offered as text, never run
        String name = "$(touch pwned)";
        Path exe = dir.resolve(name);
        Files.createSymbolicLink(exe, Path.of("/bin/sleep"));
        Process p = new ProcessBuilder(exe.toString(), "30").start();
        try {
            String pid = Long.toString(p.pid());
            for (int i = 0;
                    i < 100 && !Files.readString(Path.of("/proc", pid, "comm")).startsWith("$(");
                    i++) {
                Thread.sleep(20);
            }
            assertTrue(bash(dir, "--pid", pid).contains(pid));
            List<String> got = bash(dir, "--process", "$(t");
            assertEquals(List.of(name), got);
            assertFalse(Files.exists(dir.resolve("pwned")));
            assertFalse(Files.exists(Path.of("pwned")));
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void zshScriptParsesAndDeclaresEveryOption(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("_sockscope");
        String text = completions.zsh();
        Files.writeString(script, text, StandardCharsets.UTF_8);
        Launch l = Launch.run(List.of("zsh", "-n", script.toString()), Map.of(), 30);
        assertEquals(0, l.status, l.toString());
        assertTrue(text.startsWith("#compdef sockscope\n"));
        for (Opt o : Catalog.options()) {
            assertTrue(text.contains("--" + o.longName()), o.longName());
        }
        assertTrue(
                text.contains("--state=[LISTEN,ESTABLISHED,... any case]:list:_sequence compadd - established"), text);
    }

    /** What fish offers for a command line, with the generated script loaded. */
    private static List<String> fish(Path dir, String line) throws Exception {
        Path script = dir.resolve("sockscope.fish");
        Files.writeString(script, completions.fish(), StandardCharsets.UTF_8);
        Launch l = Launch.run(
                List.of("fish", "--no-config", "-c", "source $argv[1]; complete -C$argv[2]", script.toString(), line),
                Map.of("HOME", dir.toString()),
                30);
        assertEquals(0, l.status, l.toString());
        List<String> out = new ArrayList<>();
        for (String s : l.out.split("\n")) {
            if (!s.isEmpty()) {
                out.add(s.split("\t")[0]);
            }
        }
        return out;
    }

    @Test
    void fishCompletesStatesPortsAndPids(@TempDir Path dir) throws Exception {
        assertEquals(List.of("established"), fish(dir, "sockscope --state e"));
        assertEquals(List.of("listen,established"), fish(dir, "sockscope --state listen,e"));
        List<String> ports = fish(dir, "sockscope --port ht");
        assertTrue(ports.containsAll(List.of("http", "https")), ports.toString());
        String self = Long.toString(ProcessHandle.current().pid());
        assertTrue(fish(dir, "sockscope --pid " + self).contains(self));
        assertEquals(List.of("--list", "--listening"), fish(dir, "sockscope --li"));
    }
}
