package dev.sockscope.source.oshi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import oshi.util.PlatformEnum;

class OshiPlatformTest {

    @Test
    void sortsEveryOshiPlatformIntoWhatItsConnectionCodeDoes() {
        assertEquals(OshiPlatform.LINUX, OshiPlatform.of(PlatformEnum.LINUX));
        assertEquals(OshiPlatform.LINUX, OshiPlatform.of(PlatformEnum.ANDROID));
        assertEquals(OshiPlatform.MACOS, OshiPlatform.of(PlatformEnum.MACOS));
        assertEquals(OshiPlatform.WINDOWS, OshiPlatform.of(PlatformEnum.WINDOWS));
        for (PlatformEnum p : new PlatformEnum[] {
            PlatformEnum.FREEBSD,
            PlatformEnum.OPENBSD,
            PlatformEnum.NETBSD,
            PlatformEnum.DRAGONFLYBSD,
            PlatformEnum.KFREEBSD,
            PlatformEnum.AIX
        }) {
            assertEquals(OshiPlatform.NETSTAT, OshiPlatform.of(p), p.name());
        }
        assertEquals(OshiPlatform.SOLARIS, OshiPlatform.of(PlatformEnum.SOLARIS));
        assertEquals(OshiPlatform.OTHER, OshiPlatform.of(PlatformEnum.UNKNOWN));
        assertEquals(OshiPlatform.OTHER, OshiPlatform.of(PlatformEnum.WINDOWSCE));
        assertEquals(OshiPlatform.OTHER, OshiPlatform.of(PlatformEnum.GNU));
    }

    @Test
    void knowsWhereQueuesAreByteCountsAndWhereRowsArePerDescriptor() {
        assertTrue(OshiPlatform.LINUX.queues);
        assertTrue(OshiPlatform.NETSTAT.queues);
        assertFalse(OshiPlatform.MACOS.queues);
        assertFalse(OshiPlatform.WINDOWS.queues);
        assertTrue(OshiPlatform.MACOS.perDescriptor);
        assertFalse(OshiPlatform.LINUX.perDescriptor);
        assertFalse(OshiPlatform.WINDOWS.perDescriptor);
    }

    @Test
    void saysInOneSentenceWhatIsMissing() {
        assertEquals(
                "oshi backend: no unix or raw sockets, no inodes, one owner per socket, NEW_SYN_RECV sockets skipped,"
                        + " and no owner for other users' sockets unless run as root.",
                OshiPlatform.LINUX.note(false));
        assertEquals(
                "oshi backend: no unix or raw sockets, no inodes, no queue sizes, no UDP peers (connected UDP shows as"
                        + " UNCONN).",
                OshiPlatform.WINDOWS.note(true));
        assertEquals(
                "oshi backend: no unix or raw sockets, no inodes, no queue sizes, no UDP peers (connected UDP shows as"
                        + " UNCONN), and no details of other users' processes unless run as Administrator.",
                OshiPlatform.WINDOWS.note(false));
        assertEquals(
                "oshi backend: parsed from netstat -n: no unix or raw sockets, no inodes, no owning processes.",
                OshiPlatform.NETSTAT.note(false));
        assertEquals(
                "oshi backend: OSHI does not read Solaris's netstat layout, so sockets may be missing; no owners,"
                        + " no inodes.",
                OshiPlatform.SOLARIS.note(true));
    }

    @Test
    void detectsLinuxWhenRunningOnIt() {
        assumeTrue(System.getProperty("os.name").equals("Linux"));
        assertEquals(OshiPlatform.LINUX, OshiPlatform.current());
    }
}
