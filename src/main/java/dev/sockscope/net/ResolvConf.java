package dev.sockscope.net;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code resolv.conf} says (resolv.conf(5)): name servers in order, the search list
 * ({@code domain} and {@code search} override each other, the last one wins), options.
 * Comments start with {@code #} or {@code ;}. A {@code nameserver} line whose value is not an
 * IP address is skipped and counted in {@code unparsed}; other keywords ({@code sortlist}) are
 * ignored, as the resolver ignores unknown ones.
 *
 * @param nameservers canonical addresses; an IPv6 link-local one keeps its {@code %zone}
 * @param search      search domains (raw, untrusted)
 * @param options     options words, e.g. {@code edns0}, {@code ndots:2}
 * @param unparsed    lines that could not be understood
 */
public record ResolvConf(List<String> nameservers, List<String> search, List<String> options, int unparsed) {
    public ResolvConf {
        nameservers = List.copyOf(nameservers);
        search = List.copyOf(search);
        options = List.copyOf(options);
    }

    public static ResolvConf parse(String text) {
        List<String> servers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        List<String> options = new ArrayList<>();
        int bad = 0;
        for (String line : Lines.of(text)) {
            String t = line.strip();
            if (t.isEmpty() || t.charAt(0) == '#' || t.charAt(0) == ';') {
                continue;
            }
            List<String> f = Lines.fields(t);
            String key = f.get(0);
            List<String> values = new ArrayList<>();
            for (String v : f.subList(1, f.size())) {
                if (v.startsWith("#") || v.startsWith(";")) {
                    break;
                }
                values.add(v);
            }
            switch (key) {
                case "nameserver":
                    String canon = values.isEmpty() ? null : canonicalServer(values.get(0));
                    if (canon == null) {
                        bad++;
                    } else {
                        servers.add(canon);
                    }
                    break;
                case "search":
                case "domain":
                    search.clear();
                    search.addAll(key.equals("domain") && !values.isEmpty() ? values.subList(0, 1) : values);
                    break;
                case "options":
                    options.addAll(values);
                    break;
                default:
                    break; // sortlist and words the resolver does not know: ignored as it ignores them
            }
        }
        return new ResolvConf(servers, search, options, bad);
    }

    private static String canonicalServer(String v) {
        int pct = v.indexOf('%');
        String zone = pct >= 0 ? v.substring(pct) : "";
        String canon = Addresses.canonical(pct >= 0 ? v.substring(0, pct) : v);
        if (canon == null || (!zone.isEmpty() && canon.indexOf(':') < 0)) {
            return null;
        }
        return canon + zone;
    }

    /** Whether every name server is on this host's loopback: a local stub resolver forwards to others. */
    public boolean pointsAtLocalStub() {
        if (nameservers.isEmpty()) {
            return false;
        }
        for (String s : nameservers) {
            byte[] b = Addresses.parse(s);
            if (b == null || !Addresses.isLoopback(b)) {
                return false;
            }
        }
        return true;
    }
}
