package dev.sockscope.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line's words as netstat, ss and lsof users type them, made canonical before Commons
 * CLI parses them: combined short flags ({@code -tulpn}, {@code -ano}) become one long option
 * each, abbreviations ({@code --lis}) their full name, {@code :8080} and bare port numbers
 * {@code --port}. Every error names the bad letter or word and, where one is near, the option
 * meant.
 *
 * @param canonical the words for the parser: {@code --name} or {@code --name value}
 */
record Tokens(List<String> canonical) {

    static Tokens of(String[] args) throws UsageException {
        List<String> out = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        boolean onlyOperands = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (onlyOperands || !a.startsWith("-") || a.equals("-")) {
                ports.add(operand(a));
                continue;
            }
            if (a.equals("--")) {
                onlyOperands = true;
                continue;
            }
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                Opt o = resolveLong(name);
                out.add("--" + o.longName());
                if (o.takesValue()) {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(
                                    "option '--" + o.longName() + "' needs a value (" + o.argName() + ")");
                        }
                        value = args[++i];
                    }
                    out.add(value);
                } else if (value != null) {
                    throw new UsageException("option '--" + o.longName() + "' takes no value");
                }
                continue;
            }
            // one or more letters: -t, -tulpn
            String letters = a.substring(1);
            for (int k = 0; k < letters.length(); k++) {
                char c = letters.charAt(k);
                Opt o = Opt.byShort(c);
                if (o == null) {
                    throw new UsageException(unknownLetter(c, a));
                }
                out.add("--" + o.longName());
                if (o.takesValue()) {
                    String rest = letters.substring(k + 1);
                    if (rest.isEmpty()) {
                        if (i + 1 >= args.length) {
                            throw new UsageException("option '-" + c + "' needs a value (" + o.argName() + ")");
                        }
                        rest = args[++i];
                    }
                    out.add(rest);
                    break;
                }
            }
        }
        for (String p : ports) {
            out.add("--port");
            out.add(p);
        }
        return new Tokens(List.copyOf(out));
    }

    /** {@code :8080}, {@code :http}, {@code 8080}, {@code 8000-8100}: a port list; anything else is an error. */
    private static String operand(String a) throws UsageException {
        if (a.startsWith(":") && a.length() > 1) {
            return a.substring(1);
        }
        if (!a.isEmpty()
                && a.chars().allMatch(c -> (c >= '0' && c <= '9') || c == ',' || c == '-')
                && Character.isDigit(a.charAt(0))) {
            return a;
        }
        throw new UsageException(
                "unexpected argument '" + a + "' (a port is given as :PORT, a bare number or --port; see --help)");
    }

    static Opt resolveLong(String name) throws UsageException {
        Opt exact = Opt.byLong(name);
        if (exact != null) {
            return exact;
        }
        List<Opt> starts = new ArrayList<>();
        for (Opt o : Opt.values()) {
            if (!name.isEmpty() && o.longName().startsWith(name)) {
                starts.add(o);
            }
        }
        if (starts.size() == 1) {
            return starts.get(0);
        }
        if (starts.size() > 1) {
            List<String> names = new ArrayList<>();
            for (Opt o : starts) {
                names.add("--" + o.longName());
            }
            throw new UsageException("option '--" + name + "' is ambiguous: it could be " + String.join(", ", names));
        }
        Opt near = nearest(name);
        throw new UsageException("unknown option '--" + name + "'"
                + (near == null ? "" : "; did you mean '--" + near.longName() + "'?") + " (see --help)");
    }

    private static String unknownLetter(char c, String word) {
        StringBuilder letters = new StringBuilder();
        for (Opt o : Opt.values()) {
            if (o.shortName() != null) {
                letters.append(o.shortName());
            }
        }
        String hint = "";
        if (c == 'v') {
            hint = "; for more detail use -e (extended columns) or -o (timers)";
        }
        String where = word.length() > 2 ? " in '" + word + "'" : "";
        return "unknown option letter '" + c + "'" + where + hint + " (letters: " + letters + "; see --help)";
    }

    /** The option whose name is nearest to {@code name} by edit distance (at most 2, or a third of it), or null. */
    private static Opt nearest(String name) {
        Opt best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Opt o : Opt.values()) {
            int d = distance(name, o.longName());
            if (d < bestDistance) {
                best = o;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
