package dev.sockscope.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Proto;
import org.junit.jupiter.api.Test;

/**
 * The build's index of shown names ({@link ShownNames}) against the port table parsed whole from
 * the same bytes: for every port of both protocols, the name a row shows is the table's name
 * when its source is helpful, and none otherwise.
 */
class ShownNamesTest {
    @Test
    void everyPortOfBothProtocolsAgreesWithTheParsedTable() {
        PortTable table = PortTable.parse(PortsText.bytes());
        int shown = 0;
        for (boolean udp : new boolean[] {false, true}) {
            for (int port = 0; port <= 65535; port++) {
                NameSource source = table.source(udp, port);
                String expected = source != null && source.helpful() ? table.name(udp, port) : null;
                assertEquals(expected, ShownNames.of(udp).name(port), (udp ? "udp " : "tcp ") + port);
                if (expected != null) {
                    shown++;
                }
            }
        }
        assertTrue(shown > 500, shown + " shown names in both columns");
    }

    @Test
    void theRegistryNamesFromTheIndexAndHidesIanaOnlyNames() {
        BundledServiceRegistry reg = BundledServiceRegistry.withoutEphemeralRange();
        assertEquals("ssh", reg.name(Proto.TCP, 22));
        assertEquals("domain", reg.name(Proto.UDP, 53));
        assertEquals("domain", reg.name(Proto.UDPLITE, 53));
        assertEquals("wireguard", reg.name(Proto.UDP, 51820));
        assertEquals("dircproxy", reg.name(Proto.TCP, 57000), "a port among the surrogate chars");
        assertNull(reg.name(Proto.TCP, 2024), "IANA's xinuexpansion4 is not shown");
        assertEquals("xinuexpansion4", reg.ianaName(Proto.TCP, 2024));
        assertNull(reg.name(Proto.RAW, 22));
        assertNull(reg.name(Proto.TCP, 65536));
    }
}
