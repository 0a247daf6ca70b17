package dev.sockscope.source.netlink;

import static dev.sockscope.netlink.NlBytes.align4;
import static dev.sockscope.netlink.NlBytes.u16;
import static dev.sockscope.netlink.NlBytes.u32;
import static dev.sockscope.netlink.NlBytes.u8;

import dev.sockscope.model.Address;
import dev.sockscope.model.Details;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.State;
import dev.sockscope.netlink.SockDiag;
import java.nio.charset.StandardCharsets;

/**
 * Parses one {@code struct unix_diag_msg} and its attributes into a {@link SocketEntry}.
 *
 * <p>Layout ({@code include/uapi/linux/unix_diag.h}), 16 bytes: {@code 0 family, 1 type,
 * 2 state, 3 pad, 4 inode (u32), 8 cookie[8]}, then attributes {@code UNIX_DIAG_NAME} (the
 * bound address's {@code sun_path} bytes), {@code UNIX_DIAG_PEER} (u32: the other end's
 * inode), {@code UNIX_DIAG_RQLEN} (u32 receive queue, u32 send queue; a listener's accept
 * queue and backlog limit), {@code UNIX_DIAG_UID} (u32, kernel 5.3+).
 *
 * <p>Values, as the proc source gives them: the path is decoded as UTF-8 with invalid bytes
 * replaced, an abstract name ({@code sun_path[0] == 0}) is {@code @} and its bytes with NULs as
 * {@code @}, a path ends at its first NUL, no name is {@code ""}. Because the name is a counted
 * byte string, a path with a line feed is one value here (in {@code /proc/net/unix} it can
 * forge rows). State: listening (10) {@code LISTEN}; established (1) and connecting (2)
 * {@code CONNECTED}; closed (7) {@code UNCONN}. Type: 1 stream, 2 datagram, 5 seqpacket.
 * A listener's {@code recvQ} is its accept queue and {@code sendQ} 0 (the kernel's backlog
 * limit is no send queue). Uid, queues and peer are {@link SocketEntry#UNKNOWN} when the kernel
 * did not send them.
 *
 * <p>Untrusted input: rejected (null) when shorter than 16 bytes, the family is not
 * {@code AF_UNIX}, type or state is none of the above, an attribute's length is below 4 or
 * runs past the message, a known attribute is shorter than its type needs, the name is longer
 * than {@code sun_path} (108 bytes), or the uid is above 2^31-1.
 */
public final class UnixDiagParser {
    /** {@code sizeof(struct unix_diag_msg)}. */
    public static final int MSG_LEN = 16;

    static final int SUN_PATH = 108;

    /** @return the row, or null when the message is malformed */
    public SocketEntry parse(byte[] b, int off, int len) {
        if (off < 0 || len < MSG_LEN || off + len > b.length || off + len < 0) {
            return null;
        }
        if (u8(b, off) != SockDiag.AF_UNIX) {
            return null;
        }
        Details.UnixType type;
        switch (u8(b, off + 1)) {
            case 1:
                type = Details.UnixType.STREAM;
                break;
            case 2:
                type = Details.UnixType.DGRAM;
                break;
            case 5:
                type = Details.UnixType.SEQPACKET;
                break;
            default:
                return null;
        }
        State state;
        switch (u8(b, off + 2)) {
            case 10:
                state = State.LISTEN;
                break;
            case 1:
            case 2:
                state = State.CONNECTED;
                break;
            case 7:
                state = State.UNCONN;
                break;
            default:
                return null;
        }
        long inode = u32(b, off + 4);
        String name = "";
        long peer = SocketEntry.UNKNOWN;
        long recvQ = SocketEntry.UNKNOWN;
        long sendQ = SocketEntry.UNKNOWN;
        long uid = SocketEntry.UNKNOWN;
        int end = off + len;
        int at = off + MSG_LEN;
        while (end - at >= 4) {
            int alen = u16(b, at);
            int atype = u16(b, at + 2) & 0x3FFF;
            if (alen < 4 || alen > end - at) {
                return null;
            }
            int p = at + 4;
            int plen = alen - 4;
            switch (atype) {
                case SockDiag.UNIX_DIAG_NAME:
                    if (plen > SUN_PATH) {
                        return null;
                    }
                    name = name(b, p, plen);
                    break;
                case SockDiag.UNIX_DIAG_PEER:
                    if (plen < 4) {
                        return null;
                    }
                    long v = u32(b, p);
                    peer = v == 0 ? SocketEntry.UNKNOWN : v;
                    break;
                case SockDiag.UNIX_DIAG_RQLEN:
                    if (plen < 8) {
                        return null;
                    }
                    recvQ = u32(b, p);
                    sendQ = state == State.LISTEN ? 0 : u32(b, p + 4);
                    break;
                case SockDiag.UNIX_DIAG_UID:
                    if (plen < 4) {
                        return null;
                    }
                    uid = u32(b, p);
                    if (uid > Integer.MAX_VALUE) {
                        return null;
                    }
                    break;
                default:
                    break;
            }
            at += align4(alen);
        }
        Details d = new Details.Builder().unixType(type).peerInode(peer).build();
        return new SocketEntry(
                Proto.UNIX,
                Family.UNIX,
                Address.path(name),
                SocketEntry.NO_PORT,
                Address.NO_PATH,
                SocketEntry.NO_PORT,
                state,
                inode,
                (int) uid,
                recvQ,
                sendQ,
                d);
    }

    /** {@code sun_path} bytes as the proc table shows them. */
    static String name(byte[] b, int p, int plen) {
        if (plen == 0) {
            return "";
        }
        if (b[p] != 0) {
            int n = 0;
            while (n < plen && b[p + n] != 0) {
                n++;
            }
            return new String(b, p, n, StandardCharsets.UTF_8);
        }
        byte[] abs = new byte[plen];
        abs[0] = '@';
        for (int i = 1; i < plen; i++) {
            abs[i] = b[p + i] == 0 ? (byte) '@' : b[p + i];
        }
        return new String(abs, StandardCharsets.UTF_8);
    }
}
