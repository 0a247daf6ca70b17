package dev.sockscope.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.JsonRows;
import dev.sockscope.testing.Run;
import dev.sockscope.view.Fields;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real processes with hostile names and command lines, holding a loopback listener and a unix
 * listener at a hostile address each ({@code src/test/resources/hardening/hostile_holder.py},
 * run with {@code python3 -c}); sockscope runs in this JVM against the live {@code /proc}.
 *
 * <ul>
 *   <li>A: comm {@code ESC[2J BEL BS CR x}; arguments with CSI, OSC, BEL, backspaces, CR and a
 *       line feed; a unix socket at {@code .../evil\nESC[31mred.sock}.</li>
 *   <li>B: comm {@code U+202E evil}; a 64 KiB argument with a CSI inside; a unix socket whose
 *       path holds U+202E.</li>
 *   <li>C: comm of invalid UTF-8, CSI and a line feed; arguments of invalid UTF-8 (an encoded
 *       surrogate among them); an abstract unix socket named {@code ESC]0;pwn BEL}.</li>
 * </ul>
 */
@Tag("live")
class HostileProcessesTest {
    static final HexFormat HEX = HexFormat.of();
    static Path dir;
    static final List<Holder> HOLDERS = new ArrayList<>();
    static Holder a;
    static Holder b;
    static Holder c;

    /** One started holder and what it reported. */
    record Holder(
            Process process,
            int pid,
            int port,
            long tcpInode,
            long unixInode,
            byte[] comm,
            byte[] unix,
            byte[] cmdline) {
        String name() {
            byte[] n = comm;
            return new String(n, StandardCharsets.UTF_8);
        }

        /** The unix address as the kernel prints it: abstract names with '@' for each NUL. */
        String unixText() {
            byte[] u = unix.clone();
            for (int i = 0; i < u.length; i++) {
                if (u[i] == 0) {
                    u[i] = '@';
                }
            }
            return new String(u, StandardCharsets.UTF_8);
        }

        /** The command line per the owner resolver's contract: NULs as spaces, trailing ones dropped. */
        String command() {
            byte[] c = cmdline.clone();
            int n = c.length;
            while (n > 0 && c[n - 1] == 0) {
                n--;
            }
            for (int i = 0; i < n; i++) {
                c[i] = c[i] == 0 ? (byte) ' ' : c[i];
            }
            return new String(c, 0, n, StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "ss-hostile-");
        String path = dir.toString();
        a = start(
                bytes("\u001b[2J\u0007\b\rx"),
                bytes(path + "/evil\n\u001b[31mred.sock"),
                List.of(
                        bytes("arg\u001b[2J"),
                        bytes("\u0007bell\b\b"),
                        bytes("cr\roverwrite"),
                        bytes("\u001b]0;title\u0007"),
                        bytes("line\nbreak")));
        b = start(
                bytes("\u202eevil"),
                bytes(path + "/\u202ekcod.sock"),
                List.of(bytes("A".repeat(32 * 1024) + "\u001b[2J" + "B".repeat(32 * 1024)), bytes("\u202eevil.txt")));
        c = start(
                new byte[] {(byte) 0xff, (byte) 0xfe, 0x1b, '[', '3', '1', 'm', 'b', 'a', 'd', '\n', 'X'},
                bytes("\u0000\u001b]0;pwn\u0007"),
                List.of(new byte[] {(byte) 0xff, (byte) 0xfe}, new byte[] {(byte) 0xc3, '('}, new byte[] {
                    (byte) 0xed, (byte) 0xa0, (byte) 0x80
                }));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Holder start(byte[] comm, byte[] unix, List<byte[]> args) throws IOException {
        String code;
        try (InputStream in = HostileProcessesTest.class.getResourceAsStream("/hardening/hostile_holder.py")) {
            code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> reexec = new ArrayList<>();
        for (byte[] arg : args) {
            reexec.add(Files.write(dir.resolve("arg" + HOLDERS.size() + "-" + reexec.size()), arg)
                    .toString());
        }
        List<String> cmd = List.of(
                "/usr/bin/python3",
                "-c",
                code,
                HEX.formatHex(comm),
                HEX.formatHex(unix),
                "120",
                String.join(",", reexec));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, String> facts = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null && !line.equals("ready"); ) {
            int eq = line.indexOf('=');
            facts.put(line.substring(0, eq), line.substring(eq + 1));
        }
        if (!facts.containsKey("cmdline")) {
            p.destroyForcibly();
            throw new IOException("hostile holder did not start: " + facts);
        }
        Holder h = new Holder(
                p,
                Integer.parseInt(facts.get("pid")),
                Integer.parseInt(facts.get("port")),
                Long.parseLong(facts.get("tcp.inode")),
                Long.parseLong(facts.get("unix.inode")),
                comm,
                unix,
                HEX.parseHex(facts.get("cmdline")));
        HOLDERS.add(h);
        // the kernel shows the hostile arguments byte for byte: the test really is hostile
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        for (byte[] arg : args) {
            tail.writeBytes(arg);
            tail.write(0);
        }
        byte[] t = tail.toByteArray();
        assertTrue(
                java.util.Arrays.equals(h.cmdline, h.cmdline.length - t.length, h.cmdline.length, t, 0, t.length),
                "arguments reached the process unchanged");
        return h;
    }

    @AfterAll
    static void stop() throws Exception {
        for (Holder h : HOLDERS) {
            h.process.getOutputStream().close();
            if (!h.process.waitFor(10, TimeUnit.SECONDS)) {
                h.process.destroyForcibly();
            }
        }
        OwnerFuzzTest.delete(dir);
    }

    private static String pids() {
        return a.pid + "," + b.pid + "," + c.pid;
    }

    @Test
    void tableShowsEveryHostileStringAsVisibleText() {
        Run run = Run.of("--list", "-tx", "-n", "--pid", pids());
        assertEquals(0, run.status, run.toString());
        assertEquals(-1, Hostile.firstUnsafe(run.out), Hostile.describeUnsafe(run.out));
        String[] lines = run.out.split("\n", -1);
        assertEquals(8, lines.length, "header, six rows, and the final line feed: no row was split\n" + run.out);
        List<String> rows = new ArrayList<>();
        for (int i = 1; i < 7; i++) {
            String[] cells = lines[i].trim().split(" {2,}");
            rows.add(cells[0] + " | " + cells[1] + " | " + cells[4]);
        }
        String d = dir.toString();
        List<String> want = new ArrayList<>(List.of(
                "tcp | 127.0.0.1:" + a.port + " | " + a.pid + "/\\e[2J\\x07\\b\\rx",
                "tcp | 127.0.0.1:" + b.port + " | " + b.pid + "/\\u202eevil",
                "tcp | 127.0.0.1:" + c.port + " | " + c.pid + "/\ufffd\ufffd\\e[31mbad\\nX",
                "unix | " + d + "/evil\\n\\e[31mred.sock | " + a.pid + "/\\e[2J\\x07\\b\\rx",
                "unix | " + d + "/\\u202ekcod.sock | " + b.pid + "/\\u202eevil",
                "unix | @\\e]0;pwn\\x07 | " + c.pid + "/\ufffd\ufffd\\e[31mbad\\nX"));
        List<String> sortedRows = new ArrayList<>(rows);
        java.util.Collections.sort(sortedRows);
        java.util.Collections.sort(want);
        assertEquals(want, sortedRows, run.out);
        assertTrue(run.err.isEmpty(), run.err);
    }

    @Test
    void jsonCarriesNamesCommandLinesAndPathsExactly() throws Exception {
        Run run = Run.of("--list", "-tx", "--json", "--pid", pids());
        assertEquals(0, run.status, run.toString());
        List<Map<String, Object>> rows = JsonRows.parse(run.out);
        assertEquals(6, rows.size());
        for (Holder h : List.of(a, b, c)) {
            Map<String, Object> tcp = JsonRows.find(rows, "inode", h.tcpInode);
            assertEquals((long) h.port, tcp.get("localPort"));
            assertEquals(h.name(), tcp.get("process"));
            assertEquals(h.command(), tcp.get("command"));
            Map<String, Object> unix = JsonRows.find(rows, "inode", h.unixInode);
            assertEquals(h.unixText(), unix.get("localAddress"));
            assertEquals((long) h.pid, unix.get("pid"));
            assertEquals(h.name(), unix.get("process"));
        }
        assertTrue(a.command().contains("arg\u001b[2J \u0007bell\b\b cr\roverwrite \u001b]0;title\u0007 line\nbreak"));
        assertTrue(((String) JsonRows.find(rows, "inode", b.tcpInode).get("command")).length() > 64 * 1024);
        assertTrue(c.command().endsWith(" \ufffd\ufffd \ufffd( \ufffd"), "invalid UTF-8 as U+FFFD, as decoded");
    }

    @Test
    void csvCarriesNamesCommandLinesAndPathsExactly() {
        Run run = Run.of("--list", "-tx", "--format", "csv", "--pid", pids());
        assertEquals(0, run.status, run.toString());
        List<List<String>> records = Hostile.csv(run.out);
        assertEquals(Fields.KEYS, records.get(0));
        assertEquals(7, records.size());
        Map<String, List<String>> byInode = new HashMap<>();
        for (List<String> r : records.subList(1, records.size())) {
            assertEquals(Fields.KEYS.size(), r.size());
            byInode.put(r.get(Fields.KEYS.indexOf("inode")), r);
        }
        for (Holder h : List.of(a, b, c)) {
            List<String> tcp = byInode.get(Long.toString(h.tcpInode));
            assertEquals(h.name(), tcp.get(Fields.KEYS.indexOf("process")));
            assertEquals(h.command(), tcp.get(Fields.KEYS.indexOf("command")));
            List<String> unix = byInode.get(Long.toString(h.unixInode));
            assertEquals(h.unixText(), unix.get(Fields.KEYS.indexOf("localAddress")));
            assertEquals(Integer.toString(h.pid), unix.get(Fields.KEYS.indexOf("pid")));
        }
    }
}
