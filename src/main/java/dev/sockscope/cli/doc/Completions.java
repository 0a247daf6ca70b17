package dev.sockscope.cli.doc;

import dev.sockscope.cli.Opt;
import dev.sockscope.model.Proto;
import dev.sockscope.service.BundledServiceRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Completion scripts for bash, zsh and fish, made at build time from the option definitions
 * ({@link Catalog}). Fixed values (states, sort keys, formats, the bundled table's service
 * names) are written into the scripts; pids, process names, interfaces and network namespaces
 * are read from the running system at each Tab. Those are untrusted text: the scripts compare
 * them as plain strings and never let the shell expand them ({@code compgen -W} would).
 */
public final class Completions {
    private final List<Opt> options;
    private final List<String> services;

    public Completions(List<Opt> options, List<String> services) {
        this.options = List.copyOf(options);
        this.services = List.copyOf(services);
    }

    /** Every name the bundled port table gives a TCP or UDP port, and IANA's where it differs, sorted. */
    public static List<String> serviceNames() {
        BundledServiceRegistry r = BundledServiceRegistry.withoutEphemeralRange();
        Set<String> names = new TreeSet<>();
        for (int port = 0; port <= 65535; port++) {
            for (Proto p : new Proto[] {Proto.TCP, Proto.UDP}) {
                add(names, r.name(p, port));
                add(names, r.ianaName(p, port));
            }
        }
        return new ArrayList<>(names);
    }

    private static void add(Set<String> names, String name) {
        // shell-safe words only: the table's names are letters, digits, '-', '.', '_', '+', '/'
        if (name != null && !name.isEmpty() && name.chars().allMatch(Completions::wordChar)) {
            names.add(name);
        }
    }

    private static boolean wordChar(int c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '+';
    }

    /** How a value completes, in the scripts' terms. */
    private enum Kind {
        NONE,
        TEXT,
        WORD,
        WORD_LIST,
        PORTS,
        PIDS,
        PROCESSES,
        USERS,
        INTERFACES,
        NETNS,
        DIRECTORY,
        FILE
    }

    private static Kind kind(Opt o) {
        switch (o.completion()) {
            case NONE:
                return o.takesValue() ? Kind.TEXT : Kind.NONE;
            case PORTS:
                return Kind.PORTS;
            case PIDS:
                return Kind.PIDS;
            case PROCESSES:
                return Kind.PROCESSES;
            case USERS:
                return Kind.USERS;
            case INTERFACES:
                return Kind.INTERFACES;
            case NETNS:
                return Kind.NETNS;
            case DIRECTORY:
                return Kind.DIRECTORY;
            case FILE:
                return Kind.FILE;
            case STATES:
            case COLUMNS:
            case FORMATS:
            case SORT_KEYS:
            case BACKENDS:
                return Catalog.isList(o) ? Kind.WORD_LIST : Kind.WORD;
            default:
                return Kind.TEXT; // addresses, numbers, free text: nothing to offer
        }
    }

    private static List<String> words(Opt o) {
        return Catalog.words(o.completion());
    }

    private static final String HEADER = " completion for sockscope, generated from its option definitions by"
            + " dev.sockscope.cli.doc.Completions; do not edit.\n";

    // ---- bash ----

    public String bash() {
        StringBuilder b = new StringBuilder(services.size() * 10 + 8192);
        b.append("# bash").append(HEADER);
        b.append("_sockscope_services=(");
        words(b, services);
        b.append(")\n\n");
        b.append("""
                # Adds to COMPREPLY each line of standard input that starts with $1, with $2 in front
                # (the items before the last comma of a list). A literal comparison: names from the
                # system are never expanded.
                _sockscope_add() {
                    local w
                    while IFS= read -r w; do
                        [[ -n $w && $w == "$1"* ]] && COMPREPLY+=("$2$w")
                    done
                }

                # Completes the item after the last comma of $cur from standard input.
                _sockscope_items() {
                    local head=""
                    [[ $cur == *,* ]] && head=${cur%,*},
                    _sockscope_add "${cur##*,}" "$head"
                }

                _sockscope_pids() {
                    local d
                    for d in /proc/[0-9]*; do printf '%s\\n' "${d#/proc/}"; done
                }

                _sockscope_processes() {
                    local f n
                    declare -A seen=()
                    for f in /proc/[0-9]*/comm; do
                        { IFS= read -r n < "$f"; } 2>/dev/null || continue
                        [[ -n $n && -z ${seen[$n]+x} ]] || continue
                        seen[$n]=1
                        printf '%s\\n' "$n"
                    done
                }

                _sockscope_interfaces() {
                    local d
                    for d in /sys/class/net/*; do [[ -e $d ]] && printf '%s\\n' "${d##*/}"; done
                }

                _sockscope_netns() {
                    local d
                    for d in /run/netns/*; do [[ -e $d ]] && printf '%s\\n' "${d##*/}"; done
                }

                _sockscope() {
                    COMPREPLY=()
                    local cur=${COMP_WORDS[COMP_CWORD]} prev=""
                    (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}
                    # --opt=value: bash splits it at '=' (COMP_WORDBREAKS)
                    if [[ $cur == = ]]; then
                        cur=""
                    elif [[ $prev == = ]] && (( COMP_CWORD > 1 )); then
                        prev=${COMP_WORDS[COMP_CWORD-2]}
                    fi
                    case $prev in
                """);
        for (Opt o : options) {
            if (!o.takesValue()) {
                continue;
            }
            b.append("        ").append(String.join("|", names(o))).append(")\n");
            b.append("            ").append(bashValue(o)).append("\n            return 0 ;;\n");
        }
        b.append("    esac\n");
        b.append("    if [[ $cur == -* ]]; then\n");
        b.append("        _sockscope_add \"$cur\" \"\" <<'EOF'\n");
        for (Opt o : options) {
            for (String n : names(o)) {
                b.append(n).append('\n');
            }
        }
        b.append("EOF\n    fi\n    return 0\n}\n\ncomplete -F _sockscope sockscope\n");
        return b.toString();
    }

    private static String bashValue(Opt o) {
        return switch (kind(o)) {
            case WORD -> "_sockscope_add \"$cur\" \"\" < <(printf '%s\\n' " + String.join(" ", words(o)) + ")";
            case WORD_LIST -> "_sockscope_items < <(printf '%s\\n' " + String.join(" ", words(o)) + ")";
            case PORTS -> "_sockscope_items < <(printf '%s\\n' \"${_sockscope_services[@]}\")";
            case PIDS -> "_sockscope_items < <(_sockscope_pids)";
            case PROCESSES ->
                "_sockscope_add \"$cur\" \"\" < <(_sockscope_processes)\n"
                        + "            compopt -o filenames 2>/dev/null # quotes names with blanks";
            case USERS -> "COMPREPLY=($(compgen -u -- \"$cur\"))";
            case INTERFACES -> "_sockscope_add \"$cur\" \"\" < <(_sockscope_interfaces)";
            case NETNS ->
                "_sockscope_add \"$cur\" \"\" < <(_sockscope_netns; printf '%s\\n' " + String.join(" ", words(o)) + ")";
            case DIRECTORY -> "compopt -o dirnames 2>/dev/null; COMPREPLY=($(compgen -d -- \"$cur\"))";
            case FILE -> "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\"))";
            case TEXT, NONE -> ":";
        };
    }

    private static List<String> names(Opt o) {
        List<String> out = new ArrayList<>();
        if (o.shortName() != null) {
            out.add("-" + o.shortName());
        }
        if (o.longName() != null) {
            out.add("--" + o.longName());
        }
        return out;
    }

    private static void words(StringBuilder b, List<String> words) {
        int line = 0;
        for (String w : words) {
            if (line + w.length() > 96) {
                b.append('\n');
                line = 0;
            } else if (line > 0) {
                b.append(' ');
                line++;
            }
            b.append(w);
            line += w.length();
        }
    }

    // ---- zsh ----

    public String zsh() {
        StringBuilder b = new StringBuilder(services.size() * 10 + 8192);
        b.append("#compdef sockscope\n# zsh").append(HEADER).append('\n');
        b.append("local -a _sockscope_services\n_sockscope_services=(");
        words(b, services);
        b.append(")\n\n");
        b.append("""
                _sockscope_pids() {
                    local -a pids
                    pids=(/proc/<->(N:t))
                    _sequence compadd -a pids
                }

                _sockscope_processes() {
                    local -aU names
                    local f n
                    for f in /proc/<->/comm(N); do
                        n=$(<$f) 2>/dev/null && [[ -n $n ]] && names+=("$n")
                    done
                    compadd -a names
                }

                _sockscope_interfaces() {
                    local -a ifs
                    ifs=(/sys/class/net/*(N:t))
                    compadd -a ifs
                }

                _sockscope_netns() {
                    local -a ns
                    ns=(/run/netns/*(N:t) "$@")
                    compadd -a ns
                }

                _sockscope_ports() {
                    _sequence compadd -a _sockscope_services
                }

                _arguments -s -S \\
                """);
        for (Opt o : options) {
            b.append("    ").append(zshSpec(o)).append(" \\\n");
        }
        b.append("    && return 0\n");
        return b.toString();
    }

    private static String zshSpec(Opt o) {
        String desc = zshEscape(o.help() == null ? "" : o.help());
        String action = zshAction(o);
        String value =
                o.takesValue() ? ":" + zshEscape(o.argName().toLowerCase(java.util.Locale.ROOT)) + ":" + action : "";
        List<String> names = names(o);
        if (names.size() == 1) {
            String n = names.get(0);
            String eq = o.takesValue() ? (n.startsWith("--") ? "=" : "+") : "";
            return "'" + n + eq + "[" + desc + "]" + value + "'";
        }
        String shortN = names.get(0);
        String longN = names.get(1);
        String exclusion = "'(" + shortN + " " + longN + ")'";
        if (!o.takesValue()) {
            return exclusion + "{" + shortN + "," + longN + "}'[" + desc + "]'";
        }
        return exclusion + "{'" + shortN + "+','" + longN + "='}'[" + desc + "]" + value + "'";
    }

    private static String zshAction(Opt o) {
        return switch (kind(o)) {
            case WORD -> "(" + String.join(" ", words(o)) + ")";
            case WORD_LIST -> "_sequence compadd - " + String.join(" ", words(o));
            case PORTS -> "_sockscope_ports";
            case PIDS -> "_sockscope_pids";
            case PROCESSES -> "_sockscope_processes";
            case USERS -> "_users";
            case INTERFACES -> "_sockscope_interfaces";
            case NETNS -> "_sockscope_netns " + String.join(" ", words(o));
            case DIRECTORY -> "_files -/";
            case FILE -> "_files";
            case TEXT, NONE -> " ";
        };
    }

    /** For a single-quoted _arguments spec: quotes, brackets and colons of a description. */
    private static String zshEscape(String s) {
        return s.replace("\\", "\\\\")
                .replace("'", "'\\''")
                .replace("[", "\\[")
                .replace("]", "\\]")
                .replace(":", "\\:");
    }

    // ---- fish ----

    public String fish() {
        StringBuilder b = new StringBuilder(services.size() * 10 + 8192);
        b.append("# fish").append(HEADER).append('\n');
        b.append("""
                # The items of a comma-separated list: what comes before the last comma of the token
                # being completed, followed by each of the given words.
                function __sockscope_items
                    set -l token (commandline -ct | string replace -r '^--[^=]*=' '')
                    set -l head (string match -r '^.*,' -- $token)
                    for w in $argv
                        printf '%s%s\\n' "$head" $w
                    end
                end

                # (fish globs have no [0-9]: the pid directories are picked by name)
                function __sockscope_pids
                    for d in /proc/*
                        set -l pid (string replace /proc/ '' -- $d)
                        string match -qr '^[0-9]+$' -- $pid; or continue
                        set -l comm (cat $d/comm 2>/dev/null)
                        __sockscope_items "$pid"\\t"$comm"
                    end
                end

                function __sockscope_processes
                    for d in /proc/*
                        string match -qr '^/proc/[0-9]+$' -- $d; and cat $d/comm 2>/dev/null
                    end | sort -u
                end

                function __sockscope_interfaces
                    for d in /sys/class/net/*
                        string replace /sys/class/net/ '' -- $d
                    end
                end

                function __sockscope_netns
                    for d in /run/netns/*
                        string replace /run/netns/ '' -- $d
                    end
                    printf '%s\\n' $argv
                end

                """);
        b.append("function __sockscope_ports\n    __sockscope_items \\\n");
        StringBuilder words = new StringBuilder();
        words(words, services);
        for (String line : words.toString().split("\n")) {
            b.append("        ").append(line).append(" \\\n");
        }
        b.append("\nend\n\n");
        b.append("complete -c sockscope -f\n");
        for (Opt o : options) {
            b.append("complete -c sockscope");
            if (o.shortName() != null) {
                b.append(" -s ").append(o.shortName());
            }
            if (o.longName() != null) {
                b.append(" -l ").append(o.longName());
            }
            if (o.takesValue()) {
                String action = fishAction(o);
                b.append(action.isEmpty() ? " -x" : " -x -a " + action);
            }
            if (o.help() != null) {
                b.append(" -d '").append(fishEscape(o.help())).append("'");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String fishAction(Opt o) {
        return switch (kind(o)) {
            case WORD -> "'" + String.join(" ", words(o)) + "'";
            case WORD_LIST -> "'(__sockscope_items " + String.join(" ", words(o)) + ")'";
            case PORTS -> "'(__sockscope_ports)'";
            case PIDS -> "'(__sockscope_pids)'";
            case PROCESSES -> "'(__sockscope_processes)'";
            case USERS -> "'(__fish_complete_users)'";
            case INTERFACES -> "'(__sockscope_interfaces)'";
            case NETNS -> "'(__sockscope_netns " + String.join(" ", words(o)) + ")'";
            case DIRECTORY -> "'(__fish_complete_directories)'";
            case FILE -> "'(__fish_complete_path)'";
            case TEXT, NONE -> "";
        };
    }

    private static String fishEscape(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }
}
