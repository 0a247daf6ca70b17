package dev.sockscope.cli.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.cli.CommandLineParser;
import dev.sockscope.cli.Help;
import dev.sockscope.cli.Opt;
import dev.sockscope.testing.Launch;
import dev.sockscope.view.Column;
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
                List.of("man", "--nh", "--nj", "-l", file.toString()),
                Map.of("MANWIDTH", "100", "MAN_KEEP_FORMATTING", ""),
                30);
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
    void listsEveryOptionWithTheTextOfTheHelp(@TempDir Path dir) throws Exception {
        String text = rendered(dir).replaceAll("\\s+", " ");
        String help = CommandLineParser.help().replaceAll("\\s+", " ");
        for (Opt o : Catalog.options()) {
            assertTrue(text.contains(o.synopsis()), "no " + o.synopsis());
            // the same words as --help, made a sentence
            String h = o.help();
            assertTrue(help.contains(h), h);
            assertTrue(text.contains(Character.toUpperCase(h.charAt(0)) + h.substring(1)), h);
        }
    }

    @Test
    void hasTheSectionsInOrder(@TempDir Path dir) throws Exception {
        String text = rendered(dir);
        int at = -1;
        for (String s : new String[] {
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "MODES",
            "SELECTION",
            "OUTPUT",
            "DATA SOURCE",
            "OTHER OPTIONS",
            "COLUMNS",
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

    private static String section(String text, String from, String to) {
        return text.substring(text.indexOf("\n" + from + "\n"), text.indexOf("\n" + to + "\n"))
                .replaceAll("\\s+", " ");
    }

    @Test
    void keysStatusesEnvironmentAndColumnsAreTheHelpsOwn(@TempDir Path dir) throws Exception {
        String text = rendered(dir);
        String keys = section(text, "LIVE VIEW KEYS", "EXIT STATUS");
        for (String[] k : Help.LIVE_KEYS) {
            assertTrue(keys.contains(k[0] + " "), k[0] + " in " + keys);
            assertTrue(keys.contains(k[1].substring(1)), k[1]);
        }
        String status = section(text, "EXIT STATUS", "ENVIRONMENT");
        for (String[] s : Help.EXIT_STATUS) {
            assertTrue(status.contains(" " + s[0] + " " + Character.toUpperCase(s[1].charAt(0))), status);
        }
        String env = section(text, "ENVIRONMENT", "FILES");
        assertTrue(env.contains("NO_COLOR") && env.contains("JAVA_HOME") && env.contains("XDG_CACHE_HOME"), env);
        String columns = section(text, "COLUMNS", "LIVE VIEW KEYS");
        for (Column c : Column.values()) {
            assertTrue(columns.contains(" " + c.key() + " "), c.key());
        }
    }

    @Test
    void filesAndExamples(@TempDir Path dir) throws Exception {
        String text = rendered(dir);
        String files = section(text, "FILES", "EXAMPLES");
        assertTrue(files.contains("~/.cache/sockscope"), files);
        String examples = section(text, "EXAMPLES", "SEE ALSO");
        // --help's examples, then the README's
        assertTrue(examples.contains("sockscope -tulpn What listens, with owners (as ss -tulpn)."), examples);
        assertTrue(examples.contains("sockscope --list --port 80,443,8000-8100"), examples);
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
