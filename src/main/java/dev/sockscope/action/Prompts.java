package dev.sockscope.action;

import dev.sockscope.model.SocketEntry;
import dev.sockscope.view.Sanitizer;
import java.util.List;

/**
 * The questions asked before acting, and the lines that report what happened: one wording for
 * {@code --kill} and the live view's {@code k}, {@code K} and {@code e}. Every system string in
 * them is sanitized; they are meant for a terminal.
 */
public final class Prompts {
    private Prompts() {}

    /** {@code 1234  alice  python3 server.py --port 8080}: one plan line. */
    public static String describe(Target t) {
        return t.pid() + "  " + (t.user() == null ? "?" : Sanitizer.clean(t.user())) + "  "
                + Sanitizer.clean(t.command().isEmpty() ? "[" + t.process() + "]" : t.command());
    }

    /** The live view's {@code k}: {@code Send SIGTERM to 1234 (alice): python3 server.py? [y/N]}. */
    public static String terminate(Target t) {
        return "Send SIGTERM to " + t.pid() + " (" + (t.user() == null ? "?" : Sanitizer.clean(t.user())) + "): "
                + Sanitizer.clean(t.command().isEmpty() ? "[" + t.process() + "]" : t.command()) + "? [y/N] ";
    }

    /** The second confirmation after SIGTERM: offers SIGKILL. */
    public static String forceKill(Target t) {
        return t.pid() + " (" + Sanitizer.clean(t.process()) + ") is still running. Send SIGKILL? [y/N] ";
    }

    /** {@code --kill}: the question after the plan. */
    public static String terminateAll(List<Target> targets) {
        return "Send SIGTERM to " + (targets.size() == 1 ? "this process" : "these " + targets.size() + " processes")
                + "? [y/N] ";
    }

    /** The live view's {@code K}. */
    public static String close(SocketEntry e) {
        return "Close " + e.localAddress().text() + ":" + e.localPort() + " <-> "
                + e.remoteAddress().text() + ":"
                + e.remotePort()
                + " (SOCK_DESTROY; both ends see a reset)? [y/N] ";
    }

    /** The live view's {@code e}: asks for the file name. */
    public static String exportFile(int rows) {
        return "Export " + rows + (rows == 1 ? " row" : " rows") + " to file (.json or .csv): ";
    }

    /** When the file named for {@code e} exists. */
    public static String overwrite(String file) {
        return Sanitizer.clean(file) + " exists. Overwrite? [y/N] ";
    }

    /** One line on what a signal did. */
    public static String outcome(Outcome o) {
        String who = o.target().pid() + " (" + Sanitizer.clean(o.target().process()) + ")";
        return o.sent() ? o.signal().label() + " sent to " + who : who + ": not signalled: " + o.reason();
    }

    /** Whether a typed answer is yes: {@code y} or {@code yes}, any case, surrounding blanks ignored. */
    public static boolean isYes(String answer) {
        if (answer == null) {
            return false;
        }
        String a = answer.strip();
        return a.equalsIgnoreCase("y") || a.equalsIgnoreCase("yes");
    }
}
