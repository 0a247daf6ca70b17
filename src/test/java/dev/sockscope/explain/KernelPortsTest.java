package dev.sockscope.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelPortsTest {
    @TempDir
    Path tmp;

    private Path tree(String start, String range, String reserved, String v6only) throws IOException {
        Path root = tmp.resolve("proc");
        Path v4 = Files.createDirectories(root.resolve("sys/net/ipv4"));
        Path v6 = Files.createDirectories(root.resolve("sys/net/ipv6"));
        Files.writeString(v4.resolve("ip_unprivileged_port_start"), start);
        Files.writeString(v4.resolve("ip_local_port_range"), range);
        Files.writeString(v4.resolve("ip_local_reserved_ports"), reserved);
        Files.writeString(v6.resolve("bindv6only"), v6only);
        return root;
    }

    @Test
    void readsTheSettingsAsTheKernelPrintsThem() throws IOException {
        // the values and layout of this kernel's files (6.18), one reserved list added
        KernelPorts k = KernelPorts.read(tree("1024\n", "32768\t60999\n", "8000-8005,9090\n", "0\n"));
        assertEquals(1024, k.unprivilegedStart());
        assertEquals(32768, k.ephemeralLow());
        assertEquals(60999, k.ephemeralHigh());
        assertTrue(k.isReserved(8003) && k.isReserved(9090) && !k.isReserved(8006));
        assertEquals(false, k.bindV6Only());
        assertTrue(k.privileged(80) && !k.privileged(1024) && !k.privileged(0));
        assertTrue(k.ephemeral(32768) && k.ephemeral(60999) && !k.ephemeral(61000));
    }

    @Test
    void readsThisHostsFiles() {
        KernelPorts k = KernelPorts.read(Path.of("/proc"));
        if (Files.isDirectory(Path.of("/proc/sys/net/ipv4"))) {
            assertTrue(k.unprivilegedStart() >= 0 && k.ephemeralLow() > 0 && k.reserved() != null, k.toString());
        }
    }

    @Test
    void malformedOrMissingFilesAreUnknown() throws IOException {
        KernelPorts k = KernelPorts.read(tree("x\n", "60999 32768\n", "80-\n", "\n"));
        assertEquals(-1, k.unprivilegedStart());
        assertEquals(-1, k.ephemeralLow());
        assertNull(k.reserved());
        assertNull(k.bindV6Only());
        assertFalse(k.privileged(80));
        assertFalse(k.ephemeral(40000));
        assertEquals(
                KernelPorts.UNKNOWN.toString(),
                KernelPorts.read(tmp.resolve("absent")).toString());
    }

    @Test
    void parsesPortLists() {
        assertEquals(new BitSet(), KernelPorts.portList("\n"));
        assertNull(KernelPorts.portList("70000"));
        assertNull(KernelPorts.portList("5-3"));
        assertNull(KernelPorts.portList("1,,2"));
        assertEquals(3, KernelPorts.portList("1,2-3").cardinality());
    }
}
