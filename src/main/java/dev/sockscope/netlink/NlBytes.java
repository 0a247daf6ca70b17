package dev.sockscope.netlink;

import java.nio.ByteOrder;

/**
 * Reading and writing the integers of netlink messages in a byte array: host byte order for
 * the kernel's {@code __u16}/{@code __u32}/{@code __u64} fields, network byte order
 * ({@code be16}) for ports. The caller checks bounds; these do not.
 */
public final class NlBytes {
    private static final boolean LE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private NlBytes() {}

    public static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    public static int u16(byte[] b, int at) {
        int x = b[at] & 0xFF;
        int y = b[at + 1] & 0xFF;
        return LE ? x | y << 8 : x << 8 | y;
    }

    /** An unsigned 32-bit value, as a long. */
    public static long u32(byte[] b, int at) {
        return s32(b, at) & 0xFFFFFFFFL;
    }

    public static int s32(byte[] b, int at) {
        int a0 = b[at] & 0xFF;
        int a1 = b[at + 1] & 0xFF;
        int a2 = b[at + 2] & 0xFF;
        int a3 = b[at + 3] & 0xFF;
        return LE ? a0 | a1 << 8 | a2 << 16 | a3 << 24 : a0 << 24 | a1 << 16 | a2 << 8 | a3;
    }

    /** A 64-bit value; the caller decides what a negative (above 2^63-1) means. */
    public static long u64(byte[] b, int at) {
        long lo = u32(b, at);
        long hi = u32(b, at + 4);
        return LE ? lo | hi << 32 : hi | lo << 32;
    }

    /** A port, big-endian. */
    public static int be16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    public static void putU16(byte[] b, int at, int v) {
        if (LE) {
            b[at] = (byte) v;
            b[at + 1] = (byte) (v >>> 8);
        } else {
            b[at] = (byte) (v >>> 8);
            b[at + 1] = (byte) v;
        }
    }

    public static void putU32(byte[] b, int at, int v) {
        if (LE) {
            b[at] = (byte) v;
            b[at + 1] = (byte) (v >>> 8);
            b[at + 2] = (byte) (v >>> 16);
            b[at + 3] = (byte) (v >>> 24);
        } else {
            b[at] = (byte) (v >>> 24);
            b[at + 1] = (byte) (v >>> 16);
            b[at + 2] = (byte) (v >>> 8);
            b[at + 3] = (byte) v;
        }
    }

    public static void putBe16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    /** {@code NLMSG_ALIGN}/{@code RTA_ALIGN}: up to a multiple of 4. */
    public static int align4(int n) {
        return (n + 3) & ~3;
    }
}
