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
                .append("    }\n")
                .append("}\n");
        Path out = Path.of(args[1], "dev", "sockscope", "service", "PortsText.java");
        Files.createDirectories(out.getParent());
        byte[] text = java.toString().getBytes(StandardCharsets.US_ASCII);
        if (!Files.exists(out) || !Arrays.equals(Files.readAllBytes(out), text)) {
            Files.write(out, text); // unchanged output keeps its time: no recompilation
        }
    }
}
