package dev.sockscope.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8WriterTest {
    /** What the JDK's encoder writes for the same calls: the reference. */
    private static byte[] jdk(String... parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            for (String p : parts) {
                w.write(p);
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] ours(String... parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new Utf8Writer(bytes)) {
            for (String p : parts) {
                w.append(p);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void asciiAndOtherScriptsAsTheJdkWritesThem() throws IOException {
        String[] parts = {"tcp  127.0.0.1:80  *  LISTEN  1/nginx\n", "名前 é ü\n", "\uD83D\uDE00 emoji\n"};
        assertArrayEquals(jdk(parts), ours(parts));
    }

    @Test
    void aPairSplitBetweenWritesStaysOneCharacter() throws IOException {
        String pair = "\uD83D\uDE00"; // U+1F600, four bytes in UTF-8
        String before = "x".repeat(Utf8Writer.BLOCK - 1) + pair.charAt(0); // the block ends in its high half
        byte[] out = ours(before, pair.substring(1) + "\n");

        assertArrayEquals(jdk(before, pair.substring(1) + "\n"), out);
        assertEquals("x".repeat(Utf8Writer.BLOCK - 1) + pair + "\n", new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void aLoneSurrogateIsAQuestionMark() throws IOException {
        assertArrayEquals(jdk("a\uD800b", "\uDC00c"), ours("a\uD800b", "\uDC00c"));
        assertEquals("a?b?c", new String(ours("a\uD800b", "\uDC00c"), StandardCharsets.UTF_8));
    }

    @Test
    void manyBlocksOfMixedTextAsTheJdkWritesThem() throws IOException {
        Random random = new Random(3);
        String alphabet = "abc 123:.\n\u00e9\u540d\uD83D\uDE00";
        String[] parts = new String[400];
        for (int i = 0; i < parts.length; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(2000);
            for (int k = 0; k < n; k++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            parts[i] = b.toString();
        }
        assertArrayEquals(jdk(parts), ours(parts));
    }

    @Test
    void flushWritesEverythingGathered() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Writer w = new Utf8Writer(bytes);
        w.write("line\n");
        w.write('x');
        assertEquals(0, bytes.size(), "a small write waits for the block");
        w.flush();
        assertEquals("line\nx", bytes.toString(StandardCharsets.UTF_8));
    }
}
