package dev.sockscope.source.netlink;

import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.netlink.MessageWalk;
import dev.sockscope.netlink.NetlinkException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A captured dump walked and parsed as the source does: rows, and what was counted as unparsed. */
record Decoded(List<SocketEntry> entries, int unparsed, int messages) {
    /** Interface 1 is lo and 12 the capture's veth; cgroup ids come back as {@code /cg<ID>}. */
    static final InetDiagParser.Names NAMES = new InetDiagParser.Names() {
        @Override
        public String interfaceName(int ifindex) {
            return ifindex == 1 ? "lo" : ifindex == 12 ? "sstest0" : null;
        }

        @Override
        public String cgroupPath(long id) {
            return "/cg" + id;
        }
    };

    static Decoded of(DiagFixtures.Dump d) throws NetlinkException {
        return of(d, d.datagrams());
    }

    /** Walks {@code datagrams} as replies to {@code d}'s request. */
    static Decoded of(DiagFixtures.Dump d, List<byte[]> datagrams) throws NetlinkException {
        InetDiagParser inet = new InetDiagParser(NAMES);
        UnixDiagParser unix = new UnixDiagParser();
        List<SocketEntry> out = new ArrayList<>();
        int[] bad = {0};
        MessageWalk walk = new MessageWalk(DiagFixtures.SEQ, (b, off, len) -> {
            SocketEntry e =
                    d.proto() == Proto.UNIX ? unix.parse(b, off, len) : inet.parse(b, off, len, d.proto(), d.family());
            if (e == null) {
                bad[0]++;
            } else {
                out.add(e);
            }
        });
        for (byte[] g : datagrams) {
            if (walk.done()) {
                break;
            }
            walk.datagram(g, g.length);
        }
        MessageWalk.Result r = walk.result();
        return new Decoded(out, bad[0] + r.malformed(), r.messages());
    }

    /** The holder's facts at capture time ({@code holder.txt}). */
    static Map<String, String> facts() {
        try (InputStream in = Decoded.class.getResourceAsStream("/netlink/holder.txt")) {
            Map<String, String> m = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
