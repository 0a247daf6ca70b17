package dev.sockscope.view.live;

import dev.sockscope.model.SocketRow;
import dev.sockscope.query.QueryException;
import java.util.function.Predicate;

/**
 * Turns the words typed at the live view's {@code /} prompt into a row predicate; the same words
 * as the command line ({@code port:8080 pid:12 state:listen addr:10.0.0.0/8 user:alice}; a bare
 * word matches any column). Implementations are pure and thread-safe.
 */
@FunctionalInterface
public interface FilterParser {

    /**
     * @param words the prompt text; never null, may be blank (the caller treats blank as "no filter")
     * @return a predicate over rows, never null
     * @throws QueryException with a one-line message naming the bad word
     */
    Predicate<SocketRow> parse(String words) throws QueryException;
}
