package dev.sockscope.query;

import static dev.sockscope.testing.Rows.SERVICES;
import static dev.sockscope.testing.Rows.holder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.testing.Rows;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortKeyTest {
    private final SocketRow a = Rows.tcp4("10.0.0.2", 80, "0.0.0.0", 0, State.LISTEN, 1, holder(50, "zeta", ""));
    private final SocketRow b = Rows.tcp4("9.0.0.1", 443, "0.0.0.0", 0, State.LISTEN, 2, holder(7, "Alpha", ""));
    private final SocketRow c = Rows.tcp6("::1", 22, "::", 0, State.LISTEN, 3);
    private final SocketRow d = Rows.udp4("127.0.0.1", 53, "0.0.0.0", 0, State.UNCONN, 4, holder(9, "dns", ""));

    private List<SocketRow> sorted(SortKey key, boolean reversed) {
        List<SocketRow> rows = new ArrayList<>(List.of(d, c, b, a));
        key.sort(rows, SERVICES, reversed);
        return rows;
    }

    @Test
    void protoOrderPutsTcpV4ThenV6ThenUdpAndAddressesNumerically() {
        assertEquals(List.of(b, a, c, d), sorted(SortKey.PROTO, false));
        // reversing turns the key around, not the tie-breakers: b before a in both orders
        assertEquals(List.of(d, c, b, a), sorted(SortKey.PROTO, true));
    }

    @Test
    void pidSortPutsRowsWithoutOwnerLast() {
        assertEquals(List.of(b, d, a, c), sorted(SortKey.PID, false));
        assertEquals(List.of(c, a, d, b), sorted(SortKey.PID, true));
    }

    @Test
    void processSortIgnoresCase() {
        assertEquals(List.of(b, d, a, c), sorted(SortKey.PROCESS, false));
    }

    @Test
    void serviceSortUsesNames() {
        // domain is unknown to the test registry: last, then by the tie-breakers
        assertEquals(List.of(a, b, c, d), sorted(SortKey.SERVICE, false));
    }

    @Test
    void keysParse() {
        assertEquals(SortKey.PID, SortKey.parse(" PID "));
        assertNull(SortKey.parse("colour"));
    }

    @Test
    void addressesCompareAsNumbers() {
        SocketRow low = Rows.tcp4("9.0.0.1", 80, "0.0.0.0", 0, State.LISTEN, 5);
        SocketRow high = Rows.tcp4("10.0.0.1", 80, "0.0.0.0", 0, State.LISTEN, 6);
        SocketRow v6a = Rows.tcp6("::1", 80, "::", 0, State.LISTEN, 7);
        SocketRow v6b = Rows.tcp6("2001:db8::1", 80, "::", 0, State.LISTEN, 8);
        List<SocketRow> rows = new ArrayList<>(List.of(v6b, high, v6a, low));
        SortKey.LOCAL.sort(rows, SERVICES, false);
        // 9 before 10 (not as text), IPv4 before IPv6, ::1 before 2001:db8::1 (not as text)
        assertEquals(List.of(low, high, v6a, v6b), rows);
    }

    /** The tie-breakers as documented, written plainly: the reference for the packed keys. */
    private static int reference(SocketRow x, SocketRow y) {
        dev.sockscope.model.SocketEntry a = x.entry();
        dev.sockscope.model.SocketEntry b = y.entry();
        int c = Integer.compare(
                a.proto().ordinal() * 4 + a.family().ordinal(),
                b.proto().ordinal() * 4 + b.family().ordinal());
        if (c == 0) {
            c = a.localAddress().compareTo(b.localAddress());
        }
        if (c == 0) {
            c = Integer.compare(a.localPort(), b.localPort());
        }
        if (c == 0) {
            c = a.remoteAddress().compareTo(b.remoteAddress());
        }
        if (c == 0) {
            c = Integer.compare(a.remotePort(), b.remotePort());
        }
        return c != 0 ? c : Long.compare(a.inode(), b.inode());
    }

    @Test
    void packedKeysSortAsTheTieBreakersSay() {
        java.util.Random random = new java.util.Random(42);
        String[] v4 = {"0.0.0.0", "9.0.0.1", "10.0.0.2", "127.0.0.1", "127.0.0.2", "255.255.255.255"};
        String[] v6 = {"::", "::1", "fe80::1"};
        List<SocketRow> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int kind = random.nextInt(4);
            String l = kind == 2 ? v6[random.nextInt(v6.length)] : v4[random.nextInt(v4.length)];
            String r = kind == 2 ? v6[random.nextInt(v6.length)] : v4[random.nextInt(v4.length)];
            int lp = random.nextInt(4) == 0 ? 65535 : random.nextInt(70);
            int rp = random.nextInt(70);
            long inode = random.nextInt(50);
            rows.add(
                    kind == 0
                            ? Rows.tcp4(l, lp, r, rp, State.ESTABLISHED, inode)
                            : kind == 1
                                    ? Rows.udp4(l, lp, r, rp, State.ESTABLISHED, inode)
                                    : kind == 2
                                            ? Rows.tcp6(l, lp, r, rp, State.ESTABLISHED, inode)
                                            : Rows.unix(
                                                    random.nextBoolean() ? "/run/a" + random.nextInt(5) : "1.2.3.4",
                                                    State.LISTEN,
                                                    inode));
        }
        List<SocketRow> expected = new ArrayList<>(rows);
        expected.sort(SortKeyTest::reference);
        List<SocketRow> actual = new ArrayList<>(rows);
        SortKey.PROTO.sort(actual, SERVICES, false);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(0, reference(expected.get(i), actual.get(i)), "row " + i);
        }
    }

    /** Keys whose value is a number ({@link SortKey#number}); every other key's is a text. */
    private static final java.util.Set<SortKey> NUMBERS = java.util.EnumSet.of(
            SortKey.PID,
            SortKey.UID,
            SortKey.INODE,
            SortKey.RECVQ,
            SortKey.SENDQ,
            SortKey.RTT,
            SortKey.RETRANS,
            SortKey.TX,
            SortKey.RX,
            SortKey.PEERINODE);

    /** Every order as its documentation says, written plainly over the rows' own values. */
    private static int reference(SortKey key, boolean reversed, SocketRow x, SocketRow y) {
        dev.sockscope.model.SocketEntry a = x.entry();
        dev.sockscope.model.SocketEntry b = y.entry();
        int c;
        switch (key) {
            case PROTO:
                c = Integer.compare(
                        a.proto().ordinal() * 4 + a.family().ordinal(),
                        b.proto().ordinal() * 4 + b.family().ordinal());
                break;
            case LOCAL:
                c = a.localAddress().compareTo(b.localAddress());
                c = c != 0 ? c : Integer.compare(a.localPort(), b.localPort());
                break;
            case REMOTE:
                c = a.remoteAddress().compareTo(b.remoteAddress());
                c = c != 0 ? c : Integer.compare(a.remotePort(), b.remotePort());
                break;
            default:
                if (NUMBERS.contains(key)) {
                    c = Long.compare(SortKey.number(x, key), SortKey.number(y, key));
                } else {
                    String p = SortKey.text(x, key, SERVICES);
                    String q = SortKey.text(y, key, SERVICES);
                    c = p == null || q == null
                            ? (p == null ? (q == null ? 0 : 1) : -1)
                            : String.CASE_INSENSITIVE_ORDER.compare(p, q);
                    if (c == 0 && key == SortKey.TIMER) {
                        c = Long.compare(SortKey.number(x, key), SortKey.number(y, key));
                    }
                }
        }
        c = reversed ? -c : c;
        return c != 0 ? c : reference(x, y);
    }

    @Test
    void everyKeyInBothDirectionsSortsAsWrittenPlainly() {
        java.util.Random random = new java.util.Random(7);
        String[] v4 = {"0.0.0.0", "9.0.0.1", "10.0.0.2", "127.0.0.1", "255.255.255.255"};
        String[] v6 = {"::", "::1", "fe80::1", "2001:db8::1", "::ffff:10.0.0.2"};
        String[] names = {"nginx", "Nginx", "alpha", "Zeta", "sshd"};
        int[] ports = {22, 53, 80, 443, 8080, 40000, 0};
        State[] states = {State.LISTEN, State.ESTABLISHED, State.TIME_WAIT, State.CLOSE_WAIT};
        List<SocketRow> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int kind = random.nextInt(4);
            String l = kind == 2 ? v6[random.nextInt(v6.length)] : v4[random.nextInt(v4.length)];
            String r = kind == 2 ? v6[random.nextInt(v6.length)] : v4[random.nextInt(v4.length)];
            int lp = ports[random.nextInt(ports.length)];
            int rp = ports[random.nextInt(ports.length)];
            State st = states[random.nextInt(states.length)];
            long inode = random.nextInt(3000);
            dev.sockscope.model.Holder[] h = random.nextInt(5) == 0
                    ? new dev.sockscope.model.Holder[0]
                    : new dev.sockscope.model.Holder[] {
                        holder(1 + random.nextInt(40), names[random.nextInt(names.length)], "cmd " + random.nextInt(3))
                    };
            rows.add(
                    kind == 0
                            ? Rows.tcp4(l, lp, r, rp, st, inode, h)
                            : kind == 1
                                    ? Rows.udp4(l, lp, r, rp, State.UNCONN, inode, h)
                                    : kind == 2
                                            ? Rows.tcp6(l, lp, r, rp, st, inode, h)
                                            : Rows.unix("/run/s" + random.nextInt(4), State.LISTEN, inode, h));
        }
        String[] timers = {"on", "keepalive", "timewait"};
        String[] cgroups = {"/system.slice/nginx.service", "/user.slice/user-1000.slice", "/docker/0123456789ab"};
        for (int i = 0; i < rows.size(); i++) {
            if (random.nextBoolean()) {
                SocketRow r = rows.get(i);
                dev.sockscope.model.Details d = new dev.sockscope.model.Details.Builder()
                        .timer(new dev.sockscope.model.Details.Timer(
                                timers[random.nextInt(timers.length)], random.nextInt(5) * 1000L, 0))
                        .iface(random.nextBoolean() ? "eth0" : "lo")
                        .cgroup(cgroups[random.nextInt(cgroups.length)])
                        .peerInode(random.nextInt(4))
                        .netns(random.nextBoolean() ? "net:[4026531840]" : null)
                        .build();
                rows.set(i, new SocketRow(r.entry().withDetails(d), r.holders(), r.user()));
            }
        }
        for (SortKey key : SortKey.values()) {
            for (boolean reversed : new boolean[] {false, true}) {
                List<SocketRow> expected = new ArrayList<>(rows);
                expected.sort((x, y) -> reference(key, reversed, x, y)); // stable, as the sort
                List<SocketRow> actual = new ArrayList<>(rows);
                key.sort(actual, SERVICES, reversed);
                for (int i = 0; i < rows.size(); i++) {
                    org.junit.jupiter.api.Assertions.assertSame(
                            expected.get(i), actual.get(i), key + (reversed ? " reversed" : "") + ", row " + i);
                }
            }
        }
    }
}
