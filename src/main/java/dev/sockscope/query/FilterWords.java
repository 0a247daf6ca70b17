package dev.sockscope.query;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.service.ServiceRegistry;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The live view's filter words: the command line's selection options as {@code key:value}
 * words, separated by spaces, AND-ed. A bare word is a process text.
 *
 * <pre>
 *   port:8080,8443   lport:22   rport:https   pid:12,13   state:listen,established
 *   user:alice   process:java (or proc:java, or just java)   proto:tcp,udp   family:ipv6 (or 4/6)
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
        if (colon < 0) {
            String w = word.toLowerCase(Locale.ROOT);
            if (w.equals("listening") || w.equals("-l")) {
                b.listening(true);
            } else {
                b.process(word);
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
            case "family":
                b.families(families(value));
                break;
            default:
                throw new QueryException("unknown filter word '" + key + ":' (port, lport, rport, pid, state, user, "
                        + "process, proto, family)");
        }
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
