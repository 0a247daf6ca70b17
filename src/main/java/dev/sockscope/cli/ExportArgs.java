package dev.sockscope.cli;

import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;

/** Reads the options of {@link ExportOptions} ({@link Opt#DIFF} to {@link Opt#SERVE_CONNECTION_LIMIT}). */
final class ExportArgs {
    private ExportArgs() {}

    static ExportOptions parse(CommandLine cl) throws UsageException {
        int modes = (cl.hasOption("diff") ? 1 : 0) + (cl.hasOption("events") ? 1 : 0) + (cl.hasOption("serve") ? 1 : 0);
        if (modes > 1) {
            throw new UsageException("--diff, --events and --serve are separate modes: give one of them");
        }
        if (cl.hasOption("diff-listeners") && !cl.hasOption("diff")) {
            throw new UsageException("--diff-listeners goes with --diff FILE");
        }
        if ((cl.hasOption("serve-connections") || cl.hasOption("serve-connection-limit")) && !cl.hasOption("serve")) {
            throw new UsageException("--serve-connections and --serve-connection-limit go with --serve");
        }
        if (cl.hasOption("serve-connection-limit") && !cl.hasOption("serve-connections")) {
            throw new UsageException("--serve-connection-limit goes with --serve-connections");
        }
        if (cl.hasOption("diff")) {
            String file = cl.getOptionValue("diff");
            if (file.isEmpty()) {
                throw new UsageException("--diff: empty file name");
            }
            if (cl.hasOption("count") || cl.hasOption("interval")) {
                throw new UsageException("--diff compares one reading: --count and --interval do not go with it");
            }
            return new ExportOptions(
                    ExportOptions.Mode.DIFF, Path.of(file), cl.hasOption("diff-listeners"), 0, null, 0, 0);
        }
        if (cl.hasOption("events")) {
            if (cl.hasOption("format") && !cl.getOptionValue("format").equalsIgnoreCase("json")) {
                throw new UsageException(
                        "--events writes JSON Lines: --format " + cl.getOptionValue("format") + " does not go with it");
            }
            if (cl.hasOption("interval") && CommandLineParser.interval(cl.getOptionValue("interval")) == 0) {
                throw new UsageException("--events needs an --interval above 0");
            }
            int count =
                    cl.hasOption("count") ? CommandLineParser.positiveInt(cl.getOptionValue("count"), "--count") : 0;
            return new ExportOptions(ExportOptions.Mode.EVENTS, null, false, count, null, 0, 0);
        }
        if (cl.hasOption("serve")) {
            if (cl.hasOption("count")) {
                throw new UsageException("--serve runs until stopped: --count does not go with it");
            }
            if (cl.hasOption("interval") && CommandLineParser.interval(cl.getOptionValue("interval")) == 0) {
                throw new UsageException("--serve needs an --interval above 0 (the oldest reading a scrape may get)");
            }
            String v = cl.getOptionValue("serve");
            int limit = 0;
            if (cl.hasOption("serve-connections")) {
                String n = cl.getOptionValue("serve-connection-limit");
                limit = n == null
                        ? ExportOptions.DEFAULT_CONNECTION_LIMIT
                        : CommandLineParser.positiveInt(n, "--serve-connection-limit");
            }
            String[] hostPort = hostPort(v);
            return new ExportOptions(
                    ExportOptions.Mode.SERVE, null, false, 0, hostPort[0], Integer.parseInt(hostPort[1]), limit);
        }
        return ExportOptions.NONE;
    }

    /**
     * {@code PORT}, {@code :PORT}, {@code ADDR:PORT}, {@code [V6ADDR]:PORT}; ADDR a literal IPv4 or
     * IPv6 address or {@code localhost}. Without an address, 127.0.0.1.
     *
     * @return the address (literal) and the port's digits
     */
    static String[] hostPort(String v) throws UsageException {
        String s = v.trim();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf("]:");
            if (close < 0) {
                throw new UsageException("--serve: '" + v + "' is not [ADDRESS]:PORT");
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
            if (!isV6Literal(host)) {
                throw new UsageException("--serve: '" + host + "' is not an IPv6 address");
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') != colon) {
                throw new UsageException("--serve: write an IPv6 address in brackets, [::1]:PORT");
            }
            host = colon <= 0 ? "127.0.0.1" : s.substring(0, colon);
            port = colon < 0 ? s : s.substring(colon + 1);
            if (host.equals("localhost")) {
                host = "127.0.0.1";
            }
            if (!isV4Literal(host)) {
                throw new UsageException("--serve: '" + host + "' is not an IPv4 address (names are not resolved)");
            }
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 0 || p > 65535 || port.startsWith("+")) {
            throw new UsageException("--serve: port '" + port + "' is not a number from 0 to 65535");
        }
        return new String[] {host, Integer.toString(p)};
    }

    private static boolean isV4Literal(String h) {
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isV6Literal(String h) {
        if (h.isEmpty() || h.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            boolean ok =
                    (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
