package dev.sockscope.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The real tables under {@code src/test/resources/proc/captured/net/} (Linux 6.18.44, x86_64)
 * without their provenance line: the kernel's own bytes, as the parsers see them.
 */
final class Captured {
    private Captured() {}

    /** {@code proc/captured/net/<name>} without its first ({@code # ...}) line. */
    static byte[] net(String name) {
        String resource = "proc/captured/net/" + name;
        try (InputStream in = Captured.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            byte[] all = in.readAllBytes();
            if (all.length < 2 || all[0] != '#' || all[1] != ' ') {
                throw new IllegalStateException(resource + " has no provenance line");
            }
            int nl = 0;
            while (all[nl] != '\n') {
                nl++;
            }
            return Arrays.copyOfRange(all, nl + 1, all.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of {@code data} without their line feeds; the data must end with one. */
    static List<byte[]> lines(byte[] data) {
        if (data.length == 0 || data[data.length - 1] != '\n') {
            throw new IllegalArgumentException("not whole lines");
        }
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                out.add(Arrays.copyOfRange(data, start, i));
                start = i + 1;
            }
        }
        return out;
    }
}
