package dev.sockscope.query;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.service.ShownService;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The live view's filter words: the command line's selection options as {@code key:value}
 * words, separated by spaces, AND-ed. A bare word matches any column (address, port, service,
 * state, process, command, user), as TCPView's filter does; a bare IPv6 address or block is an
 * address word.
 *
 * <pre>
 *   port:8080,8443   lport:22   rport:https   pid:12,13   state:listen,established
 *   user:alice   process:java (or proc:java, or just java)   proto:tcp,udp   family:ipv6 (or 4/6)
 *   addr:10.0.0.0/8   laddr:127.0.0.1   raddr:fe80::/10   iface:eth0   exposed
 *   listening (or -l)
 * </pre>
 */
public final class FilterWords {
    private FilterWords() {}

    /**
     * @throws QueryException naming the bad word or value
     */
    public static Filter parse(String text, ServiceRegistry services) throws QueryException {
        Filter.Builder b = new Filter.Builder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            int end = i;
            while (end < n && text.charAt(end) != ' ') {
                end++;
            }
            if (end > i) {
                word(b, text.substring(i, end), services);
            }
            i = end;
        }
        return b.build();
    }

    private static void word(Filter.Builder b, String word, ServiceRegistry services) throws QueryException {
        int colon = word.indexOf(':');
        if (colon >= 0 && isAddressWord(word)) {
            // a bare IPv6 address or block (fe80::1, [::1], fd00::/8): any address column
            b.anyAddress(AddressSet.parse(word, "address"));
            return;
        }
        if (colon < 0) {
            String w = word.toLowerCase(Locale.ROOT);
            if (w.equals("listening") || w.equals("-l")) {
                b.listening(true);
            } else if (w.equals("exposed")) {
                b.exposed(true);
            } else {
                b.anyText(word, row -> ShownService.of(row.entry(), services));
            }
            return;
        }
        String key = word.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = word.substring(colon + 1);
        if (value.isEmpty()) {
            throw new QueryException("'" + word + "': no value after ':'");
        }
        switch (key) {
            case "port":
                b.anyPort(PortSet.parse(value, "port", services));
                break;
            case "lport":
            case "local-port":
                b.localPort(PortSet.parse(value, "lport", services));
                break;
            case "rport":
            case "remote-port":
                b.remotePort(PortSet.parse(value, "rport", services));
                break;
            case "pid":
                b.pids(Lists.pids(value, "pid"));
                break;
            case "state":
                b.states(Lists.states(value, "state"));
                break;
            case "user":
                b.user(value);
                break;
            case "process":
            case "proc":
                b.process(value);
                break;
            case "proto":
                b.protos(protos(value));
                break;
            case "addr":
            case "address":
                b.anyAddress(AddressSet.parse(value, key));
                break;
            case "laddr":
            case "local-address":
                b.localAddress(AddressSet.parse(value, key));
                break;
            case "raddr":
            case "remote-address":
                b.remoteAddress(AddressSet.parse(value, key));
                break;
            case "iface":
            case "interface":
                b.iface(Interfaces.lookup(value, key));
                break;
            case "family":
                b.families(families(value));
                break;
            default:
                throw new QueryException(
                        "unknown filter word '" + key + ":' (port, lport, rport, addr, laddr, raddr, iface, "
                                + "pid, state, user, process, proto, family)");
        }
    }

    private static boolean isAddressWord(String word) {
        String w = word;
        int slash = w.indexOf('/');
        if (slash >= 0) {
            w = w.substring(0, slash);
        }
        if (w.startsWith("[") && w.endsWith("]")) {
            w = w.substring(1, w.length() - 1);
        }
        return Address.parse(w) != null;
    }

    private static Set<Proto> protos(String list) throws QueryException {
        Set<Proto> out = EnumSet.noneOf(Proto.class);
        for (String item : Lists.items(list, "proto")) {
            switch (item.toLowerCase(Locale.ROOT)) {
                case "tcp":
                    out.add(Proto.TCP);
                    break;
                case "udp":
                    out.add(Proto.UDP);
                    out.add(Proto.UDPLITE);
                    break;
                case "udplite":
                    out.add(Proto.UDPLITE);
                    break;
                case "raw":
                    out.add(Proto.RAW);
                    break;
                case "unix":
                    out.add(Proto.UNIX);
                    break;
                default:
                    throw new QueryException("proto: unknown protocol '" + item + "' (tcp, udp, raw, unix)");
            }
        }
        return out;
    }

    private static Set<Family> families(String list) throws QueryException {
        Set<Family> out = EnumSet.noneOf(Family.class);
        for (String item : Lists.items(list, "family")) {
            switch (item.toLowerCase(Locale.ROOT)) {
                case "4":
                case "ipv4":
                case "inet":
                    out.add(Family.IPV4);
                    break;
                case "6":
                case "ipv6":
                case "inet6":
                    out.add(Family.IPV6);
                    break;
                default:
                    throw new QueryException("family: unknown family '" + item + "' (ipv4, ipv6)");
            }
        }
        return out;
    }
}
