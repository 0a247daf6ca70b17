package dev.sockscope.source.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.SocketEntry;
import dev.sockscope.netlink.NetlinkException;
import dev.sockscope.netlink.NlBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of the real captured {@code sock_diag} replies, walked and parsed as the
 * netlink source does: bytes of one message's payload flipped, an attribute's length made 0,
 * 1-3, one too many, past the message or huge, a message's {@code nlmsg_len} made too small,
 * too large or misaligned, its type or sequence number changed, the datagram cut short (with
 * and without the kernel's {@code MSG_TRUNC} length), junk datagrams. Checked against what the
 * mutation must leave alone: no exception but a {@link NetlinkException} for a message turned
 * into an error report; every message before the mutated one gives its original row; a
 * payload-only mutation leaves every other message's row equal to the original and the
 * mutated one either parses or is counted, never lost silently.
 *
 * <p>{@code -Dsockscope.fuzz.scale=10} runs ten times the cases; {@code -Dsockscope.fuzz.seed=N}
 * changes the seed.
 */
@Tag("fuzz")
class DiagFuzzTest {
    static final long SEED = Long.getLong("sockscope.fuzz.seed", 20261126L);
    static final double SCALE = Double.parseDouble(System.getProperty("sockscope.fuzz.scale", "1"));
    static final int CASES = (int) (4_000 * SCALE);

    /** Where each message is: datagram, offset, length (from the real headers). */
    record Span(int datagram, int at, int length, int type) {}

    static List<Span> spans(List<byte[]> datagrams) {
        List<Span> out = new ArrayList<>();
        for (int d = 0; d < datagrams.size(); d++) {
            byte[] g = datagrams.get(d);
            int at = 0;
            while (g.length - at >= 16) {
                int len = (int) NlBytes.u32(g, at);
                out.add(new Span(d, at, len, NlBytes.u16(g, at + 4)));
                at += NlBytes.align4(len);
            }
        }
        return out;
    }

    @Test
    void mutatedRepliesNeverThrowLoseOrInventRows() throws NetlinkException {
        int[] kinds = new int[8];
        int cases = 0;
        for (DiagFixtures.Dump dump : DiagFixtures.all()) {
            Decoded base = Decoded.of(dump);
            List<SocketEntry> baseline = base.entries();
            List<Span> spans = spans(dump.datagrams());
            // the messages with rows, in order (the last message is NLMSG_DONE)
            List<Span> rows = spans.stream().filter(s -> s.type() == 20).toList();
            assertEquals(baseline.size(), rows.size());
            for (int c = 0; c < CASES; c++) {
                SplittableRandom r =
                        new SplittableRandom(SEED * 31 + dump.name().hashCode() * 1_000_003L + c);
                int k = r.nextInt(rows.size());
                Span s = rows.get(k);
                List<byte[]> gs = new ArrayList<>();
                for (byte[] g : dump.datagrams()) {
                    gs.add(g.clone());
                }
                byte[] g = gs.get(s.datagram());
                int kind = r.nextInt(8);
                kinds[kind]++;
                boolean payloadOnly = false;
                boolean mayReportError = false;
                switch (kind) {
                    case 0: // flip bytes of the payload
                        for (int n = 1 + r.nextInt(8); n > 0; n--) {
                            int at = s.at() + 16 + r.nextInt(s.length() - 16);
                            g[at] = (byte) r.nextInt(256);
                        }
                        payloadOnly = true;
                        break;
                    case 1: { // an attribute's length
                        int body = dump.proto() == dev.sockscope.model.Proto.UNIX ? 16 : 72;
                        List<Integer> attrs = new ArrayList<>();
                        int end = s.at() + s.length();
                        for (int a = s.at() + 16 + body; end - a >= 4; ) {
                            attrs.add(a);
                            int al = NlBytes.u16(g, a);
                            if (al < 4) {
                                break;
                            }
                            a += NlBytes.align4(al);
                        }
                        if (attrs.isEmpty()) {
                            g[s.at() + 16 + r.nextInt(body)] ^= (byte) (1 + r.nextInt(255));
                        } else {
                            int a = attrs.get(r.nextInt(attrs.size()));
                            int old = NlBytes.u16(g, a);
                            int[] choices = {0, 1, 2, 3, old + 1, old - 1, end - a + 4, 0xFFFF, r.nextInt(0x10000)};
                            NlBytes.putU16(g, a, choices[r.nextInt(choices.length)] & 0xFFFF);
                        }
                        payloadOnly = true;
                        break;
                    }
                    case 2: { // nlmsg_len
                        int[] choices = {
                            0,
                            15,
                            16,
                            s.length() - 1 - r.nextInt(8),
                            s.length() + 1 + r.nextInt(64),
                            g.length - s.at() + 1,
                            r.nextInt()
                        };
                        NlBytes.putU32(g, s.at(), choices[r.nextInt(choices.length)]);
                        mayReportError = true; // a misread header may look like an error report
                        break;
                    }
                    case 3: // type
                        NlBytes.putU16(g, s.at() + 4, r.nextInt(6) == 0 ? r.nextInt(0x10000) : r.nextInt(6));
                        mayReportError = true;
                        break;
                    case 4: // sequence number
                        NlBytes.putU32(g, s.at() + 8, 2 + r.nextInt(1000));
                        break;
                    case 5: // the datagram cut inside or after the message
                        gs.set(s.datagram(), Arrays.copyOf(g, s.at() + 1 + r.nextInt(s.length() - 1)));
                        break;
                    case 6: // junk datagram before this message's
                        byte[] junk = new byte[r.nextInt(200)];
                        r.nextBytes(junk);
                        gs.add(s.datagram(), junk);
                        mayReportError = true;
                        break;
                    default: // the buffer was too short: the kernel's length is the real one
                        break;
                }
                Decoded got;
                try {
                    if (kind == 7) {
                        got = truncatedRead(dump, gs, s, r);
                    } else {
                        got = Decoded.of(dump, gs);
                    }
                } catch (NetlinkException e) {
                    assertTrue(mayReportError, dump.name() + " case " + c + " kind " + kind + ": " + e);
                    cases++;
                    continue;
                } catch (RuntimeException | Error e) {
                    throw new AssertionError(dump.name() + " case " + c + " kind " + kind + ": " + e, e);
                }
                String where = dump.name() + " case " + c + " kind " + kind + " message " + k;
                List<SocketEntry> rowsGot = got.entries();
                // everything before the mutated message is untouched
                int before = kind == 6 ? indexOfFirstIn(rows, s.datagram()) : k;
                assertTrue(rowsGot.size() >= Math.min(before, rowsGot.size()), where);
                assertEquals(
                        baseline.subList(0, Math.min(before, rowsGot.size())),
                        rowsGot.subList(0, Math.min(before, rowsGot.size())),
                        where);
                if (kind != 6) {
                    assertTrue(rowsGot.size() >= before, where + ": rows before the mutation are kept");
                }
                if (payloadOnly) {
                    assertEquals(baseline.size(), rowsGot.size() + got.unparsed(), where + ": parsed or counted");
                    for (int i = 0, j = 0; i < baseline.size(); i++) {
                        if (i == k) {
                            if (got.unparsed() == 0) {
                                j++;
                            }
                            continue;
                        }
                        assertEquals(baseline.get(i), rowsGot.get(j++), where + ": row " + i);
                    }
                } else if (kind == 4) {
                    assertEquals(1, got.unparsed(), where + ": the stray message is counted");
                    List<SocketEntry> expected = new ArrayList<>(baseline);
                    expected.remove(k);
                    assertEquals(expected, rowsGot, where);
                } else if (kind == 5 || kind == 7) {
                    assertTrue(got.unparsed() >= 1, where + ": the cut message is counted");
                }
                cases++;
            }
        }
        assertTrue(cases >= 5 * CASES, "cases run: " + cases);
        for (int n : kinds) {
            assertTrue(n > CASES / 20, "every kind of mutation ran: " + Arrays.toString(kinds));
        }
    }

    private static int indexOfFirstIn(List<Span> rows, int datagram) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).datagram() >= datagram) {
                return i;
            }
        }
        return rows.size();
    }

    /** The datagram of {@code s} given in a buffer that ends inside {@code s}, with its real length. */
    private static Decoded truncatedRead(DiagFixtures.Dump dump, List<byte[]> gs, Span s, SplittableRandom r)
            throws NetlinkException {
        List<SocketEntry> out = new ArrayList<>();
        int[] bad = {0};
        InetDiagParser inet = new InetDiagParser(Decoded.NAMES);
        UnixDiagParser unix = new UnixDiagParser();
        dev.sockscope.netlink.MessageWalk walk =
                new dev.sockscope.netlink.MessageWalk(DiagFixtures.SEQ, (b, off, len) -> {
                    SocketEntry e = dump.proto() == dev.sockscope.model.Proto.UNIX
                            ? unix.parse(b, off, len)
                            : inet.parse(b, off, len, dump.proto(), dump.family());
                    if (e == null) {
                        bad[0]++;
                    } else {
                        out.add(e);
                    }
                });
        for (int d = 0; d < gs.size() && !walk.done(); d++) {
            byte[] g = gs.get(d);
            if (d == s.datagram()) {
                byte[] shortBuf = Arrays.copyOf(g, s.at() + 1 + r.nextInt(s.length() - 1));
                walk.datagram(shortBuf, g.length);
            } else {
                walk.datagram(g, g.length);
            }
        }
        return new Decoded(
                out, bad[0] + walk.result().malformed(), walk.result().messages());
    }
}
