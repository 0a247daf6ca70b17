package dev.sockscope.command;

import java.util.Map;

/**
 * What sockscope knows of where it runs, gathered once by {@link Main} and injected so tests
 * can pose as a terminal or a pipe.
 *
 * @param stdinTty  standard input is a terminal
 * @param stdoutTty standard output is a terminal
 * @param columns   terminal width, or 0 when unknown or not a terminal
 * @param env       the process environment ({@code NO_COLOR}, {@code TERM})
 */
public record Environment(boolean stdinTty, boolean stdoutTty, int columns, Map<String, String> env) {

    /**
     * Reads the launcher's {@code -Dsockscope.stdin.tty}, {@code -Dsockscope.stdout.tty},
     * {@code -Dsockscope.columns}; without them (run as {@code java -jar}) a console means both
     * streams are terminals and {@code COLUMNS} gives the width.
     */
    public static Environment detect() {
        Map<String, String> env = System.getenv();
        String in = System.getProperty("sockscope.stdin.tty");
        String out = System.getProperty("sockscope.stdout.tty");
        boolean stdinTty;
        boolean stdoutTty;
        if (in != null && out != null) {
            stdinTty = Boolean.parseBoolean(in);
            stdoutTty = Boolean.parseBoolean(out);
        } else {
            // JDK 17: a Console exists only when both stdin and stdout are terminals
            stdinTty = stdoutTty = consoleIsTerminal();
        }
        int columns = parseColumns(System.getProperty("sockscope.columns"));
        if (columns == 0) {
            columns = parseColumns(env.get("COLUMNS"));
        }
        return new Environment(stdinTty, stdoutTty, stdoutTty ? columns : 0, env);
    }

    private static boolean consoleIsTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            // JDK 22+ always has a Console; isTerminal() tells whether it is one
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 17-21: a Console is a terminal
        }
    }

    static int parseColumns(String s) {
        if (s == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(s.trim());
            return n > 0 && n < 100_000 ? n : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Colour is wanted: stdout is a terminal, {@code NO_COLOR} is unset or empty, TERM is not dumb. */
    public boolean colorAllowed() {
        String noColor = env.get("NO_COLOR");
        return stdoutTty && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }
}
