package dev.sockscope.cli.doc;

import dev.sockscope.cli.Config;
import dev.sockscope.cli.Opt;
import dev.sockscope.model.State;
import dev.sockscope.view.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fixed words an option's value completes with, from the types that parse them (states,
 * formats, backends, column keys), so that the man page and the completions name the values
 * the parser takes; everything else about an option is in {@link Opt}.
 */
public final class Catalog {
    private Catalog() {}

    /** Every option, in the order {@code --help} lists them. */
    public static List<Opt> options() {
        return List.of(Opt.values());
    }

    /** The fixed words for a kind of value; empty for values that come from the system or are free. */
    public static List<String> words(Opt.Values kind) {
        switch (kind) {
            case STATES:
                return lower(State.values());
            case FORMATS:
                return lower(Config.Format.values());
            case BACKENDS:
                return lower(Config.Backend.values());
            case COLUMNS:
            case SORT_KEYS:
                List<String> keys = new ArrayList<>();
                for (Column c : Column.values()) {
                    keys.add(c.key());
                }
                return keys;
            case NETNS:
                return List.of("all", "host");
            default:
                return List.of();
        }
    }

    /** Whether the value is a comma-separated list ({@code LIST} in the synopsis). */
    public static boolean isList(Opt o) {
        return "LIST".equals(o.argName());
    }

    private static List<String> lower(Enum<?>[] values) {
        List<String> out = new ArrayList<>();
        for (Enum<?> v : values) {
            out.add(v.name().toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
