package dev.sockscope.net;

import java.util.List;

/**
 * What a parser made of a file: the items it understood, and how many lines it skipped
 * because they did not parse (never turned into made-up values).
 */
public record Parsed<T>(List<T> items, int unparsed) {
    public Parsed {
        items = List.copyOf(items);
        if (unparsed < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }
}
