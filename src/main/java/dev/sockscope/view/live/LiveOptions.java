package dev.sockscope.view.live;

import dev.sockscope.model.SocketRow;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.TableSelection;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the live view needs from the command line.
 *
 * @param source         read every {@code interval} on a thread of its own; not closed by the view
 * @param tables         the tables first shown ({@code -t -u -w -x -4 -6}); the {@code t u 4 6}
 *                       keys toggle TCP, UDP, IPv4, IPv6 inside the view
 * @param listening      {@code -l}: start with listening-only on (the {@code l} key toggles it)
 * @param baseFilter     every other command-line selection ({@code --port --pid --state --user
 *                       --process}); must not test protocol, family or listening, which the view
 *                       toggles itself; null for none
 * @param baseFilterText how {@code baseFilter} reads, shown in the header ("" or null for none)
 * @param filterParser   parses the {@code /} prompt; null disables the prompt
 * @param services       names ports; null shows no service names
 * @param interval       refresh period, positive
 * @param color          false for {@code --no-color} or {@code NO_COLOR}: bold/dim instead of colours
 * @param numeric        {@code -n}: no Service column
 * @param resolver       reverse DNS of remote addresses that returns null at once when the name is
 *                       not cached yet ({@code --resolve}); null for numeric addresses
 * @param err            where the one-line error goes after the terminal is restored
 */
public record LiveOptions(
        SocketSource source,
        TableSelection tables,
        boolean listening,
        Predicate<SocketRow> baseFilter,
        String baseFilterText,
        FilterParser filterParser,
        ServiceRegistry services,
        Duration interval,
        boolean color,
        boolean numeric,
        Function<String, String> resolver,
        PrintStream err) {
    public LiveOptions {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(err, "err");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        baseFilterText = baseFilterText == null ? "" : baseFilterText;
    }
}
