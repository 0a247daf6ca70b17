package dev.sockscope.action;

import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Terminates the processes holding sockets, through {@link ProcessHandle} ({@code destroy()} is
 * {@code kill(pid, SIGTERM)}, {@code destroyForcibly()} is SIGKILL).
 *
 * <p>{@code ProcessHandle} answers only whether the signal went out. kill(2) fails with EINVAL
 * (a bad signal: not these two), ESRCH (no such process) or EPERM (not permitted); so when the
 * handle says no, a process that is still alive means the kernel refused with EPERM, and one that
 * is gone means ESRCH. {@link #terminate} reports that reason, with the owner when it differs
 * from the user sockscope runs as.
 */
public final class Terminator {
    private Terminator() {}

    /** Every process holding any of the rows, once, by pid. */
    public static List<Target> targets(List<SocketRow> rows) {
        TreeMap<Integer, Holder> holders = new TreeMap<>();
        for (SocketRow r : rows) {
            for (Holder h : r.holders()) {
                holders.putIfAbsent(h.pid(), h);
            }
        }
        List<Target> out = new ArrayList<>(holders.size());
        for (Holder h : holders.values()) {
            out.add(target(h));
        }
        return out;
    }

    /** The process as it is now; its handle is null when it has exited since the reading. */
    public static Target target(Holder h) {
        Optional<ProcessHandle> p = ProcessHandle.of(h.pid());
        return new Target(h.pid(), h.process(), h.user(), h.uid(), h.command(), p.orElse(null));
    }

    /** Whether this target is the process that runs sockscope. */
    public static boolean isSelf(Target t) {
        return t.pid() == ProcessHandle.current().pid();
    }

    /** Sends the signal; never throws for a refusal or a process that is gone. */
    public static Outcome terminate(Target t, Signal signal) {
        if (isSelf(t)) {
            return new Outcome(t, signal, false, "this is sockscope's own process");
        }
        ProcessHandle h = t.handle();
        if (h == null) {
            return new Outcome(t, signal, false, "no such process (ESRCH): it exited before the signal");
        }
        boolean sent = signal == Signal.TERM ? h.destroy() : h.destroyForcibly();
        if (sent) {
            return new Outcome(t, signal, true, null);
        }
        if (!h.isAlive()) {
            return new Outcome(t, signal, false, "no such process (ESRCH): it exited before the signal");
        }
        String me = System.getProperty("user.name");
        String owner = t.user() != null && !t.user().equals(me)
                ? ": it belongs to " + t.user() + " and sockscope runs as " + me
                : "";
        return new Outcome(t, signal, false, "the kernel refused: operation not permitted (EPERM)" + owner);
    }
}
