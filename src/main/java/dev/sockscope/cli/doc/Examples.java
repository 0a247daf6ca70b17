package dev.sockscope.cli.doc;

import java.util.ArrayList;
import java.util.List;

/**
 * The command examples of README.md, for the man page: every line of a {@code sh} code block
 * that runs {@code bin/sockscope} with arguments, written as an installed user types it
 * ({@code sockscope ...}), with the comment after {@code #} as its explanation.
 */
public final class Examples {
    private Examples() {}

    /**
     * @param command the command line, {@code sockscope --list -l}
     * @param note    the README's comment on it, or "" when it has none
     */
    public record Example(String command, String note) {}

    private static final String LAUNCHER = "bin/sockscope ";

    public static List<Example> fromReadme(String readme) {
        List<Example> out = new ArrayList<>();
        boolean inShell = false;
        for (String line : readme.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("```")) {
                inShell = !inShell && t.equals("```sh");
                continue;
            }
            if (!inShell) {
                continue;
            }
            String command = t;
            String note = "";
            int hash = t.indexOf(" # ");
            if (hash >= 0) {
                command = t.substring(0, hash).strip();
                note = t.substring(hash + 3).strip();
            }
            if (!command.startsWith(LAUNCHER)) {
                continue; // not sockscope, or no arguments
            }
            out.add(new Example(
                    "sockscope " + command.substring(LAUNCHER.length()).strip(), note));
        }
        return out;
    }
}
