package dev.sockscope;

import dev.sockscope.netlink.NativeLibrary;

/**
 * Sockets a training run holds while its snapshots run: over IPv4 and IPv6 loopback, a TCP
 * listener with one connection to it (both ends, the client's on an ephemeral port) and two UDP
 * sockets connected to each other. An idle host may have none of these, and the classes and call
 * sites only their rows reach (the service of an ephemeral port, UDP names, remote endpoints)
 * would be loaded from the jar by every snapshot of a host that has them: at 10,000 sockets the
 * first class from the jar cost 8 ms of a 160 ms run.
 *
 * <p>Made by sockscope's JNI library, not {@code java.net}: the JDK's socket classes would go
 * into the archive, which JDK 25 loads whole at every start. Without the library there are none.
 * The TCP ends close with a reset, so no {@code TIME_WAIT} row outlives the training.
 */
final class TrainingSockets implements AutoCloseable {
    private final int[] fds;

    private TrainingSockets(int[] fds) {
        this.fds = fds;
    }

    /** The sockets, or none where the library cannot be loaded or the loopback has no room. */
    static TrainingSockets open() {
        int[] fds = null;
        if (NativeLibrary.load()) {
            try {
                fds = open0();
            } catch (UnsatisfiedLinkError e) {
                // a library of another build: no sockets
            }
        }
        return new TrainingSockets(fds == null ? new int[0] : fds);
    }

    /** How many sockets are open (up to ten). */
    int count() {
        return fds.length;
    }

    @Override
    public void close() {
        if (fds.length > 0) {
            close0(fds);
        }
    }

    private static native int[] open0();

    private static native void close0(int[] fds);
}
