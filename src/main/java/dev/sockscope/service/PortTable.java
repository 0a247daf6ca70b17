package dev.sockscope.service;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The parsed port table: for each port and protocol (tcp, udp) a name, where that name comes from
 * ({@link NameSource}) and IANA's name, kept as offsets into the table's own bytes so that loading
 * creates no strings.
 *
 * <p>Source: the generated resource {@code ports.tsv} beside this class (see
 * {@code tools/ports/README.md}), compiled into the class {@code PortsText} by the build (a class
 * comes from the class-data archive; the jar's first resource costs 5 ms). Rows are {@code port<TAB>protos<TAB>source<TAB>name[<TAB>ianaName]}:
 * protos is {@code tcp}, {@code udp} or {@code tcp+udp}; source is {@code netbase}, {@code seed},
 * {@code overlay} or {@code iana}; a missing ianaName means "same as name", {@code -} means IANA has
 * none. Lines starting with {@code #} are comments.
 *
 * <p>Bad input: a row with a port outside 0..65535, an unknown protocol or source, an empty or over-long name,
 * a byte outside {@code [A-Za-z0-9._+*}{@code /-]} in a name, extra columns, or a port/protocol
 * already seen is skipped and counted in {@link #skippedRows()}; it never aborts the load.
 * Immutable after construction but for a cache of name texts and, in a table parsed by port, the
 * rows parsed so far; safe to share between threads.
 */
final class PortTable {

    static final String RESOURCE = "ports.tsv";
    static final int MAX_NAME = 63;
    private static final int PORTS = 65536;

    private final byte[] data;
    /** Per proto, two ints per port: [2p] name, [2p+1] IANA name; (offset << 8) | length, 0 = none. */
    private final int[] tcp;

    private final int[] udp;
    /** Per proto and port: {@link NameSource} ordinal + 1, 0 = no row. */
    private final byte[] tcpSource;

    private final byte[] udpSource;
    /** Per row in file order: its port, and its name and IANA name packed as above. */
    private final int[] rowPort;

    private final int[] rowNames;
    private final int skipped;
    /**
     * Null for a table parsed whole. For the bundled table, parsed a port at a time: 1 where that
     * port's rows are in {@link #tcp} and {@link #udp}. Guarded by {@code this}, as are those
     * arrays and {@link #lazyPorts} until {@link #whole} is set.
     */
    private final byte[] parsedPort;

    private int lazyPorts;
    /** Ports parsed one at a time before the whole table is parsed. */
    private final int lazyLimit;
    /** Where the rows begin, after the header's comment lines (a table parsed by port). */
    private final int firstRow;
    /** The whole table, once a lookup needed every row or {@link #lazyLimit} ports were parsed one at a time. */
    private volatile PortTable whole;

    private PortTable(
            byte[] data,
            int[] tcp,
            int[] udp,
            byte[] tcpSource,
            byte[] udpSource,
            int[] rowPort,
            int[] rowNames,
            int skipped) {
        this.data = data;
        this.tcp = tcp;
        this.udp = udp;
        this.tcpSource = tcpSource;
        this.udpSource = udpSource;
        this.rowPort = rowPort;
        this.rowNames = rowNames;
        this.skipped = skipped;
        this.parsedPort = null;
        this.lazyLimit = 0;
        this.firstRow = 0;
    }

    /**
     * A table over {@code data}, whose rows must ascend by port, parsed a port at a time at each
     * port's first lookup and whole after {@code lazyLimit} ports, or when a lookup needs every
     * row ({@link #ports}, {@link #rows}, {@link #skippedRows}).
     */
    static PortTable byPort(byte[] data, int lazyLimit) {
        return new PortTable(data, lazyLimit);
    }

    private PortTable(byte[] data, int lazyLimit) {
        this.data = data;
        this.tcp = new int[PORTS * 2];
        this.udp = new int[PORTS * 2];
        this.tcpSource = new byte[PORTS];
        this.udpSource = new byte[PORTS];
        this.rowPort = null;
        this.rowNames = null;
        this.skipped = 0;
        this.parsedPort = new byte[PORTS];
        this.lazyLimit = lazyLimit;
        int row = 0;
        while (row < data.length && data[row] == '#') {
            row = nextLine(data, row, data.length);
        }
        this.firstRow = row;
    }

    /**
     * Ports parsed one at a time before the whole table is: a port's rows are found by bisecting
     * the bytes (17 steps of about 30 bytes), so a few hundred ports cost what the whole table does.
     */
    static final int LAZY_PORTS = 256;

    /**
     * The bundled table (class-holder idiom: read once, thread-safe). Its rows are parsed a port at
     * a time, at each port's first lookup: a snapshot looks up a few ports, and parsing all 6,000
     * rows took 19 ms of CPU at every start (8 ms of an idle run's wall time on two cores). Its
     * rows ascend by port (the generator sorts them; {@code PortTableTest} checks every port
     * against the whole parse, and the compiled bytes against the resource).
     */
    static PortTable bundled() {
        return Bundled.TABLE;
    }

    private static final class Bundled {
        static final PortTable TABLE = byPort(PortsText.bytes(), LAZY_PORTS);
    }

    /** The table to answer from for {@code port}: this one with the port's rows parsed, or the whole one. */
    private PortTable at(int port) {
        if (parsedPort == null) {
            return this;
        }
        PortTable w = whole;
        if (w != null) {
            return w;
        }
        synchronized (this) {
            if (whole != null) {
                return whole;
            }
            if (parsedPort[port] == 0) {
                if (++lazyPorts > lazyLimit) {
                    return whole();
                }
                parsePort(port);
                parsedPort[port] = 1;
            }
            return this;
        }
    }

    /** The table with every row parsed: this one, or the whole parse of a lazy one. */
    private PortTable whole() {
        if (parsedPort == null) {
            return this;
        }
        synchronized (this) {
            if (whole == null) {
                whole = parse(data);
            }
            return whole;
        }
    }

    /** Parses the rows of {@code port} into the arrays: the first line whose port is not below it, and the lines after it with that port. */
    private void parsePort(int port) {
        byte[] d = data;
        int n = d.length;
        int lo = firstRow;
        int hi = n;
        // lo is a line start and every line before it has a lower port; every line starting at or
        // after hi has a port at least as high
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int line = mid == 0 || d[mid - 1] == '\n' ? mid : nextLine(d, mid, n);
            if (line >= hi) {
                hi = mid;
            } else if (portAt(d, line) < port) {
                lo = nextLine(d, line, n);
            } else {
                hi = line;
            }
        }
        int i = lo;
        while (i < n && portAt(d, i) == port) {
            i = (int) (parseRow(d, i, n, tcp, udp, tcpSource, udpSource) >>> 32);
        }
    }

    /** The start of the line after the one {@code at} is in, among {@code d[0, n)} ({@code n + 1} at the end). */
    private static int nextLine(byte[] d, int at, int n) {
        int i = at;
        while (i < n && d[i] != '\n') {
            i++;
        }
        return i + 1;
    }

    /** The decimal number a line starts with, -1 when it starts with none. */
    private static int portAt(byte[] d, int at) {
        int port = -1;
        for (int i = at; i < d.length && i - at < 6 && d[i] >= '0' && d[i] <= '9'; i++) {
            port = (port < 0 ? 0 : port * 10) + (d[i] - '0');
        }
        return port;
    }

    /** Parses table bytes (US-ASCII). Never throws on malformed rows: they are counted. */
    static PortTable parse(byte[] data) {
        if (data.length >= (1 << 23)) {
            throw new IllegalArgumentException("port table too large: " + data.length + " bytes");
        }
        int[] tcp = new int[PORTS * 2];
        int[] udp = new int[PORTS * 2];
        byte[] tcpSource = new byte[PORTS];
        byte[] udpSource = new byte[PORTS];
        // Every row's port and names, in file order, so ports(name) scans rows, not 65536 slots.
        int[] rowPort = new int[8192];
        int[] rowNames = new int[8192 * 2];
        int rows = 0;
        int skipped = 0;
        int n = data.length;
        int i = 0;
        while (i < n) {
            byte first = data[i];
            if (first == '#' || first == '\n' || first == '\r') {
                i = nextLine(data, i, n);
                continue;
            }
            long parsed = parseRow(data, i, n, tcp, udp, tcpSource, udpSource);
            i = (int) (parsed >>> 32);
            int low = (int) parsed;
            if (low < 0) {
                skipped++;
                continue;
            }
            int port = low & 0xFFFF;
            int[] column = (low & UDP_ONLY) != 0 ? udp : tcp;
            if (rows == rowPort.length) {
                rowPort = Arrays.copyOf(rowPort, rows * 2);
                rowNames = Arrays.copyOf(rowNames, rows * 4);
            }
            rowPort[rows] = port;
            rowNames[rows * 2] = column[port * 2];
            rowNames[rows * 2 + 1] = column[port * 2 + 1];
            rows++;
        }
        return new PortTable(
                data,
                tcp,
                udp,
                tcpSource,
                udpSource,
                Arrays.copyOf(rowPort, rows),
                Arrays.copyOf(rowNames, rows * 2),
                skipped);
    }

    private static final int UDP_ONLY = 1 << 16;

    /**
     * Parses the row starting at {@code start} and stores it. Returns {@code (nextLineStart << 32)}
     * or'ed with the port (plus {@link #UDP_ONLY} for a udp row), or with -1 when the row is
     * malformed and nothing was stored. One pass over the bytes, without a separate newline
     * search: this runs in the interpreter on a cold start.
     */
    private static long parseRow(byte[] d, int start, int n, int[] tcp, int[] udp, byte[] tcpSource, byte[] udpSource) {
        int i = start;
        int port = 0;
        byte b = 0;
        while (i < n && (b = d[i]) >= '0' && b <= '9' && i - start < 5) {
            port = port * 10 + (b - '0');
            i++;
        }
        if (i == start || port >= PORTS || i >= n || d[i] != '\t') {
            return bad(d, i, n);
        }
        int protoStart = ++i;
        while (i < n && (b = d[i]) != '\t' && b != '\n' && b != '\r') {
            i++;
        }
        int protoLen = i - protoStart;
        boolean toTcp;
        boolean toUdp;
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
            return bad(d, i, n);
        }
        if (i >= n || d[i] != '\t') {
            return bad(d, i, n);
        }
        int sourceStart = ++i;
        while (i < n && (b = d[i]) != '\t' && b != '\n' && b != '\r') {
            i++;
        }
        byte source = source(d, sourceStart, i - sourceStart);
        if (source == 0 || i >= n || d[i] != '\t') {
            return bad(d, i, n);
        }
        int nameStart = ++i;
        boolean clean = true;
        while (i < n && (b = d[i]) != '\t' && b != '\n' && b != '\r') {
            clean &= NAME_BYTE[b & 0xFF];
            i++;
        }
        int name = clean ? pack(nameStart, i) : 0;
        if (name == 0) {
            return bad(d, i, n);
        }
        int iana = name;
        if (i < n && d[i] == '\t') {
            int ianaStart = ++i;
            clean = true;
            while (i < n && (b = d[i]) != '\t' && b != '\n' && b != '\r') {
                clean &= NAME_BYTE[b & 0xFF];
                i++;
            }
            if (i - ianaStart == 1 && d[ianaStart] == '-') {
                iana = 0;
            } else {
                iana = clean ? pack(ianaStart, i) : 0;
                if (iana == 0) {
                    return bad(d, i, n);
                }
            }
        }
        if (i < n && d[i] == '\r') {
            i++;
        }
        if (i < n && d[i] != '\n') {
            return bad(d, i, n); // a fifth column, or a stray carriage return
        }
        int slot = port * 2;
        if ((toTcp && tcp[slot] != 0) || (toUdp && udp[slot] != 0)) {
            return bad(d, i, n); // duplicate: the first row for a port/proto stands
        }
        if (toTcp) {
            tcp[slot] = name;
            tcp[slot + 1] = iana;
            tcpSource[port] = source;
        }
        if (toUdp) {
            udp[slot] = name;
            udp[slot + 1] = iana;
            udpSource[port] = source;
        }
        return ((long) (i + 1) << 32) | port | (toTcp ? 0 : UDP_ONLY);
    }

    private static final NameSource[] SOURCES = NameSource.values();

    /** The source words as bytes, by ordinal: compared without a method call per byte. */
    private static final byte[][] SOURCE_WORDS = new byte[SOURCES.length][];

    static {
        for (NameSource s : SOURCES) {
            SOURCE_WORDS[s.ordinal()] = s.label().getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * The source word's {@link NameSource} ordinal + 1, or 0 when it is none of them. The first
     * byte picks the one candidate (this runs once per row, in the interpreter on a cold start).
     */
    private static byte source(byte[] d, int at, int len) {
        if (len == 0) {
            return 0;
        }
        int ordinal;
        switch (d[at]) {
            case 'n':
                ordinal = 0;
                break;
            case 's':
                ordinal = 1;
                break;
            case 'o':
                ordinal = 2;
                break;
            case 'i':
                ordinal = 3;
                break;
            default:
                return 0;
        }
        byte[] word = SOURCE_WORDS[ordinal];
        if (word.length != len) {
            return 0;
        }
        for (int k = 1; k < len; k++) {
            if (d[at + k] != word[k]) {
                return 0;
            }
        }
        return (byte) (ordinal + 1);
    }

    /** Skips to the next line; the row is malformed. */
    private static long bad(byte[] d, int i, int n) {
        return ((long) nextLine(d, i, n) << 32) | 0xFFFFFFFFL;
    }

    private static boolean matches(byte[] d, int at, String word) {
        for (int k = 0; k < word.length(); k++) {
            if (d[at + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Packs a name's position, or returns 0 when it is empty or too long. */
    private static int pack(int start, int end) {
        int len = end - start;
        return len <= 0 || len > MAX_NAME ? 0 : (start << 8) | len;
    }

    private static final boolean[] NAME_BYTE = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            NAME_BYTE[c] = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '+'
                    || c == '*'
                    || c == '/';
        }
    }

    /** The table's name, whatever its source, or null. {@code udp} selects the UDP column, else TCP. */
    String name(boolean udpColumn, int port) {
        PortTable t = at(port);
        return t.text((udpColumn ? t.udp : t.tcp)[port * 2]);
    }

    /** Where {@link #name} comes from, or null when the table has no row for the port. */
    NameSource source(boolean udpColumn, int port) {
        PortTable t = at(port);
        int code = (udpColumn ? t.udpSource : t.tcpSource)[port];
        return code == 0 ? null : SOURCES[code - 1];
    }

    /** IANA's name, or null. */
    String ianaName(boolean udpColumn, int port) {
        PortTable t = at(port);
        return t.text((udpColumn ? t.udp : t.tcp)[port * 2 + 1]);
    }

    /** A name's text and where it is in {@link #data}: one slot of {@link #made}. */
    private record Made(int packed, String text) {}

    private static final int MADE_SLOTS = 256;
    /**
     * The last text made for each slot, so that 60,000 connections to one port hold one name,
     * not one each. Slots are replaced whole, so threads racing on one can only make a name
     * twice, never read another's.
     */
    private final Made[] made = new Made[MADE_SLOTS];

    private String text(int packed) {
        if (packed == 0) {
            return null;
        }
        int slot = (packed * 0x9E3779B9) >>> 24;
        Made m = made[slot];
        if (m == null || m.packed() != packed) {
            m = new Made(packed, new String(data, packed >>> 8, packed & 0xFF, StandardCharsets.ISO_8859_1));
            made[slot] = m;
        }
        return m.text();
    }

    /** Ascending, distinct ports whose name (any source) or IANA name, tcp or udp, equals {@code name} ignoring ASCII case. */
    int[] ports(String name) {
        if (parsedPort != null) {
            return whole().ports(name);
        }
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
        for (int row = 0; row < rowPort.length; row++) {
            if (equalsIgnoreCase(rowNames[row * 2], want) || equalsIgnoreCase(rowNames[row * 2 + 1], want)) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = rowPort[row];
            }
        }
        // Rows ascend in the bundled table but a port's tcp and udp rows may both match: sort, dedupe.
        Arrays.sort(found, 0, count);
        int distinct = 0;
        for (int k = 0; k < count; k++) {
            if (distinct == 0 || found[distinct - 1] != found[k]) {
                found[distinct++] = found[k];
            }
        }
        return Arrays.copyOf(found, distinct);
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
        return parsedPort != null ? whole().rows() : rowPort.length;
    }

    /** Malformed rows skipped. */
    int skippedRows() {
        return parsedPort != null ? whole().skippedRows() : skipped;
    }
}
