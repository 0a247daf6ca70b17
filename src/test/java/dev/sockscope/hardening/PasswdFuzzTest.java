package dev.sockscope.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockscope.owner.UserNames;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link UserNames} over mutated copies of a real {@code /etc/passwd} (the captured
 * {@code owner/passwd}), read through its public constructor from a file like the real one:
 * damaged lines, colons added and dropped, uids out of range or not numbers, empty names,
 * comment and NIS lines, CRLF, invalid UTF-8 and escapes in names, duplicated uids, 1 MiB lines,
 * empty, missing and unreadable files. Names and the malformed count must be exactly what the
 * class's contract gives, computed here independently.
 */
@Tag("fuzz")
class PasswdFuzzTest {
    static final int CASES = (int) (5_000 * TableFuzzTest.SCALE);

    @Test
    void namesAndMalformedCountFollowTheContract() throws Exception {
        FuzzStats stats = new FuzzStats("passwd-fuzz");
        byte[] real = Files.readAllBytes(OwnerFuzzTest.resource("owner/passwd"));
        List<byte[]> lines = Captured.lines(real);
        Path dir = Files.createTempDirectory(
                Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : "/tmp"), "sockscope-passwd-fuzz-");
        try {
            for (int c = 0; c < CASES; c++) {
                SplittableRandom r = new SplittableRandom(TableFuzzTest.SEED * 47 + c);
                Path file = dir.resolve("passwd" + (c % 2));
                OwnerFuzzTest.delete(file);
                int mode = r.nextInt(100);
                byte[] data;
                if (mode < 2) {
                    data = null; // missing
                    stats.inc("missingFiles");
                } else if (mode < 4) {
                    Files.createDirectory(file);
                    data = null; // unreadable: behaves as missing
                    stats.inc("unreadableFiles");
                } else {
                    data = mode < 6 ? new byte[0] : build(lines, r, stats);
                    Files.write(file, data);
                }
                UserNames names = new UserNames(file);
                Map<Integer, String> want = new HashMap<>();
                int wantBad = data == null ? 0 : oracle(data, want);
                String at = "seed " + TableFuzzTest.SEED + " case " + c;
                try {
                    assertEquals(wantBad, names.malformedLines(), at);
                    for (int uid : probes(data, r)) {
                        String expected = uid < 0 ? null : want.getOrDefault(uid, Integer.toString(uid));
                        assertEquals(expected, names.nameOf(uid), at + " uid " + uid);
                    }
                } catch (AssertionError e) {
                    if (data != null) {
                        FuzzStats.keep("passwd-" + TableFuzzTest.SEED + "-" + c, data);
                    }
                    throw e;
                }
                stats.inc("cases");
                stats.add("namesChecked", want.size());
                stats.add("malformedLines", wantBad);
            }
        } finally {
            OwnerFuzzTest.delete(dir);
        }
        stats.report("");
    }

    private static final String[] ODD_UIDS = {
        "",
        "-1",
        "+5",
        "2147483648",
        "4294967296",
        "2147483647",
        "0012",
        "00000000001",
        "1e3",
        " 5",
        "5 ",
        "0x10",
        "\u0661",
        "99999999999999999999"
    };

    private static byte[] build(List<byte[]> lines, SplittableRandom r, FuzzStats stats) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 1 + r.nextInt(60);
        boolean crlf = r.nextInt(10) == 0;
        for (int i = 0; i < n; i++) {
            byte[] line = lines.get(r.nextInt(lines.size()));
            int roll = r.nextInt(100);
            if (roll < 50) {
                // kept
            } else if (roll < 62) {
                line = Mutator.apply(Mutator.randomKind(r), line, r);
            } else if (roll < 70) {
                line = colons(line, r);
            } else if (roll < 80) {
                line = replaceField(line, 2, ODD_UIDS[r.nextInt(ODD_UIDS.length)]);
            } else if (roll < 85) {
                line = replaceField(line, 0, r.nextBoolean() ? "" : "\u001b[2Jevil\u202e");
            } else if (roll < 88) {
                byte[] name = {(byte) 0xff, 'x', (byte) 0xc3};
                line = Mutator.splice(line, 0, 0, name);
            } else if (roll < 92) {
                byte[] lead = {(byte) "#+- \t".charAt(r.nextInt(5))};
                line = Mutator.splice(line, 0, 0, lead);
            } else if (roll < 95) {
                line = new byte[0];
            } else if (roll < 96 && r.nextInt(20) == 0) {
                line = new byte[1 << 20];
                Arrays.fill(line, (byte) (r.nextBoolean() ? 'a' : ':'));
                stats.inc("mibLines");
            } else {
                line = Mutator.apply(Mutator.Kind.BINARY_LINE, line, r);
            }
            out.writeBytes(line);
            if (crlf) {
                out.write('\r');
            }
            if (i < n - 1 || r.nextInt(4) > 0) {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private static byte[] colons(byte[] line, SplittableRandom r) {
        int at = r.nextInt(line.length + 1);
        if (r.nextBoolean()) {
            return Mutator.splice(line, at, at, new byte[] {':'});
        }
        int colon = -1;
        for (int i = 0; i < line.length; i++) {
            if (line[i] == ':' && (colon < 0 || r.nextInt(3) == 0)) {
                colon = i;
            }
        }
        return colon < 0 ? line : Mutator.splice(line, colon, colon + 1, new byte[0]);
    }

    private static byte[] replaceField(byte[] line, int field, String value) {
        String s = new String(line, StandardCharsets.UTF_8);
        String[] f = s.split(":", -1);
        if (f.length <= field) {
            return line;
        }
        f[field] = value;
        return String.join(":", f).getBytes(StandardCharsets.UTF_8);
    }

    /** uids to ask about: every uid-like field of the data, and a few others. */
    private static List<Integer> probes(byte[] data, SplittableRandom r) {
        List<Integer> out = new ArrayList<>(List.of(-1, 0, 1, 65534, Integer.MAX_VALUE, r.nextInt(70000)));
        if (data != null && data.length < 100_000) {
            for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split(":", -1);
                if (f.length > 2) {
                    try {
                        out.add(Integer.parseInt(f[2].trim()));
                    } catch (NumberFormatException e) {
                        // not a uid: nothing to ask
                    }
                }
            }
        }
        return out;
    }

    /**
     * The contract: the file is UTF-8 text; lines split at LF (a CR before it is dropped); empty,
     * {@code #}, {@code +} and {@code -} lines are ignored; a line is a user when it has exactly
     * seven colon-separated fields, a non-empty name and a uid of 1 to 10 decimal digits that fits
     * an int, else it is counted malformed; the first line of a uid wins.
     */
    static int oracle(byte[] data, Map<Integer, String> names) {
        String text = new String(data, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        int bad = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == lines.length - 1 && line.isEmpty()) {
                break;
            }
            if (line.endsWith("\r") && i < lines.length - 1) {
                line = line.substring(0, line.length() - 1);
            } else if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length != 7
                    || f[0].isEmpty()
                    || f[2].isEmpty()
                    || f[2].length() > 10
                    || !f[2].chars().allMatch(ch -> ch >= '0' && ch <= '9')
                    || Long.parseLong(f[2]) > Integer.MAX_VALUE) {
                bad++;
                continue;
            }
            names.putIfAbsent(Integer.parseInt(f[2]), f[0]);
        }
        return bad;
    }
}
