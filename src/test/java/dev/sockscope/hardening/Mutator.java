package dev.sockscope.hardening;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, byte-level damage to one line of a text table. Columns are runs of bytes other than
 * space and tab (the separators every table here uses). A mutation does not promise to break a
 * line (truncating an inode column leaves a shorter valid one): callers classify the result with
 * an oracle of their own.
 */
final class Mutator {
    /** What a mutation did, for the case counts. */
    enum Kind {
        TRUNCATE,
        DROP_COLUMN,
        EXTRA_COLUMNS,
        NON_HEX,
        OUT_OF_RANGE,
        BINARY_LINE,
        INSERT_JUNK,
        NUL,
        CARRIAGE_RETURN,
        TAB_FOR_SPACE,
        SWAP_COLUMNS,
        TERMINAL_ESCAPES,
        SPLIT_COLUMN,
        DUPLICATE_COLUMN,
        SIGN,
        BLANK_COLUMN_CHAR
    }

    private static final byte[][] ESCAPES = {
        bytes("\u001b[2J"),
        bytes("\u001b]0;owned\u0007"),
        bytes("\u0007"),
        bytes("\b\b\b"),
        bytes("\r"),
        bytes("\u202e"),
        {(byte) 0xff, (byte) 0xfe},
        {(byte) 0xc3},
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        bytes("\u009b31m"),
        bytes("\u001b[31m"),
    };
    private static final byte[] NOT_HEX = bytes("gGzZ-+.x:/\u00ff_");

    private Mutator() {}

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Applies {@code kind} to {@code line}; never returns the same array. */
    static byte[] apply(Kind kind, byte[] line, SplittableRandom r) {
        List<int[]> cols = columns(line);
        switch (kind) {
            case TRUNCATE:
                return Arrays.copyOf(line, line.length == 0 ? 0 : r.nextInt(line.length));
            case DROP_COLUMN: {
                if (cols.isEmpty()) {
                    return line.clone();
                }
                int[] c = cols.get(r.nextInt(cols.size()));
                return splice(line, c[0], c[1], new byte[0]);
            }
            case EXTRA_COLUMNS: {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.writeBytes(line);
                for (int k = 1 + r.nextInt(3); k > 0; k--) {
                    b.write(' ');
                    b.writeBytes(randomToken(r));
                }
                return b.toByteArray();
            }
            case NON_HEX: {
                if (cols.isEmpty()) {
                    return line.clone();
                }
                int[] c = cols.get(r.nextInt(cols.size()));
                byte[] out = line.clone();
                out[c[0] + r.nextInt(c[1] - c[0])] = NOT_HEX[r.nextInt(NOT_HEX.length)];
                return out;
            }
            case OUT_OF_RANGE: {
                if (cols.isEmpty()) {
                    return line.clone();
                }
                int[] c = cols.get(r.nextInt(cols.size()));
                String[] big = {
                    "10000",
                    "FFFFFFFFF",
                    "4294967296",
                    "2147483648",
                    "99999999999999999999",
                    "9223372036854775808",
                    "0000000000000000000000000000000000000001",
                    "1F90F",
                    "0D"
                };
                byte[] token = Arrays.copyOfRange(line, c[0], c[1]);
                int colon = indexOf(token, (byte) ':');
                byte[] value = bytes(big[r.nextInt(big.length)]);
                if (colon >= 0 && r.nextBoolean()) {
                    // keep the "ADDR:" part and overflow the port, or the reverse
                    return splice(line, c[0] + colon + 1, c[1], value);
                }
                return splice(line, c[0], c[1], value);
            }
            case BINARY_LINE: {
                byte[] junk = new byte[1 + r.nextInt(200)];
                for (int i = 0; i < junk.length; i++) {
                    junk[i] = (byte) r.nextInt(256);
                }
                return junk;
            }
            case INSERT_JUNK: {
                byte[] junk = new byte[1 + r.nextInt(8)];
                for (int i = 0; i < junk.length; i++) {
                    junk[i] = (byte) r.nextInt(256);
                }
                int at = r.nextInt(line.length + 1);
                return splice(line, at, at, junk);
            }
            case NUL: {
                int at = r.nextInt(line.length + 1);
                return splice(line, at, at, new byte[] {0});
            }
            case CARRIAGE_RETURN: {
                int at = r.nextBoolean() ? line.length : r.nextInt(line.length + 1);
                return splice(line, at, at, new byte[] {'\r'});
            }
            case TAB_FOR_SPACE: {
                byte[] out = line.clone();
                int spaces = 0;
                for (byte b : out) {
                    spaces += b == ' ' ? 1 : 0;
                }
                if (spaces == 0) {
                    return splice(line, 0, 0, new byte[] {'\t'});
                }
                int pick = r.nextInt(spaces);
                for (int i = 0; i < out.length; i++) {
                    if (out[i] == ' ' && pick-- == 0) {
                        out[i] = '\t';
                        break;
                    }
                }
                return out;
            }
            case SWAP_COLUMNS: {
                if (cols.size() < 2) {
                    return line.clone();
                }
                int a = r.nextInt(cols.size());
                int b = r.nextInt(cols.size());
                if (a == b) {
                    b = (a + 1) % cols.size();
                }
                int[] x = cols.get(Math.min(a, b));
                int[] y = cols.get(Math.max(a, b));
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                o.write(line, 0, x[0]);
                o.write(line, y[0], y[1] - y[0]);
                o.write(line, x[1], y[0] - x[1]);
                o.write(line, x[0], x[1] - x[0]);
                o.write(line, y[1], line.length - y[1]);
                return o.toByteArray();
            }
            case TERMINAL_ESCAPES: {
                byte[] esc = ESCAPES[r.nextInt(ESCAPES.length)];
                int at = r.nextBoolean() ? line.length : r.nextInt(line.length + 1);
                return splice(line, at, at, esc);
            }
            case SPLIT_COLUMN: {
                int at = r.nextInt(line.length + 1);
                return splice(line, at, at, new byte[] {' '});
            }
            case DUPLICATE_COLUMN: {
                if (cols.isEmpty()) {
                    return line.clone();
                }
                int[] c = cols.get(r.nextInt(cols.size()));
                byte[] copy = new byte[c[1] - c[0] + 1];
                System.arraycopy(line, c[0], copy, 0, c[1] - c[0]);
                copy[copy.length - 1] = ' ';
                return splice(line, c[0], c[0], copy);
            }
            case SIGN: {
                if (cols.isEmpty()) {
                    return line.clone();
                }
                int[] c = cols.get(r.nextInt(cols.size()));
                return splice(line, c[0], c[0], new byte[] {(byte) (r.nextBoolean() ? '-' : '+')});
            }
            case BLANK_COLUMN_CHAR: {
                byte[] ws = {'\u000b', '\f', (byte) 0xa0, (byte) 0x85};
                int at = r.nextInt(line.length + 1);
                return splice(line, at, at, new byte[] {ws[r.nextInt(ws.length)]});
            }
            default:
                throw new AssertionError(kind);
        }
    }

    static Kind randomKind(SplittableRandom r) {
        Kind[] all = Kind.values();
        return all[r.nextInt(all.length)];
    }

    /** A short column: hex, decimal, or printable junk. */
    static byte[] randomToken(SplittableRandom r) {
        String alphabet = switch (r.nextInt(3)) {
            case 0 -> "0123456789ABCDEF";
            case 1 -> "0123456789";
            default -> "abcxyz:-_./@#\\\"',";
        };
        byte[] t = new byte[1 + r.nextInt(12)];
        for (int i = 0; i < t.length; i++) {
            t[i] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
        }
        return t;
    }

    /** [start, end) of each column. */
    static List<int[]> columns(byte[] line) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < line.length) {
            while (i < line.length && (line[i] == ' ' || line[i] == '\t')) {
                i++;
            }
            int s = i;
            while (i < line.length && line[i] != ' ' && line[i] != '\t') {
                i++;
            }
            if (i > s) {
                out.add(new int[] {s, i});
            }
        }
        return out;
    }

    static byte[] splice(byte[] line, int from, int to, byte[] with) {
        byte[] out = new byte[line.length - (to - from) + with.length];
        System.arraycopy(line, 0, out, 0, from);
        System.arraycopy(with, 0, out, from, with.length);
        System.arraycopy(line, to, out, from + with.length, line.length - to);
        return out;
    }

    static int indexOf(byte[] d, byte b) {
        for (int i = 0; i < d.length; i++) {
            if (d[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
