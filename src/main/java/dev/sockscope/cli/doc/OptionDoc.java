package dev.sockscope.cli.doc;

import java.util.List;

/**
 * One option as the man page and the shell completions describe it.
 *
 * @param shortName   the letter, or null
 * @param longName    the word after {@code --}, or null for a short-only option
 * @param argName     the value's name in the synopsis ({@code LIST}), or null for a flag
 * @param description the text of {@code --help}
 * @param group       the man page section it is listed in
 * @param values      what completes its value
 */
public record OptionDoc(
        String shortName, String longName, String argName, String description, Group group, Values values) {

    /** The sections of the man page's option list, in order. */
    public enum Group {
        SELECTION("SELECTION"),
        OUTPUT("OUTPUT"),
        RUNNING("SOURCE AND REFRESH"),
        GENERAL("GENERAL");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** How a value completes: from fixed words, or from the running system. */
    public enum Kind {
        /** a flag: no value */
        NONE,
        /** free text (a number, a substring): nothing to offer */
        TEXT,
        /** one of {@link Values#words()} */
        WORD,
        /** a comma-separated list of {@link Values#words()} */
        WORD_LIST,
        /** port numbers or service names of the bundled table, comma-separated */
        PORTS,
        /** process ids of the running system, comma-separated */
        PIDS,
        /** process names of the running system */
        PROCESSES,
        /** user names of this system */
        USERS,
        /** network interface names of this system */
        INTERFACES,
        /** named network namespaces ({@code /run/netns}), plus {@link Values#words()} */
        NETNS,
        /** a directory */
        DIRECTORY,
        /** a file */
        FILE
    }

    /**
     * @param kind  how the value completes
     * @param words the fixed words offered ({@code WORD}, {@code WORD_LIST}; extra words for {@code NETNS})
     */
    public record Values(Kind kind, List<String> words) {
        public Values {
            words = List.copyOf(words);
        }

        public static final Values NONE = new Values(Kind.NONE, List.of());

        public static Values of(Kind kind) {
            return new Values(kind, List.of());
        }
    }

    public boolean takesValue() {
        return argName != null;
    }

    /** {@code -t, --tcp} or {@code --port LIST}: how the option is written in the man page's list. */
    public String synopsis() {
        StringBuilder b = new StringBuilder();
        if (shortName != null) {
            b.append('-').append(shortName);
        }
        if (longName != null) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append("--").append(longName);
        }
        if (argName != null) {
            b.append(' ').append(argName);
        }
        return b.toString();
    }
}
