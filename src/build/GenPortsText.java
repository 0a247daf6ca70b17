import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Build step (run by Maven at generate-sources with the JDK's source launcher): writes the port
 * table as string constants of a class, {@code dev.sockscope.service.PortsText}, so that a start
 * reads it from the class (in the class-data archive) instead of as a resource from the jar: the
 * first resource lookup opens the jar and its manifest's class path and asks the boot loader
 * first, 5 ms of every start.
 *
 * <p>It also writes, per protocol, the ports whose name a row shows (the sources netbase, seed and
 * overlay: {@code NameSource.helpful}) and those names, in two small constants: the Service
 * column looks a port up there ({@code ShownNames}) without loading the 170 KB table. The
 * table's rules hold: rows ascend by port, the first row for a port and protocol wins. A row
 * this step cannot read fails the build.
 *
 * <p>usage: java GenPortsText.java PORTS_TSV OUT_SOURCE_ROOT
 */
public final class GenPortsText {
    /** A string constant holds at most 65,535 bytes (modified UTF-8); ASCII only here. */
    private static final int CHUNK = 60_000;

    private GenPortsText() {}

    public static void main(String[] args) throws IOException {
        byte[] in = Files.readAllBytes(Path.of(args[0]));
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b != '\t' && b != '\n' && (b < 0x20 || b > 0x7e)) {
                throw new IllegalArgumentException(args[0] + ": byte " + (b & 0xFF) + " at " + i + " is not printable ASCII");
            }
        }
        StringBuilder java = new StringBuilder();
        java.append("package dev.sockscope.service;\n\n")
                .append("/** GENERATED at build time from ports.tsv by src/build/GenPortsText.java: do not edit. */\n")
                .append("final class PortsText {\n")
                .append("    private PortsText() {}\n\n")
                .append("    /** The bytes of ports.tsv. */\n")
                .append("    static byte[] bytes() {\n")
                .append("        String[] parts = {\n");
        for (int at = 0; at < in.length; at += CHUNK) {
            java.append("            \"");
            for (int i = at; i < Math.min(in.length, at + CHUNK); i++) {
                char c = (char) in[i];
                switch (c) {
                    case '\t' -> java.append("\\t");
                    case '\n' -> java.append("\\n");
                    case '"' -> java.append("\\\"");
                    case '\\' -> java.append("\\\\");
                    default -> java.append(c);
                }
            }
            java.append("\",\n");
        }
        java.append("        };\n")
                .append("        byte[] out = new byte[").append(in.length).append("];\n")
                .append("        int at = 0;\n")
                .append("        for (String p : parts) {\n")
                .append("            byte[] b = p.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);\n")
                .append("            System.arraycopy(b, 0, out, at, b.length);\n")
                .append("            at += b.length;\n")
                .append("        }\n")
                .append("        return out;\n")
                .append("    }\n");
        shown(new String(in, StandardCharsets.US_ASCII), args[0], java);
        java.append("}\n");
        Path out = Path.of(args[1], "dev", "sockscope", "service", "PortsText.java");
        Files.createDirectories(out.getParent());
        byte[] text = java.toString().getBytes(StandardCharsets.US_ASCII);
        if (!Files.exists(out) || !Arrays.equals(Files.readAllBytes(out), text)) {
            Files.write(out, text); // unchanged output keeps its time: no recompilation
        }
    }

    /** Appends the constants of the shown names: {@code TCP_SHOWN_PORTS}, {@code TCP_SHOWN_NAMES}, and UDP's. */
    private static void shown(String table, String file, StringBuilder java) {
        StringBuilder[] ports = {new StringBuilder(), new StringBuilder()};
        StringBuilder[] names = {new StringBuilder(), new StringBuilder()};
        boolean[][] seen = new boolean[2][65536];
        int last = -1;
        int lineNo = 0;
        for (String line : table.split("\n")) {
            lineNo++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String where = file + ":" + lineNo + ": ";
            if (f.length < 4 || f.length > 5 || !f[0].matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException(where + "not a row: " + line);
            }
            int port = Integer.parseInt(f[0]);
            if (port > 65535 || port < last) {
                throw new IllegalArgumentException(where + "port out of range or out of order: " + line);
            }
            last = port;
            boolean helpful = switch (f[2]) {
                case "netbase", "seed", "overlay" -> true;
                case "iana" -> false;
                default -> throw new IllegalArgumentException(where + "unknown source: " + line);
            };
            if (!f[3].matches("[A-Za-z0-9._+*/-]{1,63}")) {
                throw new IllegalArgumentException(where + "not a name: " + line);
            }
            boolean[] to = switch (f[1]) {
                case "tcp" -> new boolean[] {true, false};
                case "udp" -> new boolean[] {false, true};
                case "tcp+udp" -> new boolean[] {true, true};
                default -> throw new IllegalArgumentException(where + "unknown protocol: " + line);
            };
            for (int p = 0; p < 2; p++) {
                if (to[p] && !seen[p][port]) {
                    seen[p][port] = true;
                    if (helpful) {
                        // octal below 256: a unicode escape is read before the lexer, and port 10 would end the line
                        ports[p].append(port < 256 ? String.format("\\%03o", port) : String.format("\\u%04x", port));
                        names[p].append(f[3]).append("\\n");
                    }
                }
            }
        }
        String[] proto = {"TCP", "UDP"};
        for (int p = 0; p < 2; p++) {
            java.append("\n    /** The ").append(proto[p])
                    .append(" ports a row names (netbase, seed, overlay), ascending, a char each. */\n")
                    .append("    static final String ").append(proto[p]).append("_SHOWN_PORTS = \"")
                    .append(ports[p]).append("\";\n\n")
                    .append("    /** Their names, in the same order, each ended by a newline. */\n")
                    .append("    static final String ").append(proto[p]).append("_SHOWN_NAMES = \"")
                    .append(names[p]).append("\";\n");
        }
    }
}
