package dev.sockscope.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.testing.JsonRows;
import dev.sockscope.testing.Rows;
import dev.sockscope.testing.Run;
import dev.sockscope.view.Cells;
import dev.sockscope.view.Fields;
import dev.sockscope.view.Sanitizer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile process names, command lines and unix socket paths in a fake {@code /proc} tree, run
 * through the whole {@code --list} pipeline ({@code --proc-root}): the table shows them as
 * visible escapes and nothing a terminal would act on; JSON and CSV carry them exactly (parsed
 * back and compared). Invalid UTF-8 cannot travel in JSON or in Java strings: it arrives as
 * U+FFFD, the documented decoding, in every output.
 */
class HostileStringsTest {
    static final byte[] COMM_CLEAR = bytes("\u001b[2J\u0007\b\rx\n");
    static final byte[] COMM_BAD_UTF8 = {
        (byte) 0xff, (byte) 0xfe, 0x1b, '[', '3', '1', 'm', 'b', 'a', 'd', '\n', 'X', '\n'
    };
    static final String BIG = "A".repeat(32 * 1024) + "\u001b[2J" + "B".repeat(32 * 1024);
    static final String PATH_NEWLINE = "/tmp/evil\n\u001b[31mred.sock";
    static final String ABSTRACT_OSC = "@\u001b]0;pwn\u0007";

    @TempDir
    static Path root;

    @BeforeAll
    static void tree() throws Exception {
        Path net = Files.createDirectories(root.resolve("net"));
        Files.writeString(
                net.resolve("tcp"),
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                        + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5001 1 0000000000000000 100 0 0 10 0\n");
        ByteArrayOutputStream unix = new ByteArrayOutputStream();
        unix.writeBytes(bytes("Num       RefCount Protocol Flags    Type St Inode Path\n"));
        unix.writeBytes(bytes("0000000000000000: 00000002 00000000 00010000 0001 01  5002 " + PATH_NEWLINE + "\n"));
        unix.writeBytes(bytes("0000000000000000: 00000002 00000000 00010000 0001 01  5003 " + ABSTRACT_OSC + "\n"));
        unix.writeBytes(bytes("0000000000000000: 00000002 00000000 00010000 0001 01  5004 /tmp/\u202ekcod."));
        unix.writeBytes(new byte[] {(byte) 0xff, 's', 'o', 'c', 'k', '\n'});
        Files.write(net.resolve("unix"), unix.toByteArray());
        ByteArrayOutputStream cmd = new ByteArrayOutputStream();
        for (String arg : List.of(
                "python3", "-c", "print('\u001b[2J')\nx=1", "\u202eevil.txt", "cr\roverwrite", "\u0007\b\b", BIG)) {
            cmd.writeBytes(bytes(arg));
            cmd.write(0);
        }
        cmd.writeBytes(new byte[] {(byte) 0xc3, '(', 0});
        process(4242, COMM_CLEAR, cmd.toByteArray(), 5001, 5002, 5003);
        process(4243, COMM_BAD_UTF8, bytes("bad\0"), 5004);
    }

    private static void process(int pid, byte[] comm, byte[] cmdline, long... inodes) throws Exception {
        Path d = Files.createDirectories(root.resolve(Integer.toString(pid)).resolve("fd"))
                .getParent();
        Files.write(d.resolve("comm"), comm);
        Files.write(d.resolve("cmdline"), cmdline);
        Files.writeString(d.resolve("status"), "Name:\tx\nUid:\t0\t0\t0\t0\n");
        int fd = 3;
        for (long inode : inodes) {
            Files.createSymbolicLink(
                    d.resolve("fd").resolve(Integer.toString(fd++)), Path.of("socket:[" + inode + "]"));
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static final String CLEAR_NAME = "\u001b[2J\u0007\b\rx";
    static final String BAD_NAME = "\ufffd\ufffd\u001b[31mbad\nX";
    static final String COMMAND =
            "python3 -c print('\u001b[2J')\nx=1 \u202eevil.txt cr\roverwrite \u0007\b\b " + BIG + " \ufffd(";

    @Test
    void tableShowsHostileNamesAndPathsAsVisibleEscapes() {
        Run run = Run.of("--list", "-tx", "-n", "--proc-root", root.toString());
        assertEquals(0, run.status, run.toString());
        assertEquals(-1, Hostile.firstUnsafe(run.out), Hostile.describeUnsafe(run.out));
        assertEquals(
                String.join(
                        "\n",
                        "Proto  Local Address              Foreign Address  State   PID/Program",
                        "tcp    127.0.0.1:8080             *                LISTEN  4242/\\e[2J\\x07\\b\\rx",
                        "unix   /tmp/evil\\n\\e[31mred.sock  *                LISTEN  4242/\\e[2J\\x07\\b\\rx",
                        "unix   /tmp/\\u202ekcod.\ufffdsock      *                LISTEN  4243/\ufffd\ufffd\\e[31mbad\\nX",
                        "unix   @\\e]0;pwn\\x07              *                LISTEN  4242/\\e[2J\\x07\\b\\rx",
                        ""),
                run.out);
        assertEquals("", run.err);
    }

    @Test
    void jsonKeepsHostileStringsExactly() throws Exception {
        Run run = Run.of("--list", "-tx", "--json", "--proc-root", root.toString());
        assertEquals(0, run.status, run.toString());
        assertEquals(
                -1,
                Hostile.firstUnsafe(run.out.replace("\u202e", "")),
                "JSON escapes every control character: " + Hostile.describeUnsafe(run.out));
        List<Map<String, Object>> rows = JsonRows.parse(run.out);
        assertEquals(4, rows.size());
        Map<String, Object> tcp = JsonRows.find(rows, "inode", 5001);
        assertEquals(CLEAR_NAME, tcp.get("process"));
        assertEquals(COMMAND, tcp.get("command"));
        assertEquals(
                List.of(Map.of("pid", 4242L, "process", CLEAR_NAME, "user", "root", "command", COMMAND)),
                tcp.get("holders"));
        assertEquals(PATH_NEWLINE, JsonRows.find(rows, "inode", 5002).get("localAddress"));
        assertEquals(ABSTRACT_OSC, JsonRows.find(rows, "inode", 5003).get("localAddress"));
        Map<String, Object> bad = JsonRows.find(rows, "inode", 5004);
        assertEquals("/tmp/\u202ekcod.\ufffdsock", bad.get("localAddress"));
        assertEquals(BAD_NAME, bad.get("process"));
    }

    @Test
    void csvKeepsHostileStringsExactly() {
        Run run = Run.of("--list", "-tx", "--format", "csv", "--proc-root", root.toString());
        assertEquals(0, run.status, run.toString());
        List<List<String>> records = Hostile.csv(run.out);
        assertEquals(Fields.KEYS, records.get(0));
        assertEquals(5, records.size());
        int process = Fields.KEYS.indexOf("process");
        int command = Fields.KEYS.indexOf("command");
        int local = Fields.KEYS.indexOf("localAddress");
        for (List<String> r : records) {
            assertEquals(Fields.KEYS.size(), r.size(), r.toString());
        }
        assertEquals(
                List.of("5001", CLEAR_NAME, COMMAND, "127.0.0.1"),
                List.of(
                        records.get(1).get(Fields.KEYS.indexOf("inode")),
                        records.get(1).get(process),
                        records.get(1).get(command),
                        records.get(1).get(local)));
        assertEquals(PATH_NEWLINE, records.get(2).get(local));
        assertEquals("/tmp/\u202ekcod.\ufffdsock", records.get(3).get(local));
        assertEquals(BAD_NAME, records.get(3).get(process));
        assertEquals(ABSTRACT_OSC, records.get(4).get(local));
    }

    @Test
    void cellsEscapeEverySystemString() {
        Holder evil = new Holder(7, "\u001b]8;;http://x\u0007link\u001b]8;;\u0007", "cmd", 0, "root");
        SocketRow unix = Rows.unix("/run/\u009b2J\u2028\u2066x\ud800", State.LISTEN, 9, evil);
        assertEquals("/run/\\x9b2J\\u2028\\u2066x\\ud800", Cells.local(unix.entry()));
        assertEquals("7/\\e]8;;http://x\\x07link\\e]8;;\\x07", Cells.pidProgram(unix));
        SocketRow tcp = Rows.tcp4("10.0.0.1", 22, "10.0.0.2", 5555, State.ESTABLISHED, 10, evil);
        assertEquals(
                "host\\e[1m.example:5555",
                Cells.remote(tcp.entry(), "host\u001b[1m.example"),
                "a PTR answer is untrusted text too");
    }

    /** Random strings over the risky ranges: the result is always safe, and safe text is left alone. */
    @Test
    void sanitizerOutputIsAlwaysSafeAndSafeTextIsUnchanged() {
        SplittableRandom r = new SplittableRandom(TableFuzzTest.SEED);
        int[][] ranges = {
            {0, 0x20},
            {0x20, 0x7f},
            {0x7f, 0xa0},
            {0xa0, 0x3000},
            {0x2000, 0x2070},
            {0xd800, 0xe000},
            {0xe000, 0xf900},
            {0xfff0, 0x10000},
            {0x10000, 0x110000},
            {0xe0000, 0xe0080}
        };
        int cases = 50_000;
        for (int c = 0; c < cases; c++) {
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(20); k > 0; k--) {
                int[] range = ranges[r.nextInt(ranges.length)];
                int cp = range[0] + r.nextInt(range[1] - range[0]);
                if (cp >= 0xd800 && cp < 0xe000) {
                    b.append((char) cp); // a lone surrogate
                } else {
                    b.appendCodePoint(cp);
                }
            }
            String s = b.toString();
            String clean = Sanitizer.clean(s);
            assertEquals(
                    -1,
                    Hostile.firstUnsafe(clean.replace("\n", "\u0001")),
                    "case " + c + ": " + Hostile.describeUnsafe(clean));
            if (Hostile.firstUnsafe(s.replace("\n", "\u0001")) < 0) {
                assertEquals(s, clean, "safe text is kept");
            }
        }
        FuzzStats.record("sanitizer-property: cases=" + cases);
    }
}
