package dev.sockscope.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The parsed port table: for each port and protocol (tcp, udp) a preferred name and IANA's name,
 * kept as offsets into the table's own bytes so that loading creates no strings.
 *
 * <p>Source: the generated resource {@code ports.tsv} beside this class (see
 * {@code tools/ports/README.md}). Rows are {@code port<TAB>protos<TAB>name[<TAB>ianaName]}: protos
 * is {@code tcp}, {@code udp} or {@code tcp+udp}; a missing ianaName means "same as name", {@code -}
 * means IANA has none. Lines starting with {@code #} are comments.
 *
 * <p>Bad input: a row with a port outside 0..65535, an unknown protocol, an empty or over-long name,
 * a byte outside {@code [A-Za-z0-9._+*}{@code /-]} in a name, extra columns, or a port/protocol
 * already seen is skipped and counted in {@link #skippedRows()}; it never aborts the load.
 * Immutable after construction, so safe to share between threads.
 */
final class PortTable {

    static final String RESOURCE = "ports.tsv";
    static final int MAX_NAME = 63;
    private static final int PORTS = 65536;

    private final byte[] data;
    /** Per proto, two ints per port: [2p] preferred name, [2p+1] IANA name; (offset << 8) | length, 0 = none. */
    private final int[] tcp;
    private final int[] udp;
    private final int rows;
    private final int skipped;

    private PortTable(byte[] data, int[] tcp, int[] udp, int rows, int skipped) {
        this.data = data;
        this.tcp = tcp;
        this.udp = udp;
        this.rows = rows;
        this.skipped = skipped;
    }

    /** The bundled table, parsed once on first use (class-holder idiom: lazy and thread-safe). */
    static PortTable bundled() {
        return Bundled.TABLE;
    }

    private static final class Bundled {
        static final PortTable TABLE = loadResource();
    }

    private static PortTable loadResource() {
        try (InputStream in = PortTable.class.getResourceAsStream(RESOURCE)) {
            // A jar without its table is a packaging defect: names are then unknown, never invented.
            return in == null ? parse(new byte[0]) : parse(in.readAllBytes());
        } catch (IOException e) {
            return parse(new byte[0]);
        }
    }

    /** Parses table bytes (US-ASCII). Never throws on malformed rows: they are counted. */
    static PortTable parse(byte[] data) {
        if (data.length >= (1 << 23)) {
            throw new IllegalArgumentException("port table too large: " + data.length + " bytes");
        }
        int[] tcp = new int[PORTS * 2];
        int[] udp = new int[PORTS * 2];
        int rows = 0;
        int skipped = 0;
        int n = data.length;
        int i = 0;
        while (i < n) {
            int end = i;
            while (end < n && data[end] != '\n') {
                end++;
            }
            int next = end + 1;
            if (end > i && data[end - 1] == '\r') {
                end--;
            }
            if (end == i || data[i] == '#') {
                i = next;
                continue;
            }
            if (parseRow(data, i, end, tcp, udp)) {
                rows++;
            } else {
                skipped++;
            }
            i = next;
        }
        return new PortTable(data, tcp, udp, rows, skipped);
    }

    /** Parses one row {@code [start, end)}; stores it and returns true, or returns false if malformed. */
    private static boolean parseRow(byte[] d, int start, int end, int[] tcp, int[] udp) {
        int i = start;
        int port = 0;
        int digits = 0;
        while (i < end && d[i] >= '0' && d[i] <= '9') {
            port = port * 10 + (d[i] - '0');
            if (++digits > 5) {
                return false;
            }
            i++;
        }
        if (digits == 0 || port >= PORTS || i >= end || d[i] != '\t') {
            return false;
        }
        int protoStart = ++i;
        while (i < end && d[i] != '\t') {
            i++;
        }
        boolean toTcp;
        boolean toUdp;
        int protoLen = i - protoStart;
        if (protoLen == 3 && matches(d, protoStart, "tcp")) {
            toTcp = true;
            toUdp = false;
        } else if (protoLen == 3 && matches(d, protoStart, "udp")) {
            toTcp = false;
            toUdp = true;
        } else if (protoLen == 7 && matches(d, protoStart, "tcp+udp")) {
            toTcp = true;
            toUdp = true;
        } else {
            return false;
        }
        if (i >= end) {
            return false;
        }
        int nameStart = ++i;
        while (i < end && d[i] != '\t') {
            i++;
        }
        int name = pack(d, nameStart, i);
        if (name == 0) {
            return false;
        }
        int iana = name;
        if (i < end) {
            int ianaStart = ++i;
            while (i < end && d[i] != '\t') {
                i++;
            }
            if (i < end) {
                return false; // a fifth column
            }
            if (i - ianaStart == 1 && d[ianaStart] == '-') {
                iana = 0;
            } else {
                iana = pack(d, ianaStart, i);
                if (iana == 0) {
                    return false;
                }
            }
        }
        int slot = port * 2;
        if ((toTcp && tcp[slot] != 0) || (toUdp && udp[slot] != 0)) {
            return false; // duplicate: the first row for a port/proto stands
        }
        if (toTcp) {
            tcp[slot] = name;
            tcp[slot + 1] = iana;
        }
        if (toUdp) {
            udp[slot] = name;
            udp[slot + 1] = iana;
        }
        return true;
    }

    private static boolean matches(byte[] d, int at, String word) {
        for (int k = 0; k < word.length(); k++) {
            if (d[at + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Packs a name's position, or returns 0 when it is empty, too long or has a forbidden byte. */
    private static int pack(byte[] d, int start, int end) {
        int len = end - start;
        if (len <= 0 || len > MAX_NAME) {
            return 0;
        }
        for (int k = start; k < end; k++) {
            if (!isNameByte(d[k])) {
                return 0;
            }
        }
        return (start << 8) | len;
    }

    private static boolean isNameByte(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '+' || b == '*' || b == '/';
    }

    /** Preferred name, or null. {@code udp} selects the UDP column, else TCP. */
    String name(boolean udpColumn, int port) {
        return text((udpColumn ? udp : tcp)[port * 2]);
    }

    /** IANA's name, or null. */
    String ianaName(boolean udpColumn, int port) {
        return text((udpColumn ? udp : tcp)[port * 2 + 1]);
    }

    private String text(int packed) {
        return packed == 0 ? null : new String(data, packed >>> 8, packed & 0xFF, StandardCharsets.ISO_8859_1);
    }

    /** Ascending, distinct ports whose preferred or IANA name, tcp or udp, equals {@code name} ignoring ASCII case. */
    int[] ports(String name) {
        int len = name.length();
        if (len == 0 || len > MAX_NAME) {
            return new int[0];
        }
        byte[] want = new byte[len];
        for (int k = 0; k < len; k++) {
            char c = name.charAt(k);
            if (c >= 0x80) {
                return new int[0];
            }
            want[k] = lower((byte) c);
        }
        int[] found = new int[8];
        int count = 0;
        for (int port = 0; port < PORTS; port++) {
            int slot = port * 2;
            if (equalsIgnoreCase(tcp[slot], want) || equalsIgnoreCase(tcp[slot + 1], want)
                    || equalsIgnoreCase(udp[slot], want) || equalsIgnoreCase(udp[slot + 1], want)) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = port;
            }
        }
        return Arrays.copyOf(found, count);
    }

    private boolean equalsIgnoreCase(int packed, byte[] want) {
        if (packed == 0 || (packed & 0xFF) != want.length) {
            return false;
        }
        int off = packed >>> 8;
        for (int k = 0; k < want.length; k++) {
            if (lower(data[off + k]) != want[k]) {
                return false;
            }
        }
        return true;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    /** Rows loaded (a {@code tcp+udp} row counts once). */
    int rows() {
        return rows;
    }

    /** Malformed rows skipped. */
    int skippedRows() {
        return skipped;
    }
}
