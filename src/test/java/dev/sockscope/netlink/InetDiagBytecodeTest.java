package dev.sockscope.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The compiler against a model of the kernel's filter machine: {@link #audit} is
 * {@code inet_diag_bc_audit}'s checks (every jump forward, a multiple of 4, onto an op reachable
 * by "yes" steps or onto one of the two ends), {@link #run} is {@code inet_diag_bc_run} for the
 * port ops. Random range sets on each side are compiled and run on sample ports.
 */
class InetDiagBytecodeTest {

    /** The kernel's checks; true when it would accept the program. */
    static boolean audit(byte[] bc) {
        int len = bc.length;
        int at = 0;
        while (len > 0) {
            int code = bc[at] & 0xFF;
            int yes = bc[at + 1] & 0xFF;
            int no = NlBytes.u16(bc, at + 2);
            int min = 4;
            if (code >= InetDiagBytecode.S_GE && code <= InetDiagBytecode.D_LE) {
                min = 8;
                if (len < 8) {
                    return false;
                }
            } else if (code != InetDiagBytecode.NOP && code != InetDiagBytecode.JMP) {
                return false;
            }
            if (code != InetDiagBytecode.NOP) {
                if (no < min || no > len + 4 || (no & 3) != 0) {
                    return false;
                }
                if (no < len && !validTarget(bc, len - no)) {
                    return false;
                }
            }
            if (yes < min || yes > len + 4 || (yes & 3) != 0) {
                return false;
            }
            at += yes;
            len -= yes;
        }
        return len == 0;
    }

    /** Whether an op starts {@code remaining} bytes before the end, on the chain of "yes" steps. */
    private static boolean validTarget(byte[] bc, int remaining) {
        int len = bc.length;
        int at = 0;
        while (len > 0) {
            if (remaining == len) {
                return true;
            }
            int yes = bc[at + 1] & 0xFF;
            if (yes < 4 || (yes & 3) != 0) {
                return false;
            }
            len -= yes;
            at += yes;
        }
        return false;
    }

    static boolean run(byte[] bc, int sport, int dport) {
        int len = bc.length;
        int at = 0;
        while (len > 0) {
            int code = bc[at] & 0xFF;
            boolean yes;
            int port = at + 4 < bc.length ? NlBytes.u16(bc, at + 6) : 0;
            switch (code) {
                case InetDiagBytecode.NOP:
                    yes = true;
                    break;
                case InetDiagBytecode.JMP:
                    yes = false;
                    break;
                case InetDiagBytecode.S_GE:
                    yes = sport >= port;
                    break;
                case InetDiagBytecode.S_LE:
                    yes = sport <= port;
                    break;
                case InetDiagBytecode.D_GE:
                    yes = dport >= port;
                    break;
                case InetDiagBytecode.D_LE:
                    yes = dport <= port;
                    break;
                default:
                    throw new AssertionError("op " + code);
            }
            int step = yes ? bc[at + 1] & 0xFF : NlBytes.u16(bc, at + 2);
            len -= step;
            at += step;
        }
        return len == 0;
    }

    private static boolean in(int[] ranges, int p) {
        for (int i = 0; i < ranges.length; i += 2) {
            if (p >= ranges[i] && p <= ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }

    private static int[] randomRanges(SplittableRandom r) {
        int n = 1 + r.nextInt(5);
        int[] out = new int[n * 2];
        for (int i = 0; i < n; i++) {
            int lo = r.nextInt(6) == 0 ? 0 : r.nextInt(65536);
            int hi = r.nextInt(4) == 0 ? lo : r.nextInt(6) == 0 ? 65535 : lo + r.nextInt(65536 - lo);
            out[2 * i] = lo;
            out[2 * i + 1] = hi;
        }
        return out;
    }

    @Test
    void acceptsExactlyThePortsAsked() {
        int[] probes = {0, 1, 79, 80, 81, 443, 8079, 8080, 8081, 32768, 65534, 65535};
        for (int c = 0; c < 3000; c++) {
            SplittableRandom r = new SplittableRandom(20261126L + c);
            int[] any = r.nextBoolean() ? randomRanges(r) : null;
            int[] local = r.nextBoolean() ? randomRanges(r) : null;
            int[] remote = any == null && local == null || r.nextBoolean() ? randomRanges(r) : null;
            java.util.List<byte[]> parts = new java.util.ArrayList<>();
            if (any != null) {
                parts.add(InetDiagBytecode.ports(InetDiagBytecode.Side.EITHER, any));
            }
            if (local != null) {
                parts.add(InetDiagBytecode.ports(InetDiagBytecode.Side.LOCAL, local));
            }
            if (remote != null) {
                parts.add(InetDiagBytecode.ports(InetDiagBytecode.Side.REMOTE, remote));
            }
            byte[] bc = InetDiagBytecode.and(parts.toArray(new byte[0][]));
            assertTrue(audit(bc), "case " + c + ": the kernel would refuse it");
            for (int k = 0; k < 40; k++) {
                int s = k < probes.length ? probes[k] : r.nextInt(65536);
                int d = r.nextInt(3) == 0 ? s : k < probes.length ? probes[(k + 5) % probes.length] : r.nextInt(65536);
                if (any != null && k % 3 == 0) {
                    s = any[0]; // the edges of a range
                    d = any[1] + 1 > 65535 ? 0 : any[1] + 1;
                }
                boolean want = (any == null || in(any, s) || in(any, d))
                        && (local == null || in(local, s))
                        && (remote == null || in(remote, d));
                assertEquals(want, run(bc, s, d), "case " + c + " sport " + s + " dport " + d);
            }
        }
    }

    @Test
    void aSinglePortCompilesToTwoComparisonsOnEachSide() {
        byte[] bc = InetDiagBytecode.ports(InetDiagBytecode.Side.LOCAL, new int[] {8080, 8080});
        assertEquals(16, bc.length);
        assertTrue(run(bc, 8080, 1));
        assertTrue(!run(bc, 8081, 8080));
        assertTrue(audit(bc));
    }
}
