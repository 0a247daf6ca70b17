package dev.sockscope.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads fixtures from {@code src/test/resources/net}. Every file starts with one provenance
 * line {@code # ...}; {@link #text} and {@link #tree} remove it, so parsers and readers see only
 * the kernel's own bytes.
 */
final class NetFixtures {
    private NetFixtures() {}

    /** The fixture at {@code net/<name>} without its first line. */
    static String text(String name) {
        try (InputStream in = NetFixtures.class.getClassLoader().getResourceAsStream("net/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture net/" + name);
            }
            return strip(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String strip(String s, String name) {
        if (!s.startsWith("# ")) {
            throw new IllegalStateException(name + " does not start with a provenance line");
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? "" : s.substring(nl + 1);
    }

    /** The datagrams of a captured rtnetlink answer (one hex line each). */
    static List<ByteBuffer> datagrams(String name) {
        List<ByteBuffer> out = new ArrayList<>();
        for (String line : text(name).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            byte[] b = new byte[line.length() / 2];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) Integer.parseInt(line.substring(2 * i, 2 * i + 2), 16);
            }
            out.add(ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()));
        }
        return out;
    }

    /** Copies the fixture tree {@code net/<name>} into {@code dir}, every file without its provenance line. */
    static Path tree(String name, Path dir) {
        try {
            URL url = NetFixtures.class.getClassLoader().getResource("net/" + name);
            if (url == null) {
                throw new IllegalArgumentException("no fixture tree net/" + name);
            }
            Path src = Path.of(url.toURI());
            try (Stream<Path> files = Files.walk(src)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Path to = dir.resolve(src.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        String s = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                        Files.write(to, strip(s, p.toString()).getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
