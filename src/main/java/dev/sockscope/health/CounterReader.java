package dev.sockscope.health;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code <procRoot>/net/snmp}, {@code net/netstat} and {@code net/snmp6} (the counters of
 * the network namespace of whoever reads them; see the kernel's {@code proc_net} documentation)
 * and hands the text to {@link CounterParser}. A file that cannot be read is named in
 * {@link Counters#missing()}; nothing here throws for bad input.
 */
public final class CounterReader {
    /** Files larger than this are not counter files: read no further. */
    static final int MAX_BYTES = 1 << 20;

    static final String[] PAIR_FILES = {"net/snmp", "net/netstat"};
    static final String NAME_VALUE_FILE = "net/snmp6";

    private final Path procRoot;
    private final String[] pairFiles;
    private final boolean snmp6;

    public CounterReader(Path procRoot) {
        this(procRoot, PAIR_FILES, true);
    }

    private CounterReader(Path procRoot, String[] pairFiles, boolean snmp6) {
        this.procRoot = procRoot;
        this.pairFiles = pairFiles;
        this.snmp6 = snmp6;
    }

    /**
     * A reader of {@code net/netstat} alone, where the counters {@link HintEngine} compares are
     * ({@code TcpExt}): what the live view reads each second for its hints.
     */
    public static CounterReader forHints(Path procRoot) {
        return new CounterReader(procRoot, new String[] {"net/netstat"}, false);
    }

    public Counters read() {
        long nanos = System.nanoTime();
        Map<String, Long> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        int malformed = 0;
        for (String f : pairFiles) {
            String text = text(procRoot.resolve(f));
            if (text == null) {
                missing.add(f);
                continue;
            }
            CounterParser.Parsed p = CounterParser.parsePairs(text);
            values.putAll(p.values());
            malformed += p.malformed();
        }
        if (snmp6) {
            String v6 = text(procRoot.resolve(NAME_VALUE_FILE));
            if (v6 == null) {
                missing.add(NAME_VALUE_FILE);
            } else {
                CounterParser.Parsed p = CounterParser.parseNameValue(v6);
                values.putAll(p.values());
                malformed += p.malformed();
            }
        }
        return new Counters(values, malformed, missing, nanos);
    }

    private static String text(Path file) {
        try (InputStream in = new FileInputStream(file.toFile())) { // no file channel: no libnet
            return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return null; // absent (IPv6 disabled, a partial capture, not Linux) or unreadable
        }
    }
}
