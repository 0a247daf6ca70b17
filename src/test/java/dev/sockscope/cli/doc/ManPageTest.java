package dev.sockscope.cli.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.cli.CommandLineParser;
import dev.sockscope.testing.Launch;
import dev.sockscope.view.live.KeyHelp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManPageTest {
    private static String page() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        return new ManPage(Catalog.options(), Examples.fromReadme(readme), "9.8.7", "2026-11-26").render();
    }

    private static String rendered(Path dir) throws Exception {
        Path file = dir.resolve("sockscope.1");
        Files.writeString(file, page(), StandardCharsets.UTF_8);
        Launch l = Launch.run(
                List.of("man", "-l", file.toString()), Map.of("MANWIDTH", "100", "MAN_KEEP_FORMATTING", ""), 30);
        assertEquals(0, l.status, l.toString());
        return l.out.replaceAll(".\b", ""); // overstrike bold, in case the pager's filter keeps it
    }

    @Test
    void rendersWithoutWarnings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sockscope.1");
        Files.writeString(file, page(), StandardCharsets.UTF_8);
        Launch l = Launch.run(List.of("man", "--warnings", "-l", file.toString()), Map.of("MANWIDTH", "80"), 30);
        assertEquals(0, l.status, l.toString());
        assertEquals("", l.err, "groff warnings");
    }

    @Test
    void listsEveryOptionOfTheHelpWithItsHelpText(@TempDir Path dir) throws Exception {
        String text = rendered(dir).replaceAll("\\s+", " ");
        for (OptionDoc o : Catalog.options()) {
            assertTrue(text.contains(o.synopsis()), "no " + o.synopsis());
            String first = o.description().split(" ")[0];
            assertTrue(
                    text.toLowerCase(java.util.Locale.ROOT).contains(first.toLowerCase(java.util.Locale.ROOT)),
                    o.description());
        }
        // and --help says the same words: one source
        String help = CommandLineParser.help();
        assertTrue(help.contains("local or remote port: 80,443 8000-8100 http,ssh"), help);
        assertTrue(text.contains("Local or remote port: 80,443 8000-8100 http,ssh."), text);
    }

    @Test
    void hasTheSectionsInOrder(@TempDir Path dir) throws Exception {
        String text = rendered(dir);
        int at = -1;
        for (String s : new String[] {
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "SELECTION",
            "OUTPUT",
            "SOURCE AND REFRESH",
            "GENERAL",
            "LIVE VIEW KEYS",
            "EXIT STATUS",
            "ENVIRONMENT",
            "FILES",
            "EXAMPLES",
            "SEE ALSO"
        }) {
            int i = text.indexOf("\n" + s + "\n");
            assertTrue(i > at, s + " missing or out of order:\n" + text);
            at = i;
        }
        assertTrue(text.contains("sockscope 9.8.7"), text);
        assertTrue(text.contains("2026-11-26"), text);
    }

    @Test
    void liveKeysComeFromTheLiveViewsHelpList(@TempDir Path dir) throws Exception {
        String text = rendered(dir);
        String keys = text.substring(text.indexOf("\nLIVE VIEW KEYS\n"), text.indexOf("\nEXIT STATUS\n"));
        for (KeyHelp.Entry e : KeyHelp.ENTRIES) {
            if (!e.keys().isEmpty()) {
                assertTrue(keys.contains(e.keys()), e.keys() + " in\n" + keys);
            }
            assertTrue(keys.replaceAll("\\s+", " ").contains(e.action()), e.action());
        }
    }

    @Test
    void exitStatusEnvironmentAndExamples(@TempDir Path dir) throws Exception {
        String text = rendered(dir);
        String status = text.substring(text.indexOf("\nEXIT STATUS\n"), text.indexOf("\nENVIRONMENT\n"));
        for (String s : new String[] {"0", "1", "2", "3"}) {
            assertTrue(status.contains("\n       " + s + " "), status);
        }
        String env = text.substring(text.indexOf("\nENVIRONMENT\n"), text.indexOf("\nFILES\n"));
        assertTrue(env.contains("NO_COLOR") && env.contains("JAVA_HOME"), env);
        String files = text.substring(text.indexOf("\nFILES\n"), text.indexOf("\nEXAMPLES\n"));
        assertTrue(files.contains("~/.cache/sockscope"), files);
        String examples = text.substring(text.indexOf("\nEXAMPLES\n"));
        assertTrue(examples.contains("sockscope --list --port 80,443,8000-8100"), examples);
        assertTrue(examples.contains("Repeated snapshots, like netstat -c."), examples);
        assertFalse(examples.contains("bin/sockscope"), examples);
    }

    @Test
    void roffEscapesWhatWouldBeMarkup() {
        assertEquals("\\&.SH not a macro", Roff.text(".SH not a macro"));
        assertEquals("\\&'quoted", Roff.text("'quoted"));
        assertEquals("a\\eb \\-\\-port \\[u2191]", Roff.text("a\\b --port \u2191"));
        assertEquals("bell  here", Roff.text("bell\u0007 here"));
    }
}
