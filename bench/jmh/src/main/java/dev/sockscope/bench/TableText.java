package dev.sockscope.bench;

/**
 * Synthetic {@code /proc/net/tcp} and {@code tcp6} text in the kernel's exact layout
 * ({@code tcp4_seq_show} pads rows to 149 characters, {@code tcp6_seq_show} does not).
 * Deterministic: the same arguments give the same bytes.
 */
final class TableText {
    private static final int CONNS_PER_LISTENER = 9000;

    private TableText() {
    }

    /**
     * {@code rows} rows: one listener on 127.0.0.1:(20000 + k) per 9000 connections, then both
     * ends of each connection, the client on 127.0.0.(2 + i % 8) with an ephemeral port.
     */
    static String tcpTable(int rows, boolean v6) {
        StringBuilder sb = new StringBuilder(rows * 180 + 200);
        if (v6) {
            sb.append("  sl  local_address                         remote_address                        st"
                    + " tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
        } else {
            pad(sb, sb.length(), "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
                    + "   uid  timeout inode", 149);
        }
        long inode = 1_000_000;
        int sl = 0;
        int conn = 0;
        while (sl < rows) {
            int listenerPort = 20000 + conn / CONNS_PER_LISTENER;
            if (conn % CONNS_PER_LISTENER == 0) {
                row(sb, v6, sl++, 0x0100007F, listenerPort, 0, 0, 0x0A, inode++);
                if (sl >= rows) {
                    break;
                }
            }
            int client = 0x7F000002 + (conn % 8);
            int clientLe = Integer.reverseBytes(client);
            int ephemeral = 32768 + (conn * 7) % 28232;
            row(sb, v6, sl++, clientLe, ephemeral, 0x0100007F, listenerPort, 0x01, inode++);
            if (sl < rows) {
                row(sb, v6, sl++, 0x0100007F, listenerPort, clientLe, ephemeral, 0x01, inode++);
            }
            conn++;
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, boolean v6, int sl, int local, int lport, int remote,
            int rport, int state, long inode) {
        int start = sb.length();
        String s = String.format("%4d: %s:%04X %s:%04X %02X %08X:%08X %02X:%08X %08X %5d %8d %d %d %016x %d %d %d %d %d",
                sl, addr(local, v6), lport, addr(remote, v6), rport, state, 0, 0, 0, 0, 0, 1000, 0,
                inode, state == 0x0A ? 1 : 2, 0xffff8d0a1c804f28L + inode * 64, state == 0x0A ? 100 : 20,
                4, state == 0x0A ? 0 : 1, 10, state == 0x0A ? 0 : -1);
        pad(sb, start, s, v6 ? 0 : 149); // tcp6_seq_show does not pad its rows
    }

    /** A v4 address word as printed, or its v4-mapped v6 form (four words). */
    private static String addr(int word, boolean v6) {
        if (!v6) {
            return String.format("%08X", word);
        }
        if (word == 0) {
            return "00000000000000000000000000000000";
        }
        return String.format("0000000000000000FFFF0000%08X", word);
    }

    private static void pad(StringBuilder sb, int start, String s, int width) {
        sb.append(s);
        while (sb.length() - start < width) {
            sb.append(' ');
        }
        sb.append('\n');
    }
}
