package dev.sockscope.cli.doc;

import dev.sockscope.cli.CommandLineParser;
import dev.sockscope.cli.Config;
import dev.sockscope.cli.doc.OptionDoc.Group;
import dev.sockscope.cli.doc.OptionDoc.Kind;
import dev.sockscope.cli.doc.OptionDoc.Values;
import dev.sockscope.model.State;
import dev.sockscope.query.SortKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.Option;

/**
 * The options of {@link CommandLineParser}, read from its Commons CLI definitions (names, value
 * names and {@code --help} texts live there only), with the man page section and the value
 * completion of each. An option this table does not know yet is listed under
 * {@link Group#GENERAL} and completes nothing.
 */
public final class Catalog {
    private Catalog() {}

    private record Extra(Group group, Values values) {}

    private static final Map<String, Extra> EXTRA = extras();

    private static Map<String, Extra> extras() {
        Map<String, Extra> m = new HashMap<>();
        for (String s : new String[] {"tcp", "udp", "raw", "unix", "ipv4", "ipv6", "listening", "exposed"}) {
            m.put(s, new Extra(Group.SELECTION, Values.NONE));
        }
        for (String s : new String[] {"port", "local-port", "remote-port"}) {
            m.put(s, new Extra(Group.SELECTION, Values.of(Kind.PORTS)));
        }
        for (String s : new String[] {"address", "local-address", "remote-address", "unit", "container"}) {
            m.put(s, new Extra(Group.SELECTION, Values.of(Kind.TEXT)));
        }
        m.put("pid", new Extra(Group.SELECTION, Values.of(Kind.PIDS)));
        m.put("process", new Extra(Group.SELECTION, Values.of(Kind.PROCESSES)));
        m.put("state", new Extra(Group.SELECTION, new Values(Kind.WORD_LIST, lower(State.values()))));
        m.put("user", new Extra(Group.SELECTION, Values.of(Kind.USERS)));
        m.put("interface", new Extra(Group.SELECTION, Values.of(Kind.INTERFACES)));
        m.put("netns", new Extra(Group.SELECTION, new Values(Kind.NETNS, List.of("all"))));

        for (String s : new String[] {"numeric", "resolve", "json", "reverse", "no-color", "extended", "wide"}) {
            m.put(s, new Extra(Group.OUTPUT, Values.NONE));
        }
        m.put("format", new Extra(Group.OUTPUT, new Values(Kind.WORD, lower(Config.Format.values()))));
        List<String> sortKeys = new ArrayList<>();
        for (SortKey k : SortKey.values()) {
            sortKeys.add(k.name().toLowerCase(Locale.ROOT));
        }
        m.put("sort", new Extra(Group.OUTPUT, new Values(Kind.WORD, sortKeys)));

        m.put("list", new Extra(Group.RUNNING, Values.NONE));
        m.put("interval", new Extra(Group.RUNNING, Values.of(Kind.TEXT)));
        m.put("count", new Extra(Group.RUNNING, Values.of(Kind.TEXT)));
        m.put("backend", new Extra(Group.RUNNING, new Values(Kind.WORD, lower(Config.Backend.values()))));
        m.put("proc-root", new Extra(Group.RUNNING, Values.of(Kind.DIRECTORY)));

        m.put("help", new Extra(Group.GENERAL, Values.NONE));
        m.put("version", new Extra(Group.GENERAL, Values.NONE));
        return m;
    }

    private static List<String> lower(Enum<?>[] values) {
        List<String> out = new ArrayList<>();
        for (Enum<?> v : values) {
            out.add(v.name().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** Every option of the command line, in the order {@code --help} lists them. */
    public static List<OptionDoc> options() {
        List<OptionDoc> out = new ArrayList<>();
        for (Option o : CommandLineParser.definitions().getOptions()) {
            String arg = o.hasArg() ? (o.getArgName() == null ? "VALUE" : o.getArgName()) : null;
            Extra e = o.getLongOpt() == null ? null : EXTRA.get(o.getLongOpt());
            Group group = e == null ? Group.GENERAL : e.group();
            Values values = e != null ? e.values() : arg == null ? Values.NONE : Values.of(Kind.TEXT);
            out.add(new OptionDoc(o.getOpt(), o.getLongOpt(), arg, o.getDescription(), group, values));
        }
        return out;
    }
}
