package dev.sockscope.source.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.model.Details;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.owner.UserNames;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SocketSources;
import dev.sockscope.source.TableSelection;
import dev.sockscope.testing.HeldSockets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The netlink, proc and OSHI backends on the sockets of a holder process
 * ({@code socket_holder.py --extra --scoped}): every kind the other live tests open, plus an
 * IPv6-only listener beside the dual-stack one, a listener on a link-local address of a veth this
 * test makes (and removes), one bound to {@code lo}, unix datagram and seqpacket pairs and a
 * unix path forging a row. They must agree on what they share (proto, family, endpoints, state,
 * inode, holders; OSHI without inodes and holder lists: it names one holder), and netlink must give the extra fields as {@code ss}
 * shows them ({@code ss -tlne}, {@code ss -xp}).
 */
@Tag("live")
class NetlinkAgreementTest {
    private static final UserNames USERS = new UserNames(Path.of("/etc/passwd"));

    private static String key(SocketRow r, Set<Integer> pids, boolean inode) {
        SocketEntry e = r.entry();
        Set<Integer> held = new TreeSet<>();
        for (Holder h : r.holders()) {
            if (pids.contains(h.pid())) {
                held.add(h.pid());
            }
        }
        return e.proto().label() + " " + e.family().label() + " "
                + e.localAddress().text() + ":" + e.localPort() + " -> "
                + e.remoteAddress().text() + ":" + e.remotePort() + " " + e.state()
                + (inode ? " inode=" + e.inode() : "")
                + (inode ? " held=" + held : ""); // OSHI names one holder of a shared socket
    }

    private static Set<String> keys(
            List<SocketRow> rows, Set<Integer> pids, Predicate<SocketEntry> which, boolean inode) {
        Set<String> out = new TreeSet<>();
        for (SocketRow r : rows) {
            if (which.test(r.entry()) && r.holders().stream().anyMatch(h -> pids.contains(h.pid()))) {
                out.add(key(r, pids, inode));
            }
        }
        return out;
    }

    private static SocketRow only(List<SocketRow> rows, Predicate<SocketEntry> p) {
        List<SocketRow> m = rows.stream().filter(r -> p.test(r.entry())).toList();
        assertEquals(1, m.size(), "exactly one row: " + m);
        return m.get(0);
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    @Test
    void netlinkProcAndOshiAgreeAndNetlinkKnowsMore(@TempDir Path dir) throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "making a veth needs root");
        String veth = "ssag" + (ProcessHandle.current().pid() % 100000);
        run("ip", "link", "add", veth, "type", "veth", "peer", "name", veth + "p");
        try {
            run("ip", "addr", "add", "fe80::5c:1/64", "dev", veth, "nodad");
            run("ip", "link", "set", veth, "up");
            run("ip", "link", "set", veth + "p", "up");
            int ifindex = Integer.parseInt(
                    Files.readString(Path.of("/sys/class/net", veth, "ifindex")).trim());
            try (HeldSockets held = HeldSockets.start(
                    List.of(), "nl-agree", dir, List.of("--extra", "--scoped", "fe80::5c:1," + ifindex))) {
                check(held, veth);
            }
        } finally {
            run("ip", "link", "del", veth);
        }
    }

    private void check(HeldSockets held, String veth) throws Exception {
        Set<Integer> pids = Set.of(held.pid(), held.childPid());
        TableSelection all = TableSelection.all();
        List<SocketRow> nl;
        List<SocketRow> proc;
        List<SocketRow> oshi;
        try (SocketSource n = SocketSources.open("netlink", Path.of("/proc"), USERS);
                SocketSource p = SocketSources.open("proc", Path.of("/proc"), USERS);
                SocketSource o = SocketSources.open("oshi", Path.of("/proc"), USERS)) {
            assertEquals("netlink", n.name());
            nl = n.read(all).rows();
            proc = p.read(all).rows();
            oshi = o.read(new TableSelection(EnumSet.of(Proto.TCP, Proto.UDP), EnumSet.of(Family.IPV4, Family.IPV6)))
                    .rows();
        }
        // other programs on this host may use the same port numbers: look only at the holder's
        // rows, and at TIME_WAIT rows (no holder) towards its listener
        int listener = held.port("tcp4.listen");
        Predicate<SocketRow> mine = r -> r.holders().stream().anyMatch(h -> pids.contains(h.pid()))
                || (r.entry().state() == State.TIME_WAIT && r.entry().remotePort() == listener);
        List<SocketRow> procAll = proc;
        nl = nl.stream().filter(mine).toList();
        proc = proc.stream().filter(mine).toList();
        long forged = Long.parseLong(held.text("forged.inode"));
        Predicate<SocketEntry> inet = e -> e.proto() == Proto.TCP || e.proto() == Proto.UDP;
        Predicate<SocketEntry> unix = e -> e.proto() == Proto.UNIX && e.inode() != forged;

        Set<String> nlInet = keys(nl, pids, inet, true);
        // 18: shared 1, tcp4 4, tcp6 3, dual stack 3, udp 4, v6-only, device-bound (when allowed), scoped
        assertEquals(held.text("bound.listen") != null ? 18 : 17, nlInet.size(), nlInet.toString());
        assertEquals(keys(proc, pids, inet, true), nlInet, "netlink and proc, TCP and UDP");
        assertEquals(keys(oshi, pids, inet, false), keys(nl, pids, inet, false), "netlink and OSHI, TCP and UDP");
        Set<String> nlUnix = keys(nl, pids, unix, true);
        // 9: stream listener, its pair, datagram, abstract listener, two pairs (the forged one apart)
        assertEquals(9, nlUnix.size(), nlUnix.toString());
        assertEquals(keys(proc, pids, unix, true), nlUnix, "netlink and proc, unix");

        // the forged row: proc shows two rows (a cut path and a row that is not there), netlink one
        SocketRow f = only(nl, e -> e.inode() == forged);
        assertTrue(f.entry().localAddress().text().endsWith(" 4242 @forged"));
        assertFalse(
                nl.stream().anyMatch(r -> r.entry().inode() == 4242 && r.entry().proto() == Proto.UNIX));
        assertTrue(
                procAll.stream().anyMatch(r -> r.entry().localAddress().text().equals("@forged")), "proc is fooled");

        // what only netlink knows, against ss
        String ssTcp = run("ss", "-tlneH");
        SocketRow dual = only(nl, e -> e.localPort() == held.port("dual.listen") && e.state() == State.LISTEN);
        assertEquals(Boolean.TRUE, dual.entry().details().dualStack());
        assertTrue(ssLine(ssTcp, "*:" + held.port("dual.listen")).contains("v6only:0"));
        SocketRow v6only = only(nl, e -> e.localPort() == held.port("v6only.listen"));
        assertEquals(Boolean.FALSE, v6only.entry().details().dualStack());
        assertTrue(ssLine(ssTcp, "[::]:" + held.port("v6only.listen")).contains("v6only:1"));
        SocketRow scoped = only(nl, e -> e.localPort() == held.port("scoped.listen"));
        assertEquals(veth, scoped.entry().details().iface());
        ssLine(ssTcp, "[fe80::5c:1]%" + veth + ":" + held.port("scoped.listen"));
        if (held.text("bound.listen") != null) {
            SocketRow bound = only(nl, e -> e.localPort() == held.port("bound.listen"));
            assertEquals("lo", bound.entry().details().iface());
            ssLine(ssTcp, "127.0.0.1%lo:" + held.port("bound.listen"));
        }
        SocketRow client = only(nl, e -> e.localPort() == held.port("tcp4.client"));
        Details.TcpInfo info = client.entry().details().tcp();
        assertNotNull(info);
        assertTrue(info.rttMs() > 0);
        assertNotNull(client.entry().details().cgroup());
        assertEquals(
                Set.of(held.pid()),
                Set.copyOf(client.holders().stream().map(Holder::pid).toList()));
        // unix pairs: type and peer, as ss -x shows them
        String ssUnix = run("ss", "-xaH");
        for (String kind : new String[] {"dgram", "seqpacket"}) {
            String[] inodes = held.text("pair." + kind).split(",");
            SocketRow a = only(nl, e -> e.proto() == Proto.UNIX && e.inode() == Long.parseLong(inodes[0]));
            assertEquals(Long.parseLong(inodes[1]), a.entry().details().peerInode());
            String line = ssLine(ssUnix, " " + inodes[0] + " ");
            assertTrue(line.startsWith(kind.equals("dgram") ? "u_dgr" : "u_seq"), line);
            assertTrue(line.contains(" " + inodes[1]), line);
            assertEquals(
                    kind.equals("dgram") ? Details.UnixType.DGRAM : Details.UnixType.SEQPACKET,
                    a.entry().details().unixType());
        }
        // the TIME_WAIT socket: no holder, no inode, its timer
        SocketRow tw = only(nl, e -> e.localPort() == held.port("timewait.client") && e.proto() == Proto.TCP);
        assertEquals(State.TIME_WAIT, tw.entry().state());
        assertEquals("timewait", tw.entry().details().timer().kind());
        SocketRow twProc = only(proc, e -> e.localPort() == held.port("timewait.client") && e.proto() == Proto.TCP);
        assertEquals("timewait", twProc.entry().details().timer().kind(), "the proc source has the timer too");
    }

    /** The one line of {@code ss} output containing {@code text}. */
    private static String ssLine(String ss, String text) {
        List<String> m = new ArrayList<>();
        for (String line : ss.split("\n")) {
            if (line.contains(text)) {
                m.add(line.trim());
            }
        }
        assertEquals(1, m.size(), "ss lines with " + text + ": " + m);
        return m.get(0);
    }
}
