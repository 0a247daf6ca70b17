package dev.sockscope.cli;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.service.ServiceRegistry;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * The command lines of the port modes: {@code --explain PORT[/tcp|/udp]},
 * {@code --wait-listen ADDR:PORT|PORT} and {@code --wait-free PORT[/tcp|/udp]}, with the
 * options that go with them ({@code --timeout}, {@code --verbose}, {@code --format},
 * {@code --json}, {@code --backend}, {@code --proc-root}, {@code -t}, {@code -u}), checked on
 * the command line {@link CommandLineParser} parsed once against the {@link Opt} table. Every
 * error is a {@link UsageException} naming the bad value.
 */
public final class ModeOptions {
    private ModeOptions() {}

    /** Which mode. */
    public enum Kind {
        EXPLAIN,
        WAIT_LISTEN,
        WAIT_FREE
    }

    /**
     * A port and the protocols asked about.
     *
     * @param port   1..65535
     * @param protos TCP before UDP; never empty
     */
    public record PortRequest(int port, List<Proto> protos) {
        public PortRequest {
            protos = List.copyOf(protos);
        }
    }

    /**
     * Where {@code --wait-listen} waits for a listener.
     *
     * @param addresses canonical addresses a client would connect to (empty: any address);
     *                  {@code localhost} is {@code 127.0.0.1} and {@code ::1}
     * @param families  the family of each address
     * @param port      1..65535
     * @param text      as given, for messages
     */
    public record ListenTarget(List<Address> addresses, List<Family> families, int port, String text) {
        public ListenTarget {
            addresses = List.copyOf(addresses);
            families = List.copyOf(families);
        }
    }

    /**
     * A parsed port-mode command line.
     *
     * @param kind      the mode
     * @param request   the port of {@code --explain} and {@code --wait-free}; null for wait-listen
     * @param target    the target of {@code --wait-listen}; null otherwise
     * @param timeoutMs {@code --timeout} in milliseconds (default 30 s)
     * @param verbose   {@code --verbose}
     * @param format    output of {@code --explain}
     * @param backend   where the tables come from
     * @param procRoot  the {@code /proc} tree
     */
    public record ModeConfig(
            Kind kind,
            PortRequest request,
            ListenTarget target,
            long timeoutMs,
            boolean verbose,
            Config.Format format,
            Config.Backend backend,
            Path procRoot) {}

    /** The options that go with a port mode. */
    private static final Set<Opt> ALLOWED = EnumSet.of(
            Opt.EXPLAIN,
            Opt.WAIT_LISTEN,
            Opt.WAIT_FREE,
            Opt.TIMEOUT,
            Opt.VERBOSE,
            Opt.FORMAT,
            Opt.JSON,
            Opt.BACKEND,
            Opt.PROC_ROOT,
            Opt.TCP,
            Opt.UDP);

    private static final Set<Opt> MODES = EnumSet.of(Opt.EXPLAIN, Opt.WAIT_LISTEN, Opt.WAIT_FREE);

    /** Whether a command line asks for a port mode: what {@link CommandLineParser} checks first. */
    static boolean wanted(CommandLine cl) {
        for (Opt o : MODES) {
            if (cl.hasOption(o.longName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The options of a port-mode command line, parsed as every command line is
     * ({@link CommandLineParser#words}).
     *
     * @param services the port registry, called only when a service name is given
     */
    public static ModeConfig parse(String[] args, Supplier<ServiceRegistry> services) throws UsageException {
        return from(CommandLineParser.words(args), services);
    }

    /** @param services the port registry, called only when a service name is given */
    static ModeConfig from(CommandLine cl, Supplier<ServiceRegistry> services) throws UsageException {
        Opt mode = null;
        for (Option o : cl.getOptions()) {
            Opt opt = Opt.byLong(o.getLongOpt());
            if (!ALLOWED.contains(opt)) {
                throw new UsageException(
                        "unknown option '--" + o.getLongOpt() + "' with --explain/--wait-* (see --help)");
            }
            if (MODES.contains(opt)) {
                if (mode != null && mode != opt) {
                    throw new UsageException("--explain, --wait-listen and --wait-free go one at a time");
                }
                mode = opt;
            }
        }
        List<Proto> chosen = new ArrayList<>();
        if (cl.hasOption(Opt.TCP.longName())) {
            chosen.add(Proto.TCP);
        }
        if (cl.hasOption(Opt.UDP.longName())) {
            chosen.add(Proto.UDP);
        }
        Kind kind;
        PortRequest request = null;
        ListenTarget target = null;
        if (cl.hasOption("explain")) {
            kind = Kind.EXPLAIN;
            request = port(cl.getOptionValue("explain"), "--explain", chosen, List.of(Proto.TCP, Proto.UDP), services);
        } else if (cl.hasOption("wait-free")) {
            kind = Kind.WAIT_FREE;
            request = port(cl.getOptionValue("wait-free"), "--wait-free", chosen, List.of(Proto.TCP), services);
        } else {
            kind = Kind.WAIT_LISTEN;
            if (cl.hasOption(Opt.UDP.longName())) {
                throw new UsageException("--wait-listen waits for a TCP listener: -u does not go with it");
            }
            target = listenTarget(cl.getOptionValue("wait-listen"), services);
        }
        long timeoutMs = 30_000;
        if (cl.hasOption("timeout")) {
            if (kind == Kind.EXPLAIN) {
                throw new UsageException("--timeout goes with --wait-listen or --wait-free");
            }
            timeoutMs = timeout(cl.getOptionValue("timeout"));
        }
        if (cl.hasOption("verbose") && kind == Kind.EXPLAIN) {
            throw new UsageException("--verbose goes with --wait-listen or --wait-free");
        }
        Config.Format format = Config.Format.TABLE;
        if (cl.hasOption("format")) {
            switch (cl.getOptionValue("format").toLowerCase(Locale.ROOT)) {
                case "table":
                    break;
                case "json":
                    format = Config.Format.JSON;
                    break;
                default:
                    throw new UsageException(
                            "--format: '" + cl.getOptionValue("format") + "' is not table or json here");
            }
        }
        if (cl.hasOption("json")) {
            format = Config.Format.JSON;
        }
        if (format == Config.Format.JSON && kind != Kind.EXPLAIN) {
            throw new UsageException("--format json goes with --explain");
        }
        Config.Backend backend = Config.Backend.AUTO;
        if (cl.hasOption("backend")) {
            switch (cl.getOptionValue("backend").toLowerCase(Locale.ROOT)) {
                case "auto":
                    break;
                case "proc":
                    backend = Config.Backend.PROC;
                    break;
                case "oshi":
                    backend = Config.Backend.OSHI;
                    break;
                default:
                    throw new UsageException(
                            "--backend: unknown backend '" + cl.getOptionValue("backend") + "' (auto, proc, oshi)");
            }
        }
        Path procRoot = Path.of("/proc");
        if (cl.hasOption("proc-root")) {
            if (cl.getOptionValue("proc-root").isEmpty()) {
                throw new UsageException("--proc-root: empty directory name");
            }
            procRoot = Path.of(cl.getOptionValue("proc-root"));
        }
        return new ModeConfig(kind, request, target, timeoutMs, cl.hasOption("verbose"), format, backend, procRoot);
    }

    /**
     * {@code 8080}, {@code :8080}, {@code 8080/tcp}, {@code 8080/udp}, {@code postgresql},
     * {@code dns/udp}.
     */
    static PortRequest port(
            String text, String what, List<Proto> chosen, List<Proto> byDefault, Supplier<ServiceRegistry> services)
            throws UsageException {
        String t = text.trim();
        if (t.startsWith(":")) {
            t = t.substring(1);
        }
        List<Proto> protos = chosen.isEmpty() ? byDefault : chosen;
        int slash = t.lastIndexOf('/');
        if (slash >= 0) {
            String p = t.substring(slash + 1).toLowerCase(Locale.ROOT);
            t = t.substring(0, slash);
            Proto named;
            if (p.equals("tcp")) {
                named = Proto.TCP;
            } else if (p.equals("udp")) {
                named = Proto.UDP;
            } else {
                throw new UsageException(
                        what + ": unknown protocol '" + text.substring(text.lastIndexOf('/') + 1) + "' (tcp or udp)");
            }
            if (!chosen.isEmpty() && !chosen.equals(List.of(named))) {
                throw new UsageException(what + ": '" + text + "' contradicts -t/-u");
            }
            protos = List.of(named);
        }
        if (t.isEmpty()) {
            throw new UsageException(what + ": empty port");
        }
        return new PortRequest(portNumber(t, text, what, services), protos);
    }

    private static int portNumber(String t, String text, String what, Supplier<ServiceRegistry> services)
            throws UsageException {
        if (t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int port = t.length() > 5 ? -1 : Integer.parseInt(t);
            if (port < 1 || port > 65535) {
                throw new UsageException(what + ": '" + text + "' is not a port number (1-65535)");
            }
            return port;
        }
        if (!t.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.'))) {
            throw new UsageException(what + ": '" + text + "' is neither a port number nor a service name");
        }
        int[] ports = services.get().ports(t);
        if (ports.length == 0) {
            throw new UsageException(what + ": unknown service '" + t + "'");
        }
        if (ports.length > 1) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < ports.length && i < 5; i++) {
                b.append(i == 0 ? "" : ", ").append(ports[i]);
            }
            throw new UsageException(what + ": service '" + t + "' names several ports (" + b + "); give one");
        }
        return ports[0];
    }

    /** {@code 5432}, {@code 127.0.0.1:5432}, {@code [::1]:5432}, {@code localhost:5432}. */
    static ListenTarget listenTarget(String text, Supplier<ServiceRegistry> services) throws UsageException {
        String t = text.trim();
        String what = "--wait-listen";
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            PortRequest r = port(t, what, List.of(), List.of(Proto.TCP), services);
            return new ListenTarget(List.of(), List.of(), r.port(), text);
        }
        String host = t.substring(0, colon);
        int port = portNumber(t.substring(colon + 1), text, what, services);
        if (host.equals("localhost")) {
            return new ListenTarget(
                    List.of(Address.ipv4(0x7f000001), Address.ipv6(0, 1)),
                    List.of(Family.IPV4, Family.IPV6),
                    port,
                    text);
        }
        if (host.isEmpty()) {
            return new ListenTarget(List.of(), List.of(), port, text);
        }
        InetAddress a;
        try {
            if (host.startsWith("[") && host.endsWith("]")) {
                a = InetAddress.getByName(host); // a bracketed literal: never a DNS lookup
                if (a instanceof Inet4Address) {
                    throw new UnknownHostException(host);
                }
            } else if (dottedQuad(host) != null) {
                a = InetAddress.getByAddress(dottedQuad(host));
            } else {
                throw new UsageException(
                        what + ": '" + host + "' is not an IP address (IPv6 in brackets: [::1]:5432; or localhost)");
            }
        } catch (UnknownHostException e) {
            throw new UsageException(what + ": '" + host + "' is not an IP address");
        }
        Family f = a instanceof Inet4Address ? Family.IPV4 : Family.IPV6;
        return new ListenTarget(List.of(Address.of(a.getAddress())), List.of(f), port, text);
    }

    /** The four bytes of a dotted quad (each 0..255, no leading zero), or null. */
    static byte[] dottedQuad(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty()
                    || p.length() > 3
                    || (p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        return b;
    }

    /** Seconds, fractions allowed, 0 to 86400; plain decimal only ({@code 1d}, {@code 0x1p3} are errors). */
    static long timeout(String v) throws UsageException {
        String t = v.trim();
        if (!t.matches("[0-9]{1,5}(\\.[0-9]{1,3})?")) {
            throw new UsageException("--timeout: '" + v + "' is not a number of seconds from 0 to 86400");
        }
        double s = Double.parseDouble(t);
        if (s > 86_400) {
            throw new UsageException("--timeout: '" + v + "' is not a number of seconds from 0 to 86400");
        }
        return Math.round(s * 1000);
    }
}
