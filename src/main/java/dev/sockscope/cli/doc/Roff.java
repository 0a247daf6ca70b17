package dev.sockscope.cli.doc;

/** Text to roff: escapes that keep a man page's text as written. */
final class Roff {
    private Roff() {}

    /**
     * Escapes text for a roff line: backslashes, hyphens (a minus sign, so that options copy
     * and paste), and every character beyond ASCII as {@code \[uXXXX]}; a line that would start
     * with a control character ({@code .} or {@code '}) is protected with {@code \&}.
     */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\\') {
                b.append("\\e");
            } else if (cp == '-') {
                b.append("\\-");
            } else if (cp == '\n') {
                b.append('\n');
            } else if (cp < 0x20 || cp == 0x7f) {
                b.append(' ');
            } else if (cp > 0x7e) {
                b.append(String.format(java.util.Locale.ROOT, "\\[u%04X]", cp));
            } else {
                b.append((char) cp);
            }
        }
        String out = b.toString();
        StringBuilder lines = new StringBuilder(out.length() + 4);
        for (String line : out.split("\n", -1)) {
            if (lines.length() > 0) {
                lines.append('\n');
            }
            if (line.startsWith(".") || line.startsWith("'")) {
                lines.append("\\&");
            }
            lines.append(line);
        }
        return lines.toString();
    }

    /** Bold. */
    static String bold(String s) {
        return "\\fB" + text(s) + "\\fR";
    }

    /** Italic (an argument's name). */
    static String italic(String s) {
        return "\\fI" + text(s) + "\\fR";
    }
}
