package dev.sockscope.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CounterParserTest {

    @Test
    void readsTcpAndUdpCountersFromCapturedSnmp() {
        CounterParser.Parsed p = CounterParser.parsePairs(Fixtures.text("captured/snmp"));
        assertEquals(0, p.malformed());
        assertEquals(1714L, p.values().get("TcpActiveOpens"));
        assertEquals(1680L, p.values().get("TcpPassiveOpens"));
        assertEquals(3048L, p.values().get("TcpEstabResets"));
        assertEquals(1691L, p.values().get("TcpOutRsts"));
        assertEquals(-1L, p.values().get("TcpMaxConn"), "MaxConn is signed");
        assertEquals(34L, p.values().get("UdpInDatagrams"));
        assertEquals(500L, p.values().get("UdpOutDatagrams"));
        assertEquals(0L, p.values().get("UdpLiteInDatagrams"));
        assertEquals(1L, p.values().get("IcmpInMsgs"));
        assertEquals(1L, p.values().get("IcmpMsgInType3"));
    }

    @Test
    void readsTcpExtFromCapturedNetstat() {
        CounterParser.Parsed p = CounterParser.parsePairs(Fixtures.text("captured/netstat"));
        assertEquals(0, p.malformed());
        assertEquals(3L, p.values().get("TcpExtListenOverflows"));
        assertEquals(3L, p.values().get("TcpExtListenDrops"));
        assertEquals(0L, p.values().get("TcpExtSyncookiesSent"));
        assertEquals(144L, p.values().get("TcpExtTW"));
        assertEquals(2L, p.values().get("TcpExtTCPTimeouts"));
        assertTrue(p.values().containsKey("IpExtInOctets"));
        assertTrue(p.values().containsKey("MPTcpExtMPCapableSYNRX"));
    }

    @Test
    void readsUdp6FromCapturedSnmp6() {
        CounterParser.Parsed p = CounterParser.parseNameValue(Fixtures.text("captured/snmp6"));
        assertEquals(0, p.malformed());
        assertEquals(0L, p.values().get("Udp6RcvbufErrors"));
        assertEquals(43L, p.values().get("Ip6InReceives"));
    }

    @Test
    void aHeaderWithoutValuesIsCountedAndTheRestKept() {
        CounterParser.Parsed p = CounterParser.parsePairs(Fixtures.text("malformed/snmp-missing-values"));
        assertEquals(1, p.malformed());
        assertNull(p.values().get("TcpActiveOpens"));
        assertEquals(34L, p.values().get("UdpInDatagrams"), "the next group is still read");
    }

    @Test
    void aValueLineOfAnotherLengthDropsThePairWhole() {
        CounterParser.Parsed p = CounterParser.parsePairs(Fixtures.text("malformed/snmp-short-values"));
        assertEquals(1, p.malformed());
        assertNull(p.values().get("TcpRtoAlgorithm"), "no value is matched to a name by guessing");
        assertNull(p.values().get("TcpOutRsts"));
        assertEquals(34L, p.values().get("UdpInDatagrams"));
    }

    @Test
    void aBadNumberIsSkippedAloneAndCounted() {
        CounterParser.Parsed p = CounterParser.parsePairs(Fixtures.text("malformed/snmp-bad-numbers"));
        assertEquals(2, p.malformed(), "12x and a value beyond 64 bits");
        assertNull(p.values().get("UdpInDatagrams"));
        assertNull(p.values().get("UdpOutDatagrams"));
        assertEquals(0L, p.values().get("UdpNoPorts"), "its neighbours keep their names");
        assertEquals(1714L, p.values().get("TcpActiveOpens"));
    }

    @Test
    void aTruncatedFileKeepsWhatCameBefore() {
        CounterParser.Parsed p = CounterParser.parsePairs(Fixtures.text("malformed/snmp-truncated"));
        assertEquals(1, p.malformed());
        assertEquals(1714L, p.values().get("TcpActiveOpens"));
        assertNull(p.values().get("UdpInDatagrams"));
    }

    @Test
    void valuesBeforeTheirHeaderAreNotTakenForNames() {
        CounterParser.Parsed p = CounterParser.parsePairs(Fixtures.text("malformed/netstat-swapped"));
        assertEquals(1, p.malformed());
        assertNull(p.values().get("TcpExtListenOverflows"));
        assertFalse(
                p.values().keySet().stream().anyMatch(k -> k.startsWith("TcpExt")),
                p.values().toString());
        assertTrue(p.values().containsKey("IpExtInOctets"), "later groups still read");
    }

    @Test
    void snmp6SkipsBadLinesOneByOne() {
        CounterParser.Parsed p = CounterParser.parseNameValue(Fixtures.text("malformed/snmp6-malformed"));
        assertEquals(3, p.malformed());
        assertNull(p.values().get("Ip6InReceives"));
        assertEquals(0L, p.values().get("Udp6RcvbufErrors"));
    }

    @Test
    void junkAndEmptyTextGiveNothingWithoutThrowing() {
        assertEquals(0, CounterParser.parsePairs("").values().size());
        assertEquals(0, CounterParser.parsePairs("").malformed());
        CounterParser.Parsed junk = CounterParser.parsePairs("\u0000\u0001\u0002\nno colon here\n: 1 2\n");
        assertEquals(0, junk.values().size());
        assertEquals(3, junk.malformed());
        // Tcp's header meets a Udp line (1), which then pairs as a header of numbers (2)
        CounterParser.Parsed groupMismatch = CounterParser.parsePairs("Tcp: A B\nUdp: 1 2\nUdp: 3 4\n");
        assertEquals(2, groupMismatch.malformed());
        assertTrue(groupMismatch.values().isEmpty(), groupMismatch.values().toString());
    }

    @Test
    void aGroupSeenTwiceKeepsTheFirstPair() {
        CounterParser.Parsed p = CounterParser.parsePairs("Tcp: A\nTcp: 1\nTcp: A\nTcp: 2\n");
        assertEquals(1L, p.values().get("TcpA"));
        assertEquals(1, p.malformed());
    }

    @Test
    void readerNamesMissingFilesAndSumsWhatItRead(@TempDir Path dir) throws Exception {
        Path root = Fixtures.procTree(dir, "captured/snmp", "malformed/netstat-swapped", null);
        Counters c = new CounterReader(root).read();
        assertEquals(List.of("net/snmp6"), c.missing());
        assertEquals(1, c.malformed());
        assertEquals(1714L, c.get("TcpActiveOpens"));
        assertNull(c.get("TcpExtListenOverflows"));
    }

    @Test
    void theHintsReaderReadsNetstatAloneAndHasTheCountersTheHintsCompare(@TempDir Path dir) throws Exception {
        Path root = Fixtures.procTree(dir, "captured/snmp", "captured/netstat", "captured/snmp6");
        Counters all = new CounterReader(root).read();
        Counters hints = CounterReader.forHints(root).read();
        assertEquals(List.of(), hints.missing());
        assertEquals(0, hints.malformed());
        assertNotNull(hints.get(HintEngine.OVERFLOWS));
        assertNotNull(hints.get(HintEngine.COOKIES));
        assertNull(hints.get("TcpActiveOpens"), "net/snmp is not read");
        for (Map.Entry<String, Long> e : hints.values().entrySet()) {
            assertEquals(all.get(e.getKey()), e.getValue(), e.getKey());
        }
        Counters none = CounterReader.forHints(dir.resolve("nowhere")).read();
        assertEquals(List.of("net/netstat"), none.missing());
    }

    @Test
    void fieldsAreSplitOnRunsOfSpacesAndTabsAndTheLineIsStripped() {
        CounterParser.Parsed p = CounterParser.parsePairs("Tcp: A \t B\tC \r\nTcp:  1\t\t-2 \t 3\r\n");
        assertEquals(Map.of("TcpA", 1L, "TcpB", -2L, "TcpC", 3L), p.values());
        assertEquals(0, p.malformed());
    }

    @Test
    void readerOnAnEmptyRootHasNoCountersAndNamesEveryFile(@TempDir Path dir) {
        Counters c = new CounterReader(dir).read();
        assertTrue(c.values().isEmpty());
        assertEquals(List.of("net/snmp", "net/netstat", "net/snmp6"), c.missing());
    }

    @Test
    void readerOnThisMachinesProcFindsTheKeyCounters() {
        Counters c = new CounterReader(Path.of("/proc")).read();
        for (KeyCounter k : KeyCounter.values()) {
            if (!k.nstatName().startsWith("Udp6")) {
                assertTrue(c.values().containsKey(k.nstatName()), k.nstatName());
            }
        }
        assertEquals(0, c.malformed());
    }
}
