package dev.sockscope.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCountersTest {
    /** A fixture without its first line, which says what it is. */
    static String fixture(String name) throws IOException {
        String text = Files.readString(Path.of("src/test/resources/export", name), StandardCharsets.ISO_8859_1);
        return text.substring(text.indexOf('\n') + 1);
    }

    @Test
    void readsTheCapturedSnmpFile() throws IOException {
        KernelCounters c = KernelCounters.parse(fixture("snmp"));
        assertEquals(13075L, c.get("Tcp.ActiveOpens"));
        assertEquals(13011L, c.get("Tcp.PassiveOpens"));
        assertEquals(25447L, c.get("Tcp.EstabResets"));
        assertEquals(12985L, c.get("Tcp.OutRsts"));
        assertEquals(-1L, c.get("Tcp.MaxConn"), "the kernel prints -1 for no limit");
        assertEquals(0L, c.get("Udp.RcvbufErrors"));
        assertEquals(0L, c.get("Udp.InErrors"));
        assertEquals(0, c.unparsed());
    }

    @Test
    void readsTheCapturedNetstatFile() throws IOException {
        KernelCounters c = KernelCounters.parse(fixture("netstat"));
        assertEquals(0L, c.get("TcpExt.SyncookiesSent"));
        assertEquals(161L, c.get("TcpExt.ListenOverflows"));
        assertEquals(161L, c.get("TcpExt.ListenDrops"));
        assertEquals(0, c.unparsed());
    }

    @Test
    void readsBothFilesUnderAProcRoot(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("net"));
        Files.writeString(root.resolve("net/snmp"), fixture("snmp"));
        Files.writeString(root.resolve("net/netstat"), fixture("netstat"));
        KernelCounters c = KernelCounters.read(root);
        assertEquals(13075L, c.get("Tcp.ActiveOpens"));
        assertEquals(161L, c.get("TcpExt.ListenDrops"));
    }

    @Test
    void aMissingTreeHasNoCountersRatherThanZeros(@TempDir Path root) {
        KernelCounters c = KernelCounters.read(root);
        assertNull(c.get("Tcp.ActiveOpens"));
        assertEquals(0, c.all().size());
    }

    @Test
    void aPairWithAShortValueLineIsSkippedWholeAndCounted() throws IOException {
        String text = fixture("snmp").replace("Tcp: 1 200 120000 -1 13075", "Tcp: 1 200 120000 -1");
        KernelCounters c = KernelCounters.parse(text);
        assertNull(c.get("Tcp.ActiveOpens"), "values are not shifted into the wrong names");
        assertEquals(0L, c.get("Udp.InErrors"), "the other pairs still count");
        assertEquals(1, c.unparsed());
    }

    @Test
    void aValueThatIsNotANumberSkipsItsPair() throws IOException {
        String text = fixture("snmp").replace("Tcp: 1 200 120000 -1 13075", "Tcp: 1 200 120000 -1 13x75");
        KernelCounters c = KernelCounters.parse(text);
        assertNull(c.get("Tcp.PassiveOpens"));
        assertEquals(1, c.unparsed());
    }

    @Test
    void aTruncatedFileKeepsTheWholePairsBeforeTheCut() throws IOException {
        String full = fixture("snmp");
        String text = full.substring(0, full.indexOf("Udp: InDatagrams"));
        KernelCounters c = KernelCounters.parse(text);
        assertEquals(13075L, c.get("Tcp.ActiveOpens"));
        assertNull(c.get("Udp.InErrors"));
    }
}
