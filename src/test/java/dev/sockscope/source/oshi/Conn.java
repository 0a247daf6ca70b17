package dev.sockscope.source.oshi;

import java.lang.reflect.Proxy;
import java.util.Map;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.InternetProtocolStats.TcpState;
import oshi.software.os.OSProcess;

/** Hand-made OSHI values for tests: connections through OSHI's public constructor, processes as proxies. */
final class Conn {
    static final byte[] NONE = new byte[0];

    private Conn() {}

    static byte[] v4(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    static byte[] v6(int... groups) {
        byte[] a = new byte[16];
        for (int i = 0; i < 8; i++) {
            a[2 * i] = (byte) (groups[i] >> 8);
            a[2 * i + 1] = (byte) groups[i];
        }
        return a;
    }

    /** OSHI's constructor: type, local, port, foreign, port, state, transmit queue, receive queue, pid. */
    static IPConnection of(
            String type, byte[] local, int lport, byte[] remote, int rport, TcpState state, int txq, int rxq, int pid) {
        return new IPConnection(type, local, lport, remote, rport, state, txq, rxq, pid);
    }

    static IPConnection tcp4(byte[] local, int lport, byte[] remote, int rport, TcpState state, int pid) {
        return of("tcp4", local, lport, remote, rport, state, 0, 0, pid);
    }

    /** An {@link OSProcess} answering only name, command line, user and uid (anything else fails the test). */
    static OSProcess process(int pid, String name, String command, String user, String uid) {
        Map<String, Object> answers = Map.of(
                "getProcessID", pid, "getName", name, "getCommandLine", command, "getUser", user, "getUserID", uid);
        return (OSProcess) Proxy.newProxyInstance(
                OSProcess.class.getClassLoader(), new Class<?>[] {OSProcess.class}, (proxy, method, args) -> {
                    Object v = answers.get(method.getName());
                    if (v == null) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return v;
                });
    }
}
