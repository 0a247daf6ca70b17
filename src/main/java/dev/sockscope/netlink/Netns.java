package dev.sockscope.netlink;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work inside another network namespace. {@code setns(2)} moves only the calling thread,
 * so {@link #call} makes a new thread, moves it with {@code setns(fd, CLONE_NEWNET)}, runs the
 * work there and lets the thread end: no other thread of the process, and no pooled thread,
 * ever runs in the other namespace. A netlink socket opened inside the call stays in that
 * namespace after it (the kernel binds a socket to its namespace at creation), so the usual
 * use is {@code NetlinkSocket.openIn(ns, protocol)} and then reading from any thread.
 *
 * <p>Needs {@code CAP_SYS_ADMIN} over the target namespace's user namespace (root): without
 * it the call fails with {@code EPERM}, named in the exception's message.
 */
public final class Netns {
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;

    private Netns() {}

    /** Work to run inside a namespace. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws NetlinkException;
    }

    /**
     * Runs {@code work} on a new thread that has joined the network namespace named by
     * {@code netnsFile} ({@code /run/netns/NAME} or {@code /proc/PID/ns/net}), waits for it and
     * returns its result.
     *
     * @throws NetlinkException when the namespace file cannot be opened or joined (its message
     *                          names which: {@code open /run/netns/x: ENOENT}, {@code setns:
     *                          EPERM}), or what {@code work} threw
     */
    public static <T> T call(Path netnsFile, Work<T> work) throws NetlinkException {
        Syscalls sys = Natives.get();
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread t = new Thread(
                () -> {
                    try {
                        int fd = sys.open(netnsFile.toString(), O_RDONLY | O_CLOEXEC);
                        try {
                            sys.setns(fd, CLONE_NEWNET);
                        } finally {
                            sys.close(fd);
                        }
                        result.set(work.run());
                    } catch (NetlinkException | RuntimeException | Error e) {
                        failed.set(e);
                    }
                },
                "sockscope-netns");
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the work is short (one socket() call): finish it
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failed.get();
        if (f instanceof NetlinkException ne) {
            throw ne;
        }
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
        return result.get();
    }
}
