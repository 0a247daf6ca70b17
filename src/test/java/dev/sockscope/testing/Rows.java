package dev.sockscope.testing;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.service.PortClass;
import dev.sockscope.service.ServiceRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Hand-made rows and a tiny port registry for tests of the query and the views. */
public final class Rows {
    private Rows() {}

    public static SocketRow tcp4(
            String local, int lport, String remote, int rport, State state, long inode, Holder... holders) {
        return new SocketRow(
                new SocketEntry(
                        Proto.TCP,
                        Family.IPV4,
                        Address.parse(local),
                        lport,
                        Address.parse(remote),
                        rport,
                        state,
                        inode,
                        1000,
                        0,
                        0),
                List.of(holders),
                "alice");
    }

    public static SocketRow tcp6(
            String local, int lport, String remote, int rport, State state, long inode, Holder... holders) {
        return new SocketRow(
                new SocketEntry(
                        Proto.TCP,
                        Family.IPV6,
                        Address.parse(local),
                        lport,
                        Address.parse(remote),
                        rport,
                        state,
                        inode,
                        0,
                        0,
                        0),
                List.of(holders),
                "root");
    }

    public static SocketRow udp4(
            String local, int lport, String remote, int rport, State state, long inode, Holder... holders) {
        return new SocketRow(
                new SocketEntry(
                        Proto.UDP,
                        Family.IPV4,
                        Address.parse(local),
                        lport,
                        Address.parse(remote),
                        rport,
                        state,
                        inode,
                        1000,
                        0,
                        0),
                List.of(holders),
                "alice");
    }

    public static SocketRow unix(String path, State state, long inode, Holder... holders) {
        return new SocketRow(
                new SocketEntry(
                        Proto.UNIX,
                        Family.UNIX,
                        Address.path(path),
                        SocketEntry.NO_PORT,
                        Address.NO_PATH,
                        SocketEntry.NO_PORT,
                        state,
                        inode,
                        SocketEntry.UNKNOWN,
                        SocketEntry.UNKNOWN,
                        SocketEntry.UNKNOWN),
                List.of(holders),
                null);
    }

    public static Holder holder(int pid, String name, String command) {
        return new Holder(pid, name, command, 1000, "alice");
    }

    /** A registry knowing a handful of ports, with the ephemeral range 32768-60999. */
    public static final ServiceRegistry SERVICES = new ServiceRegistry() {
        private final Map<Integer, String> names =
                Map.of(22, "ssh", 80, "http", 443, "https", 5601, "kibana", 8080, "http-alt");

        @Override
        public String name(Proto proto, int port) {
            return proto.isInet() && proto != Proto.RAW ? names.get(port) : null;
        }

        @Override
        public String ianaName(Proto proto, int port) {
            return port == 5601 ? "esmagent" : name(proto, port);
        }

        @Override
        public int[] ports(String serviceName) {
            String n = serviceName.toLowerCase(Locale.ROOT);
            return names.entrySet().stream()
                    .filter(e -> e.getValue().equals(n) || n.equals("esmagent") && e.getKey() == 5601)
                    .mapToInt(Map.Entry::getKey)
                    .sorted()
                    .toArray();
        }

        @Override
        public PortClass classify(int port) {
            if (port >= 32768 && port <= 60999) {
                return PortClass.EPHEMERAL;
            }
            return port < 1024 ? PortClass.WELL_KNOWN : port < 49152 ? PortClass.REGISTERED : PortClass.DYNAMIC;
        }
    };
}
