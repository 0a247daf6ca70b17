package dev.sockscope.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The procfs text parsers on files captured from this kernel, and on malformed ones. */
public class ProcTextTest {
    /** A captured file without its first line (which says what was captured). */
    public static byte[] captured(String name) throws IOException {
        try (InputStream in = ProcTextTest.class.getResourceAsStream("/owner/" + name)) {
            byte[] b = in.readAllBytes();
            int nl = 0;
            while (b[nl] != '\n') {
                nl++;
            }
            return Arrays.copyOfRange(b, nl + 1, b.length);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsStateParentAndStartTimeOfCapturedStatFiles() throws IOException {
        assertEquals(new ProcText.Stat('S', 0, 9), ProcText.stat(captured("stat-pid1")));
        assertEquals(new ProcText.Stat('S', 0, 9), ProcText.stat(captured("stat-kthreadd")));
        assertEquals(new ProcText.Stat('S', 19912, 65028), ProcText.stat(captured("stat-parens")));
        ProcText.Stat zombie = ProcText.stat(captured("stat-zombie"));
        assertEquals(new ProcText.Stat('Z', 19912, 65033), zombie);
        assertEquals(true, zombie.zombie());
    }

    @Test
    void rejectsMalformedStat() {
        assertNull(ProcText.stat(null));
        assertNull(ProcText.stat(utf8("")));
        assertNull(ProcText.stat(utf8("12 (x) S 1 1")), "too few fields");
        assertNull(ProcText.stat(utf8("12 x S 1 1 1 0 -1 4 0 0 0 0 0 0 0 0 20 0 1 0 77 0")), "no parentheses");
        assertNull(ProcText.stat(utf8("12 (x) S -1 1 1 0 -1 4 0 0 0 0 0 0 0 0 20 0 1 0 77 0")), "negative ppid");
        assertNull(ProcText.stat(utf8("12 (x) S 1 1 1 0 -1 4 0 0 0 0 0 0 0 0 20 0 1 0 7x7 0")), "not a number");
        assertNull(
                ProcText.stat(utf8("12 (x) S 99999999999 1 1 0 -1 4 0 0 0 0 0 0 0 0 20 0 1 0 77 0")),
                "ppid beyond an int");
        assertNull(ProcText.stat(utf8("12 (x) S 1  1 1 0 -1 4 0 0 0 0 0 0 0 0 20 0 1 0 77 0")), "two spaces");
        assertEquals(
                new ProcText.Stat('S', 1, 77),
                ProcText.stat(utf8("12 (x) S 1 1 1 0 -1 4 0 0 0 0 0 0 0 0 20 0 1 0 77")),
                "ends at starttime");
    }

    @Test
    void readsBootTimeOfCapturedProcStat() throws IOException {
        byte[] stat = captured("proc-stat");
        String text = new String(stat, StandardCharsets.UTF_8);
        int at = text.indexOf("\nbtime ") + 7;
        long expected = Long.parseLong(text.substring(at, text.indexOf('\n', at)));
        assertEquals(expected, ProcText.bootTime(stat));
        assertEquals(-1, ProcText.bootTime(utf8("cpu 1 2 3\nbtime \n")));
        assertEquals(-1, ProcText.bootTime(utf8("cpu 1 2 3\nbtime 12x\n")));
        assertEquals(-1, ProcText.bootTime(utf8("cpu 1 2 3\n")));
        assertEquals(-1, ProcText.bootTime(null));
    }

    @Test
    void takesTheUnifiedCgroupPathOfCapturedFiles() throws IOException {
        assertEquals("/system.slice/nginx.service", ProcText.cgroupPath(captured("cgroup-service")));
        assertEquals(
                "/user.slice/user-1000.slice/user@1000.service/app.slice/vite.service",
                ProcText.cgroupPath(captured("cgroup-user-service")));
        assertEquals("/", ProcText.cgroupPath(captured("cgroup-root")));
        assertEquals("/", ProcText.cgroupPath(captured("cgroup-hybrid-self")));
    }

    @Test
    void fallsBackToTheSystemdHierarchyWhenTheUnifiedOneIsTheRoot() {
        assertEquals(
                "/system.slice/ssh.service",
                ProcText.cgroupPath(utf8("1:name=systemd:/system.slice/ssh.service\n0::/\n")));
        assertEquals("/a", ProcText.cgroupPath(utf8("0::/a")));
    }

    @Test
    void ignoresMalformedCgroupLines() {
        assertNull(ProcText.cgroupPath(null));
        assertNull(ProcText.cgroupPath(utf8("")));
        assertNull(ProcText.cgroupPath(utf8("garbage\n0:relative\n4:memory:/x\n")));
        assertNull(ProcText.cgroupPath(utf8("0::relative/path\n")));
    }

    @Test
    void readsRunTimeAndTimesScheduledOfCapturedSchedstatFiles() throws IOException {
        long[] asleep = ProcText.schedstat(captured("schedstat-asleep"));
        String[] f = new String(captured("schedstat-asleep"), StandardCharsets.UTF_8)
                .strip()
                .split(" ");
        assertEquals(Long.parseLong(f[0]), asleep[0]);
        assertEquals(Long.parseLong(f[2]), asleep[1]);
        assertEquals(true, asleep[0] > 0 && asleep[1] > 0);
        // a thread reading its own: the run time is updated when it leaves the CPU
        assertEquals(
                List.of(0L, 1L),
                Arrays.stream(ProcText.schedstat(captured("schedstat-self")))
                        .boxed()
                        .toList());
        assertEquals(
                List.of(0L, 0L),
                Arrays.stream(ProcText.schedstat(utf8("0 0 0\n"))).boxed().toList());
    }

    @Test
    void refusesSchedstatTextThatIsNotThreeNumbersOnOneLine() {
        for (String bad : new String[] {
            "",
            "\n",
            "1 2\n",
            "1 2 3",
            "1 2 3 4\n",
            "1  2 3\n",
            "-1 2 3\n",
            "1 2 x\n",
            "1 2 3\n4\n",
            "99999999999999999999 2 3\n",
            " 1 2 3\n"
        }) {
            assertNull(ProcText.schedstat(utf8(bad)), bad);
        }
        assertNull(ProcText.schedstat(null));
    }
}
