package dev.sockscope.netlink;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles port conditions to {@code inet_diag} filter bytecode ({@code INET_DIAG_REQ_BYTECODE},
 * {@code include/uapi/linux/inet_diag.h}), which the kernel runs on each socket of a dump
 * before it is copied out: {@code ss sport = :8080} is such a program.
 *
 * <p>The kernel's machine ({@code inet_diag_bc_run}): a program is a list of 4-byte ops
 * {@code {u8 code, u8 yes, u16 no}}; a port comparison takes a second word whose {@code no}
 * holds the port. Each op tests the socket and jumps forward {@code yes} or {@code no} bytes;
 * landing exactly on the end accepts the socket, landing 4 bytes past it rejects it. The
 * kernel checks every jump lands on an op or on one of those two ends
 * ({@code inet_diag_bc_audit}).
 *
 * <p>Here each condition compiles to a fragment whose "true" is falling off its end and whose
 * "false" is a jump to its end + 4; AND puts fragments one after another (the first's false
 * jumps are moved to the new end + 4); OR puts a jump-to-end between them, so that the
 * first's false lands on the second. Only {@code >=}/{@code <=} comparisons are used
 * ({@code ==} came in later kernels); port comparisons need no privilege.
 */
public final class InetDiagBytecode {
    static final int NOP = 0;
    static final int JMP = 1;
    static final int S_GE = 2;
    static final int S_LE = 3;
    static final int D_GE = 4;
    static final int D_LE = 5;

    private InetDiagBytecode() {}

    /** Which port of a socket a condition tests. */
    public enum Side {
        LOCAL,
        REMOTE,
        EITHER
    }

    /**
     * A program accepting the sockets whose port on {@code side} lies in one of
     * {@code ranges} (pairs {@code lo, hi}, inclusive).
     */
    public static byte[] ports(Side side, int[] ranges) {
        return toBytes(portFragment(side, ranges));
    }

    /** A program accepting what every one of {@code programs} accepts (an empty program accepts all). */
    public static byte[] and(byte[]... programs) {
        List<int[]> code = new ArrayList<>();
        for (byte[] p : programs) {
            code = and(code, fromBytes(p));
        }
        return toBytes(code);
    }

    private static List<int[]> portFragment(Side side, int[] ranges) {
        if (ranges.length == 0 || ranges.length % 2 != 0) {
            throw new IllegalArgumentException("ranges come in pairs, at least one");
        }
        List<int[]> result = null;
        for (int i = 0; i < ranges.length; i += 2) {
            int lo = ranges[i];
            int hi = ranges[i + 1];
            if (lo < 0 || hi > 0xFFFF || lo > hi) {
                throw new IllegalArgumentException("bad port range " + lo + "-" + hi);
            }
            List<int[]> term;
            switch (side) {
                case LOCAL:
                    term = range(S_GE, S_LE, lo, hi);
                    break;
                case REMOTE:
                    term = range(D_GE, D_LE, lo, hi);
                    break;
                default:
                    term = or(range(S_GE, S_LE, lo, hi), range(D_GE, D_LE, lo, hi));
            }
            result = result == null ? term : or(result, term);
        }
        return result;
    }

    /** {@code lo <= port <= hi} with the comparisons that are not always true. */
    private static List<int[]> range(int ge, int le, int lo, int hi) {
        List<int[]> code = new ArrayList<>();
        if (lo > 0) {
            code = and(code, compare(ge, lo));
        }
        if (hi < 0xFFFF) {
            code = and(code, compare(le, hi));
        }
        if (code.isEmpty()) {
            // every port: a program that accepts must still not be empty inside an OR
            code.add(new int[] {NOP, 4, 0});
        }
        return code;
    }

    /** One comparison: 8 bytes; true continues after it, false jumps to its end + 4. */
    private static List<int[]> compare(int code, int port) {
        List<int[]> c = new ArrayList<>();
        c.add(new int[] {code, 8, 12});
        c.add(new int[] {0, 0, port});
        return c;
    }

    /** Ops are kept as {code, yes, no}; a comparison's second word as {0, 0, port}. */
    private static List<int[]> and(List<int[]> a, List<int[]> b) {
        int la = a.size() * 4;
        int lb = b.size() * 4;
        List<int[]> out = new ArrayList<>(a.size() + b.size());
        for (int i = 0; i < a.size(); i++) {
            int[] op = a.get(i).clone();
            if (isJump(a, i) && i * 4 + op[2] == la + 4) {
                op[2] += lb; // a's "false" becomes the whole fragment's "false"
            }
            out.add(op);
        }
        out.addAll(b);
        return out;
    }

    private static List<int[]> or(List<int[]> a, List<int[]> b) {
        int lb = b.size() * 4;
        List<int[]> out = new ArrayList<>(a.size() + b.size() + 1);
        out.addAll(a); // a's "false" (its end + 4) is now the start of b
        out.add(new int[] {JMP, 4, lb + 4}); // a's "true" jumps over b to the end
        out.addAll(b);
        return out;
    }

    /** Whether op {@code i} is an op (not the data word of a comparison before it). */
    private static boolean isJump(List<int[]> code, int i) {
        int k = 0;
        while (k < i) {
            int c = code.get(k)[0];
            k += c >= S_GE && c <= D_LE ? 2 : 1;
        }
        return k == i && code.get(i)[0] != NOP;
    }

    static byte[] toBytes(List<int[]> code) {
        byte[] b = new byte[code.size() * 4];
        for (int i = 0; i < code.size(); i++) {
            int[] op = code.get(i);
            b[i * 4] = (byte) op[0];
            b[i * 4 + 1] = (byte) op[1];
            NlBytes.putU16(b, i * 4 + 2, op[2]);
            if (op[1] > 0xFF || op[2] > 0xFFFF) {
                throw new IllegalArgumentException("filter too long for the kernel's jumps");
            }
        }
        return b;
    }

    static List<int[]> fromBytes(byte[] b) {
        List<int[]> code = new ArrayList<>(b.length / 4);
        for (int i = 0; i + 3 < b.length; i += 4) {
            code.add(new int[] {b[i] & 0xFF, b[i + 1] & 0xFF, NlBytes.u16(b, i + 2)});
        }
        return code;
    }
}
