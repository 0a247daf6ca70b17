package dev.sockscope.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitsTest {
    @Test
    void unifiedHierarchyNamesTheService() {
        assertEquals("nginx.service", Units.fromCgroupFile("0::/system.slice/nginx.service\n"));
    }

    @Test
    void aUserSessionScopeIsItsUnit() {
        assertEquals("session-3.scope", Units.fromCgroupFile("0::/user.slice/user-1000.slice/session-3.scope\n"));
    }

    @Test
    void hybridMachinesFallBackToSystemdsOwnHierarchy() {
        // as this machine's /proc/self/cgroup reads, with a unit in systemd's hierarchy
        String text = "9:name=systemd:/system.slice/cron.service\n4:memory:/x\n0::/\n";
        assertEquals("cron.service", Units.fromCgroupFile(text));
    }

    @Test
    void aProcessOutsideAnyUnitHasNone() {
        assertNull(Units.fromCgroupFile("9:name=systemd:/\n0::/\n"));
        assertNull(Units.fromCgroupFile(""));
    }

    @Test
    void aGoneProcessHasNone(@TempDir Path root) throws IOException {
        assertNull(Units.of(root, 4242));
        Files.createDirectories(root.resolve("4242"));
        Files.writeString(root.resolve("4242/cgroup"), "0::/system.slice/sshd.service\n");
        assertEquals("sshd.service", Units.of(root, 4242));
    }
}
