package dev.sockscope.view.live;

import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.query.QueryException;
import dev.sockscope.service.PortClass;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.TableSelection;
import dev.sockscope.testing.Endpoints;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Hand-built rows, a tiny service registry and a tiny filter parser for the live view's tests. */
final class Fixtures {
    private Fixtures() {}

    static SocketRow tcp4(String local, int lport, String remote, int rport, State st, long inode, Holder... holders) {
        return row(Proto.TCP, Family.IPV4, local, lport, remote, rport, st, inode, holders);
    }

    static SocketRow row(
            Proto p,
            Family f,
            String local,
            int lport,
            String remote,
            int rport,
            State st,
            long inode,
            Holder... holders) {
        SocketEntry e = new SocketEntry(
                p, f, Endpoints.address(local), lport, Endpoints.address(remote), rport, st, inode, 1000, 0, 0);
        return new SocketRow(e, List.of(holders), "alice");
    }

    static Holder holder(int pid, String name, String cmd) {
        return new Holder(pid, name, cmd, 1000, "alice");
    }

    static final Holder NGINX1 =
            new Holder(812, "nginx", "nginx: master process /usr/sbin/nginx -g daemon on;", 0, "root");
    static final Holder NGINX2 = new Holder(813, "nginx", "nginx: worker process", 33, "www-data");
    static final Holder JAVA = holder(
            4242, "java", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java -Xmx512m -jar /opt/app/server.jar --port 8080");
    static final Holder EVIL = holder(6666, "\u001b[2J", "\u001b[2J\u001b]0;pwned\u0007 --hide");
    static final Holder SSHD =
            new Holder(1022, "sshd", "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups", 0, "root");
    static final Holder CURL = holder(5151, "curl", "curl https://example.org/");
    static final Holder CUPS = new Holder(640, "cupsd", "/usr/sbin/cupsd -l", 0, "root");

    /** A host's worth of sockets: listeners, connections, IPv6, UDP, a hostile process name. */
    static List<SocketRow> baseRows() {
        List<SocketRow> r = new ArrayList<>();
        r.add(tcp4("0.0.0.0", 22, "0.0.0.0", 0, State.LISTEN, 20011, SSHD));
        r.add(tcp4("0.0.0.0", 80, "0.0.0.0", 0, State.LISTEN, 20012, NGINX1, NGINX2));
        r.add(tcp4("127.0.0.1", 8080, "0.0.0.0", 0, State.LISTEN, 30001, JAVA));
        r.add(tcp4("127.0.0.1", 8080, "127.0.0.1", 51234, State.ESTABLISHED, 30002, JAVA));
        r.add(tcp4("127.0.0.1", 51234, "127.0.0.1", 8080, State.ESTABLISHED, 30003, CURL));
        r.add(tcp4("10.0.0.5", 40112, "93.184.215.14", 443, State.ESTABLISHED, 30004, CURL));
        r.add(tcp4("10.0.0.5", 22, "10.0.0.9", 60022, State.ESTABLISHED, 30005, SSHD));
        r.add(tcp4("127.0.0.1", 9999, "0.0.0.0", 0, State.LISTEN, 30006, EVIL));
        r.add(tcp4("10.0.0.5", 40100, "93.184.215.14", 443, State.TIME_WAIT, 0));
        r.add(row(Proto.TCP, Family.IPV6, "::1", 631, "::", 0, State.LISTEN, 20020, CUPS));
        r.add(row(Proto.TCP, Family.IPV6, "::", 22, "::", 0, State.LISTEN, 20021, SSHD));
        r.add(row(
                Proto.TCP,
                Family.IPV6,
                "2001:db8:85a3::8a2e:370:7334",
                443,
                "2001:db8:ffff:1234:5678:9abc:def0:1234",
                61000,
                State.ESTABLISHED,
                30010,
                NGINX2));
        r.add(row(Proto.UDP, Family.IPV4, "0.0.0.0", 68, "0.0.0.0", 0, State.UNCONN, 20030));
        r.add(row(
                Proto.UDP,
                Family.IPV4,
                "127.0.0.53",
                53,
                "0.0.0.0",
                0,
                State.UNCONN,
                20031,
                new Holder(501, "systemd-resolve", "/lib/systemd/systemd-resolved", 101, "systemd-resolve")));
        r.add(row(
                Proto.UDP,
                Family.IPV6,
                "::",
                5353,
                "::",
                0,
                State.UNCONN,
                20032,
                new Holder(520, "avahi-daemon", "avahi-daemon: running [host.local]", 105, "avahi")));
        return r;
    }

    static Snapshot snapshot(List<SocketRow> rows) {
        return new Snapshot(rows, 0, 0, null);
    }

    /** A few names, enough for the Service column: the preferred name and IANA's. */
    static final ServiceRegistry SERVICES = new ServiceRegistry() {
        private final Map<Integer, String> names = Map.of(
                22,
                "ssh",
                80,
                "http",
                443,
                "https",
                8080,
                "http-alt",
                53,
                "domain",
                68,
                "bootpc",
                631,
                "ipp",
                5353,
                "mdns");

        @Override
        public String name(Proto proto, int port) {
            return names.get(port);
        }

        @Override
        public String ianaName(Proto proto, int port) {
            return port == 80 ? "www-http" : names.get(port);
        }

        @Override
        public int[] ports(String serviceName) {
            return new int[0];
        }

        @Override
        public PortClass classify(int port) {
            if (port < 1024) {
                return PortClass.WELL_KNOWN;
            }
            if (port >= 32768 && port <= 60999) {
                return PortClass.EPHEMERAL;
            }
            return port >= 49152 ? PortClass.DYNAMIC : PortClass.REGISTERED;
        }
    };

    /** A small stand-in for the real filter words: {@code port:N}, {@code pid:N}, bare process substrings. */
    static final FilterParser PARSER = words -> {
        Predicate<SocketRow> p = r -> true;
        int i = 0;
        while (i < words.length()) {
            while (i < words.length() && words.charAt(i) == ' ') {
                i++;
            }
            int j = i;
            while (j < words.length() && words.charAt(j) != ' ') {
                j++;
            }
            if (j == i) {
                break;
            }
            String w = words.substring(i, j);
            i = j;
            Predicate<SocketRow> one;
            if (w.startsWith("port:")) {
                int port = number(w, 5);
                one = r -> r.entry().localPort() == port || r.entry().remotePort() == port;
            } else if (w.startsWith("pid:")) {
                int pid = number(w, 4);
                one = r -> r.holders().stream().anyMatch(h -> h.pid() == pid);
            } else if (w.indexOf(':') >= 0) {
                throw new QueryException("unknown filter word: " + w);
            } else {
                one = r -> r.holders().stream().anyMatch(h -> h.process().contains(w));
            }
            p = p.and(one);
        }
        return p;
    };

    private static int number(String w, int from) throws QueryException {
        try {
            int n = Integer.parseInt(w.substring(from));
            if (n < 0 || n > 65535) {
                throw new QueryException("port out of range: " + w.substring(from));
            }
            return n;
        } catch (NumberFormatException e) {
            throw new QueryException("not a number: " + w.substring(from));
        }
    }

    static LiveOptions options(SocketSource source, boolean color) {
        return builder(source).color(color).build();
    }

    /** The options of a live view over {@code source}: TCP and UDP, the tiny parser and names. */
    static LiveOptions.Builder builder(SocketSource source) {
        return LiveOptions.builder()
                .source(source)
                .tables(new TableSelection(
                        java.util.EnumSet.of(Proto.TCP, Proto.UDP), java.util.EnumSet.of(Family.IPV4, Family.IPV6)))
                .filterParser(PARSER)
                .services(SERVICES)
                .sort(dev.sockscope.query.SortKey.LOCAL, false)
                .interval(Duration.ofSeconds(1))
                .cut(dev.sockscope.view.Cut.UNICODE)
                .keys(List.of(new String[] {"q", "quit"}, new String[] {"s / S", "next sort column / reverse"}))
                .err(new PrintStream(PrintStream.nullOutputStream()));
    }

    /** A source that hands out the snapshots queued, then the last one again; a queued exception is thrown once. */
    static final class Feed implements SocketSource {
        private final java.util.Deque<Object> queue = new java.util.concurrent.ConcurrentLinkedDeque<>();
        private volatile Snapshot last;
        final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        volatile TableSelection lastTables;

        Feed add(Object o) {
            queue.add(o);
            return this;
        }

        @Override
        public Snapshot read(TableSelection which) throws dev.sockscope.source.SourceException {
            reads.incrementAndGet();
            lastTables = which;
            Object o = queue.poll();
            if (o instanceof dev.sockscope.source.SourceException e) {
                throw e;
            }
            if (o instanceof RuntimeException e) {
                throw e;
            }
            if (o != null) {
                last = (Snapshot) o;
            }
            if (last == null) {
                throw new dev.sockscope.source.SourceException("nothing queued");
            }
            return last;
        }

        @Override
        public String name() {
            return "feed";
        }
    }
}
