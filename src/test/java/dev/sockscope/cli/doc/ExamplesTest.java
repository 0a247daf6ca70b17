package dev.sockscope.cli.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.cli.CommandLineParser;
import dev.sockscope.cli.doc.Examples.Example;
import dev.sockscope.service.BundledServiceRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExamplesTest {
    @Test
    void takesLauncherLinesOfShellBlocksWithTheirComments() {
        String readme = """
                Intro bin/sockscope --not-in-a-block
                ```sh
                bin/sockscope            # run it
                bin/sockscope --list -l  # what is listening
                mvn -B verify            # the tests
                bin/sockscope --list --pid 1234 --state established
                ```
                ```
                bin/sockscope --list --in-a-plain-block
                ```
                ```sh
                  bin/sockscope --port 8080 --interval 0.5   # live view of one port
                ```
                """;
        assertEquals(
                List.of(
                        new Example("sockscope --list -l", "what is listening"),
                        new Example("sockscope --list --pid 1234 --state established", ""),
                        new Example("sockscope --port 8080 --interval 0.5", "live view of one port")),
                Examples.fromReadme(readme));
    }

    @Test
    void theReadmeHasExamplesEveryOneOfThemParses() throws Exception {
        List<Example> examples = Examples.fromReadme(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));
        assertTrue(examples.size() >= 5, examples.toString());
        for (Example e : examples) {
            assertTrue(e.command().startsWith("sockscope ") && !e.command().contains("bin/"), e.command());
        }
        for (Example e : examples) {
            List<String> args = new ArrayList<>();
            for (String word : e.command().substring("sockscope ".length()).split(" +")) {
                if (word.equals(">") || word.equals("|")) {
                    break; // the shell's part
                }
                args.add(word);
            }
            // throws a UsageException naming the bad word if the README shows a wrong command
            CommandLineParser.parse(args.toArray(new String[0]), BundledServiceRegistry::withoutEphemeralRange);
        }
    }
}
