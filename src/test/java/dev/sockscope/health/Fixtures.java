package dev.sockscope.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fixtures under {@code src/test/resources/health}, without their first (provenance) line. */
final class Fixtures {
    private Fixtures() {}

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/health/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!s.startsWith("# ")) {
                throw new IllegalStateException(name + " does not start with a provenance line");
            }
            return s.substring(s.indexOf('\n') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A /proc-shaped tree in {@code root}: {@code net/snmp}, {@code net/netstat}, {@code net/snmp6} from fixtures. */
    static Path procTree(Path root, String snmp, String netstat, String snmp6) throws IOException {
        Path net = Files.createDirectories(root.resolve("net"));
        if (snmp != null) {
            Files.writeString(net.resolve("snmp"), text(snmp));
        }
        if (netstat != null) {
            Files.writeString(net.resolve("netstat"), text(netstat));
        }
        if (snmp6 != null) {
            Files.writeString(net.resolve("snmp6"), text(snmp6));
        }
        return root;
    }
}
