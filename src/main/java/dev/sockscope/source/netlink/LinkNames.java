package dev.sockscope.source.netlink;

import dev.sockscope.netlink.MessageWalk;
import dev.sockscope.netlink.NetlinkException;
import dev.sockscope.netlink.NetlinkSocket;
import dev.sockscope.netlink.NlBytes;
import dev.sockscope.netlink.SockDiag;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Interface index to name in one network namespace, from an {@code RTM_GETLINK} dump over a
 * {@code NETLINK_ROUTE} socket opened in it (as {@code ip -n NS link} reads). {@code /sys/class/net}
 * shows the interfaces of the namespace sysfs was mounted in, which is not the one a socket opened
 * with {@code setns} reads.
 *
 * <p>Each {@code RTM_NEWLINK} message: {@code struct ifinfomsg} (16 bytes: family, pad, type,
 * {@code 4 ifi_index} s32, flags, change), then attributes; {@code IFLA_IFNAME} (3) is the name,
 * NUL-terminated. Untrusted input: a message shorter than 16 bytes, an attribute whose length is
 * below 4 or runs past the message, an index below 1 or a name that is empty or longer than
 * {@code IFNAMSIZ} (16 with its NUL) is skipped and counted.
 */
final class LinkNames {
    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int IFLA_IFNAME = 3;
    static final int IFINFO_LEN = 16;
    private static final int NLM_F_REQUEST_DUMP = 0x1 | 0x300;

    private LinkNames() {}

    /** The dump request: a header and an empty {@code ifinfomsg} (every family). */
    static byte[] request(int seq) {
        byte[] b = new byte[MessageWalk.HEADER + IFINFO_LEN];
        NlBytes.putU32(b, 0, b.length);
        NlBytes.putU16(b, 4, RTM_GETLINK);
        NlBytes.putU16(b, 6, NLM_F_REQUEST_DUMP);
        NlBytes.putU32(b, 8, seq);
        return b;
    }

    /** Every interface of the socket's namespace. */
    static Map<Integer, String> read(NetlinkSocket route, int seq) throws NetlinkException {
        Map<Integer, String> out = new HashMap<>();
        SockDiag.dump(route, request(seq), new byte[64 * 1024], RTM_NEWLINK, (b, off, len) -> parse(b, off, len, out));
        return out;
    }

    /** @return false when the message is malformed (nothing added) */
    static boolean parse(byte[] b, int off, int len, Map<Integer, String> into) {
        if (off < 0 || len < IFINFO_LEN || off + len > b.length || off + len < 0) {
            return false;
        }
        int index = NlBytes.s32(b, off + 4);
        if (index < 1) {
            return false;
        }
        int at = off + IFINFO_LEN;
        int end = off + len;
        while (end - at >= 4) {
            int alen = NlBytes.u16(b, at);
            int type = NlBytes.u16(b, at + 2) & 0x3FFF;
            if (alen < 4 || alen > end - at) {
                return false;
            }
            if (type == IFLA_IFNAME) {
                int n = 0;
                while (n < alen - 4 && b[at + 4 + n] != 0) {
                    n++;
                }
                if (n == 0 || n > 15) {
                    return false;
                }
                into.put(index, new String(b, at + 4, n, StandardCharsets.UTF_8));
                return true;
            }
            at += NlBytes.align4(alen);
        }
        return false;
    }
}
