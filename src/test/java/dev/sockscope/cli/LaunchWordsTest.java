package dev.sockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The words bin/sockscope reads to choose its JVM flags and class-data archive. */
class LaunchWordsTest {
    private static Map<String, List<String>> categories() {
        Map<String, List<String>> m = new HashMap<>();
        for (String line : LaunchWords.lines()) {
            String[] parts = line.split(" ", -1);
            m.put(parts[0], Arrays.asList(parts).subList(1, parts.length));
        }
        return m;
    }

    @Test
    void everyCategoryTheLauncherReadsIsWritten() {
        assertEquals(
                List.of("list-long", "list-short", "repeat-long", "repeat-short", "other-long", "other-short"),
                LaunchWords.lines().stream().map(l -> l.split(" ")[0]).toList());
    }

    @Test
    void aPlainTableIsNoOtherKindOfRun() {
        List<String> other = categories().get("other-long");
        assertFalse(other.contains("list"), other.toString());
        assertTrue(categories().get("list-long").contains("list"));
        for (String selection : List.of("tcp", "udp", "listening", "numeric", "processes")) {
            assertFalse(other.contains(selection), selection + " in " + other);
        }
        String shorts = categories().get("other-short").get(0);
        for (char c : "tulnpaxwe".toCharArray()) {
            assertEquals(-1, shorts.indexOf(c), c + " in " + shorts);
        }
    }

    @Test
    void anotherOutputBackendOrARepeatIsAnotherKind() {
        List<String> other = categories().get("other-long");
        for (String word : List.of("format", "form", "json", "backend", "count", "interval", "summary", "version")) {
            assertTrue(other.contains(word), word + " not in " + other);
        }
        String shorts = categories().get("other-short").get(0);
        // -c repeats, -s is the summary, -V the version
        for (char c : "csV".toCharArray()) {
            assertTrue(shorts.indexOf(c) >= 0, c + " not in " + shorts);
        }
    }
}
