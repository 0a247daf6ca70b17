package dev.sockscope.explain;

import dev.sockscope.model.Proto;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.util.Locale;

/**
 * A real bind attempt: opens a TCP or UDP socket of the address's family, sets
 * {@code SO_REUSEADDR} as asked, binds it to the address and port, and closes it at once. A
 * TCP socket is bound without {@code listen}, so it never accepts a connection. An IPv6
 * wildcard socket is opened as the JDK opens it, with {@code IPV6_V6ONLY} off (it also
 * takes IPv4, as most servers' do). Works on every platform the JDK runs on.
 */
public class BindProbe {
    /** What a bind attempt did. */
    public enum Outcome {
        /** Bound (and closed). */
        BOUND,
        /** {@code EADDRINUSE}. */
        IN_USE,
        /** {@code EACCES}: a privileged port and no privilege. */
        DENIED,
        /** The address does not exist here or the family is not supported (no IPv6). */
        UNAVAILABLE,
        /** Another error. */
        FAILED
    }

    /**
     * @param outcome what happened
     * @param message the system's words for a failure, null when bound
     */
    public record Attempt(Outcome outcome, String message) {
        public boolean bound() {
            return outcome == Outcome.BOUND;
        }
    }

    /** Binds {@code proto} ({@code TCP}, or UDP-like) to {@code address}:{@code port}, then closes. */
    public Attempt attempt(Proto proto, InetAddress address, int port, boolean reuseAddress) {
        ProtocolFamily family =
                address instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        NetworkChannel ch = null;
        try {
            ch = proto == Proto.TCP ? SocketChannel.open(family) : DatagramChannel.open(family);
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, reuseAddress);
            ch.bind(new InetSocketAddress(address, port));
            return new Attempt(Outcome.BOUND, null);
        } catch (BindException e) {
            return new Attempt(classify(e.getMessage()), e.getMessage());
        } catch (UnsupportedOperationException e) {
            return new Attempt(Outcome.UNAVAILABLE, "address family not supported");
        } catch (SocketException e) {
            return new Attempt(classify(e.getMessage()), e.getMessage());
        } catch (IOException e) {
            return new Attempt(Outcome.FAILED, e.getMessage());
        } finally {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException e) {
                    // closing a socket that was only bound: nothing to report
                }
            }
        }
    }

    private static Outcome classify(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("in use")) {
            return Outcome.IN_USE;
        }
        if (m.contains("permission denied") || m.contains("access")) {
            return Outcome.DENIED;
        }
        if (m.contains("cannot assign") || m.contains("not available") || m.contains("not supported")) {
            return Outcome.UNAVAILABLE;
        }
        return Outcome.FAILED;
    }
}
