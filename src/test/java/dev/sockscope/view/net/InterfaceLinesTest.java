package dev.sockscope.view.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockscope.net.Counters;
import dev.sockscope.net.IfAddress;
import dev.sockscope.net.InterfaceRow;
import dev.sockscope.net.NetInterface;
import dev.sockscope.net.Rates;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Interfaces tab's lines from hand-built rows: columns, the default mark, rates, a hostile name. */
class InterfaceLinesTest {
    static final Counters C = new Counters(1, 1, 0, 0, 1, 1, 0, 0);

    static NetInterface iface(
            String name, String oper, Boolean carrier, List<String> flags, int mtu, String mac, IfAddress... a) {
        return new NetInterface(name, 2, oper, carrier, flags, mtu, mac, "ether", List.of(a), C);
    }

    @Test
    void marksTheDefaultRoutesInterfaceAlignsColumnsAndCleansNames() {
        IfAddress v4 = new IfAddress("ipv4", "192.0.2.2", 24, "global", null, List.of());
        IfAddress v6 = new IfAddress("ipv6", "fe80::1", 64, "link", null, List.of());
        List<String> lines = InterfaceLines.lines(List.of(
                new InterfaceRow(
                        iface(
                                "eth0",
                                "up",
                                true,
                                List.of("BROADCAST", "UP", "LOWER_UP"),
                                1500,
                                "02:fc:00:00:00:01",
                                v4,
                                v6),
                        new Rates(2048, 2, 512.4, 1),
                        true,
                        null),
                new InterfaceRow(
                        iface("\u001b[2Jevil", "down", null, List.of("BROADCAST"), 9000, null), null, false, null),
                new InterfaceRow(
                        iface("wlan0", "down", false, List.of("UP"), 1500, "02:00:00:00:00:02"), null, false, null)));
        assertEquals(
                List.of(
                        "  Interface  State              MTU  MAC                 Rx/s  Tx/s  Addresses",
                        "* eth0       up                1500  02:fc:00:00:00:01  2.0KB  512B  192.0.2.2/24 fe80::1/64",
                        "  \\e[2Jevil  down              9000  -                      -     -  -",
                        "  wlan0      down, no carrier  1500  02:00:00:00:00:02      -     -  -",
                        "* a default route leaves through this interface; rates are bytes per second between two refreshes"),
                lines);
    }
}
