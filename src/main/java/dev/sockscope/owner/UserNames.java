package dev.sockscope.owner;

import dev.sockscope.model.SocketEntry;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * uid to user name, from a {@code passwd(5)} file ({@code /etc/passwd} on the live system).
 *
 * <p>The file is read once, lazily, on the first lookup; later changes to it are not seen.
 * Lines are {@code name:password:uid:gid:gecos:home:shell}; a line without exactly seven
 * fields, with an empty name or with a uid that is not a decimal number fitting an
 * {@code int} is skipped and counted ({@link #malformedLines()}); empty lines, {@code #}
 * comments and NIS compat lines ({@code +...}, {@code -...}) are skipped without counting.
 * When a uid appears twice the first line wins, as with {@code getpwuid(3)}. Names are decoded
 * as UTF-8 with replacement and returned raw (untrusted: sanitize before display). A missing
 * or unreadable file behaves as an empty one. Directory services (LDAP, sssd) are not
 * consulted. Thread-safe.
 */
public final class UserNames {
    private final Path passwdFile;
    private volatile Table table;

    record Table(Map<Integer, String> names, int malformed) {}

    /** Names from {@code passwdFile}, read on first use. */
    public UserNames(Path passwdFile) {
        this.passwdFile = passwdFile;
    }

    /**
     * @return the user name of {@code uid}; the uid as decimal text when the file has no
     *         entry for it; null when {@code uid} is {@link SocketEntry#UNKNOWN} (or any other
     *         negative value, which no process has)
     */
    public String nameOf(int uid) {
        if (uid < 0) {
            return null;
        }
        Last last = this.last;
        if (last != null && last.uid == uid) {
            return last.name;
        }
        String name = table().names.get(uid);
        if (name == null) {
            name = Integer.toString(uid);
        }
        this.last = new Last(uid, name);
        return name;
    }

    /**
     * The last uid named: a table's rows mostly share a few owners, and a read asks for every
     * row's (the map lookup cost 10 ms a second in the live view at 40,000 sockets). Immutable, so
     * a thread sees a whole one or an older one.
     */
    private record Last(int uid, String name) {}

    private Last last;

    /** True when the file names a user {@code name}. */
    public boolean knows(String name) {
        return table().names.containsValue(name);
    }

    /** How many lines of the file were malformed and skipped (reads the file if not yet read). */
    public int malformedLines() {
        return table().malformed;
    }

    private Table table() {
        Table t = table;
        if (t == null) {
            synchronized (this) {
                t = table;
                if (t == null) {
                    t = load(passwdFile);
                    table = t;
                }
            }
        }
        return t;
    }

    private static Table load(Path file) {
        byte[] bytes;
        try (InputStream in = new FileInputStream(file.toFile())) {
            bytes = in.readAllBytes(); // not Files.readAllBytes: its file channel loads libnet
        } catch (IOException e) {
            // No passwd file (minimal container, captured tree without one): uids print as numbers.
            return new Table(Map.of(), 0);
        }
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Parses passwd text; package-private for tests. */
    static Table parse(String text) {
        Map<Integer, String> names = new HashMap<>();
        int malformed = 0;
        int n = text.length();
        int start = 0;
        while (start < n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            int lineEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            int result = parseLine(text, start, lineEnd, names);
            if (result < 0) {
                malformed++;
            }
            start = end + 1;
        }
        return new Table(Map.copyOf(names), malformed);
    }

    /** @return 1 parsed, 0 ignorable (blank, comment, NIS), -1 malformed */
    private static int parseLine(String s, int from, int to, Map<Integer, String> names) {
        if (from == to) {
            return 0;
        }
        char first = s.charAt(from);
        if (first == '#' || first == '+' || first == '-') {
            return 0;
        }
        int[] colons = new int[6];
        int count = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                if (count == 6) {
                    return -1;
                }
                colons[count++] = i;
            }
        }
        if (count != 6 || colons[0] == from) {
            return -1;
        }
        int uidFrom = colons[1] + 1;
        int uidTo = colons[2];
        if (uidFrom == uidTo || uidTo - uidFrom > 10) {
            return -1;
        }
        long uid = 0;
        for (int i = uidFrom; i < uidTo; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            uid = uid * 10 + (c - '0');
        }
        if (uid > Integer.MAX_VALUE) {
            return -1;
        }
        names.putIfAbsent((int) uid, s.substring(from, colons[0]));
        return 1;
    }
}
