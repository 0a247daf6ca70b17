package dev.sockscope.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The words the launcher needs to choose JVM flags before Java starts, written by Java so the
 * launcher does not keep its own copy of the option table: every spelling the parser accepts
 * (full names and unambiguous abbreviations) of the options that make a run a one-shot snapshot
 * ({@code --list}, {@code --json}, ...) and of those that repeat it ({@code --count},
 * {@code --interval}, {@code -c}), and of those that make a one-shot run other than a plain
 * table ({@code --format}, {@code --backend}, ...: it then maps the full class-data archive
 * instead of the plain table's, see {@code Training}). The launcher (bin/sockscope) runs this
 * class once per build and reads its output: one category a line, {@code NAME word word ...}.
 */
public final class LaunchWords {
    private LaunchWords() {}

    /** Options that make a run one or more snapshots rather than the live view. */
    static boolean oneShot(Opt o) {
        switch (o) {
            case LIST:
            case FORMAT:
            case JSON:
            case COUNT:
            case CONTINUOUS:
            case EXPLAIN:
            case WAIT_LISTEN:
            case WAIT_FREE:
            case INTERFACES:
            case ROUTES:
            case ROUTE_TO:
            case NEIGHBORS:
            case DNS:
            case DIFF:
            case EVENTS:
            case SERVE:
            case SUMMARY:
            case PIDS:
            case KILL:
            case HELP:
            case VERSION:
                return true;
            default:
                return false;
        }
    }

    /** Options that make a run repeat or run on (long enough for the optimizing compiler). */
    static boolean repeats(Opt o) {
        return o == Opt.COUNT || o == Opt.INTERVAL || o == Opt.CONTINUOUS || o == Opt.EVENTS || o == Opt.SERVE;
    }

    /**
     * Options after which a one-shot run is no plain table snapshot: another output or command
     * than the table ({@code --list} alone is the table), another backend, or repeats.
     */
    static boolean other(Opt o) {
        return (oneShot(o) && o != Opt.LIST) || repeats(o) || o == Opt.BACKEND;
    }

    public static List<String> lines() {
        StringBuilder listLong = new StringBuilder("list-long");
        StringBuilder listShort = new StringBuilder("list-short ");
        StringBuilder repeatLong = new StringBuilder("repeat-long");
        StringBuilder repeatShort = new StringBuilder("repeat-short ");
        StringBuilder otherLong = new StringBuilder("other-long");
        StringBuilder otherShort = new StringBuilder("other-short ");
        for (Opt o : Opt.values()) {
            add(oneShot(o), o, listLong, listShort);
            add(repeats(o), o, repeatLong, repeatShort);
            add(other(o), o, otherLong, otherShort);
        }
        return List.of(
                listLong.toString(),
                listShort.toString(),
                repeatLong.toString(),
                repeatShort.toString(),
                otherLong.toString(),
                otherShort.toString());
    }

    private static void add(boolean in, Opt o, StringBuilder longs, StringBuilder shorts) {
        if (!in) {
            return;
        }
        for (String spelling : spellings(o)) {
            longs.append(' ').append(spelling);
        }
        if (o.shortName() != null) {
            shorts.append(o.shortName());
        }
    }

    /** The long name and every abbreviation of it that the parser resolves to this option. */
    static List<String> spellings(Opt o) {
        List<String> out = new ArrayList<>();
        String name = o.longName();
        for (int len = 1; len <= name.length(); len++) {
            String prefix = name.substring(0, len);
            try {
                if (Tokens.resolveLong(prefix) == o) {
                    out.add(prefix);
                }
            } catch (UsageException e) {
                // ambiguous or unknown: not a spelling of this option
            }
        }
        return out;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        for (String line : lines()) {
            out.println(line);
        }
        out.flush();
    }
}
