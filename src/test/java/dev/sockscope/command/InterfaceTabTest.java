package dev.sockscope.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.net.NetException;
import dev.sockscope.net.linux.NetworkSources;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The live view's Interfaces tab over this machine's interfaces: an interface the test creates
 * (a dummy where the kernel has the module, else a veth pair) shows with its MTU, MAC and
 * address, and is gone once removed; lo's rates are the bytes the test sends over loopback
 * divided by the time the injected clock says passed; the default route's interface (as
 * {@code ip route show default} names it) is the one marked.
 */
@Tag("live")
class InterfaceTabTest {
    static final long SECOND = 1_000_000_000L;

    final AtomicLong clock = new AtomicLong(5 * SECOND);

    InterfaceTab tab() {
        return new InterfaceTab(() -> NetworkSources.open("auto", Path.of("/proc")), SECOND, clock::get);
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return p.exitValue() == 0 ? out : null;
    }

    static String line(List<String> lines, String name) {
        for (String l : lines) {
            if (l.length() > 2 && l.substring(2).startsWith(name + " ")) {
                return l;
            }
        }
        return null;
    }

    @Test
    void anInterfaceTheTestAddsShowsWithItsMtuMacAndAddressAndGoesWhenRemoved() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "adding an interface needs root");
        assumeTrue(run("ip", "-V") != null, "no ip command");
        String name = "sstab" + (ProcessHandle.current().pid() % 100000);
        // no dummy module on some kernels: a veth pair (its peer removed with it) instead
        boolean dummy = run("ip", "link", "add", name, "type", "dummy") != null;
        if (!dummy) {
            assertNotNull(
                    run("ip", "link", "add", name, "type", "veth", "peer", "name", name + "p"),
                    "neither a dummy nor a veth interface could be added");
        }
        InterfaceTab tab = tab();
        try {
            // down: its address adds no route to the host's tables
            assertNotNull(run("ip", "link", "set", name, "mtu", "1400", "address", "02:53:53:00:00:07"));
            assertNotNull(run("ip", "addr", "add", "198.51.100.7/24", "dev", name));
            List<String> lines = tab.get();
            assertEquals("Interface", lines.get(0).substring(2, 11), lines.get(0));
            String row = line(lines, name);
            assertNotNull(row, String.join("\n", lines));
            assertTrue(
                    row.matches("  " + name + " +down +1400  02:53:53:00:00:07 +- +-  198\\.51\\.100\\.7/24"),
                    "'" + row + "'");
        } finally {
            run("ip", "link", "del", name);
        }
        clock.addAndGet(SECOND);
        assertEquals(null, line(tab.get(), name), "removed");
        tab.close();
    }

    @Test
    void loopbackRatesAreTheBytesSentOverTheInjectedTime() throws Exception {
        InterfaceTab tab = tab();
        List<String> first = tab.get();
        String lo = line(first, "lo");
        assertNotNull(lo, String.join("\n", first));
        assertTrue(lo.matches("  lo +up +\\d+  00:00:00:00:00:00 +- +-  127\\.0\\.0\\.1/8.*"), lo);
        // within the period the same lines come back without a reading
        clock.addAndGet(SECOND / 2);
        assertSame(first, tab.get());
        byte[] chunk = new byte[64 * 1024];
        try (ServerSocket l = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket c = new Socket(InetAddress.getLoopbackAddress(), l.getLocalPort());
                Socket a = l.accept()) {
            OutputStream out = c.getOutputStream();
            InputStream in = a.getInputStream();
            int got = 0;
            for (int i = 0; i < 32; i++) {
                out.write(chunk);
                got += in.readNBytes(chunk.length).length;
            }
            assertEquals(2 * 1024 * 1024, got);
        }
        clock.addAndGet(SECOND / 2);
        String after = line(tab.get(), "lo");
        // 2 MiB over one (injected) second, plus whatever else went over lo meanwhile
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "  lo +up +\\d+  00:00:00:00:00:00 +([\\d.]+)([KMGT])B +([\\d.]+)([KMGT])B  127.*")
                .matcher(after);
        assertTrue(m.matches(), after);
        assertTrue(bytes(m.group(1), m.group(2)) >= 2 * 1024 * 1024 * 0.95, after);
        assertTrue(bytes(m.group(3), m.group(4)) >= 2 * 1024 * 1024 * 0.95, after);
        tab.close();
    }

    static double bytes(String number, String unit) {
        return Double.parseDouble(number) * Math.pow(1024, "KMGT".indexOf(unit) + 1);
    }

    @Test
    void theDefaultRoutesInterfaceIsTheOneMarked() throws Exception {
        String def = run("ip", "-4", "route", "show", "default");
        assumeTrue(def != null && def.contains(" dev "), "no IPv4 default route here");
        String[] w = def.trim().split("\\s+");
        String dev = null;
        for (int i = 0; i + 1 < w.length; i++) {
            if (w[i].equals("dev")) {
                dev = w[i + 1];
            }
        }
        List<String> lines = tab().get();
        for (String l : lines.subList(1, lines.size() - 1)) {
            assertEquals(l.substring(2).startsWith(dev + " ") ? '*' : ' ', l.charAt(0), l);
        }
        assertNotNull(line(lines, dev));
        assertTrue(lines.get(lines.size() - 1).startsWith("* a default route leaves through this interface"));
    }

    @Test
    void aSourceThatCannotBeOpenedIsSaidInOneLineAndTriedAgain() {
        int[] opens = {0};
        InterfaceTab tab = new InterfaceTab(
                () -> {
                    opens[0]++;
                    throw new NetException("cannot read network tables: /nowhere is not a readable directory");
                },
                SECOND,
                clock::get);
        assertEquals(
                List.of(
                        "the interfaces cannot be read: cannot read network tables: /nowhere is not a readable directory"),
                tab.get());
        tab.get();
        assertEquals(1, opens[0], "not again within the period");
        clock.addAndGet(SECOND);
        tab.get();
        assertEquals(2, opens[0]);
    }
}
