package dev.sockscope.source.proc;

import dev.sockscope.model.SocketEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads fixtures from {@code src/test/resources/proc}. Every fixture file starts with one
 * provenance line {@code # ...} that the kernel's format does not have; {@link #bytes} and
 * {@link #tree} remove it, so parsers and readers only ever see the kernel's own bytes.
 */
final class ProcFixtures {
    private ProcFixtures() {}

    /** The fixture at {@code resource} (e.g. {@code proc/captured/net/tcp}) without its first line. */
    static byte[] bytes(String resource) {
        try (InputStream in = ProcFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return stripProvenance(in.readAllBytes(), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] stripProvenance(byte[] data, String name) {
        if (data.length < 2 || data[0] != '#' || data[1] != ' ') {
            throw new IllegalStateException(name + " does not start with a provenance line");
        }
        int nl = 0;
        while (nl < data.length && data[nl] != '\n') {
            nl++;
        }
        return Arrays.copyOfRange(data, Math.min(nl + 1, data.length), data.length);
    }

    /** Copies the fixture tree at {@code resourceDir} into {@code target}, stripping provenance lines. */
    static Path tree(String resourceDir, Path target) throws IOException {
        Path source = resourcePath(resourceDir);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else if (p.getParent().getFileName().toString().equals("net")) {
                    Files.write(to, stripProvenance(Files.readAllBytes(p), p.toString()));
                }
            }
        }
        return target;
    }

    private static Path resourcePath(String resource) {
        URL url = ProcFixtures.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + resource);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row as a line that names every field, so a test can compare whole tables exactly. */
    static String describe(SocketEntry e) {
        String local = e.proto().isInet()
                ? endpoint(e.localAddress().text(), e.localPort())
                : "'" + e.localAddress().text() + "'";
        String remote = e.proto().isInet()
                ? endpoint(e.remoteAddress().text(), e.remotePort())
                : "'" + e.remoteAddress().text() + "'";
        return e.proto().label() + " " + e.family().label() + " " + local + " " + remote + " " + e.state() + " inode="
                + e.inode() + " uid=" + e.uid() + " recvQ=" + e.recvQ() + " sendQ=" + e.sendQ();
    }

    static List<String> describe(List<SocketEntry> entries) {
        return entries.stream().map(ProcFixtures::describe).toList();
    }

    private static String endpoint(String address, int port) {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
}
