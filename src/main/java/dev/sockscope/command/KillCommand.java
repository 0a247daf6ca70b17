package dev.sockscope.command;

import dev.sockscope.action.Outcome;
import dev.sockscope.action.Prompts;
import dev.sockscope.action.Signal;
import dev.sockscope.action.Target;
import dev.sockscope.action.Terminator;
import dev.sockscope.cli.Config;
import dev.sockscope.cli.ExitCode;
import dev.sockscope.model.SocketRow;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SourceException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --kill}: prints the processes holding the selected sockets (pid, user, command line,
 * sanitized), asks on the terminal unless {@code --yes}, then sends each SIGTERM and reports what
 * the kernel said. Without a terminal and without {@code --yes} it refuses (exit 2). Exit 0 when
 * every signal went out, 1 when any was refused, nothing matched, or the answer was no.
 */
public final class KillCommand {
    /** How long to watch the signalled processes exit before reporting which still run. */
    static final long WAIT_MS = 2000;

    private final Context ctx;
    private final InputStream in;

    /** @param in where the answer is read when stdin is a terminal */
    public KillCommand(Context ctx, InputStream in) {
        this.ctx = ctx;
        this.in = in;
    }

    /** Refuses before reading anything when it could not ask (no terminal, no {@code --yes}). */
    public int run(Config config, SocketSource source, boolean confirmed) throws SourceException {
        PrintStream err = ctx.err();
        if (!confirmed && !ctx.environment().stdinTty()) {
            err.println("sockscope: --kill asks on a terminal first; without one, add --yes");
            return ExitCode.USAGE;
        }
        PrintStream out = new PrintStream(ctx.stdout(), true, StandardCharsets.UTF_8);
        List<SocketRow> rows = PidsCommand.select(ctx, config, source);
        List<Target> targets = new ArrayList<>();
        for (Target t : Terminator.targets(rows)) {
            if (!Terminator.isSelf(t)) { // sockscope's own sockets are never a target
                targets.add(t);
            }
        }
        if (targets.isEmpty()) {
            err.println("sockscope: no process holds the selected sockets; nothing to send");
            return ExitCode.NO_MATCH;
        }
        out.println("SIGTERM to " + (targets.size() == 1 ? "1 process" : targets.size() + " processes") + ":");
        out.println("  PID  USER  COMMAND");
        for (Target t : targets) {
            out.println("  " + Prompts.describe(t));
        }
        if (!confirmed) {
            err.print(Prompts.terminateAll(targets));
            err.flush();
            String answer;
            try {
                answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                answer = null; // no answer is not a yes
            }
            if (!Prompts.isYes(answer)) {
                err.println("sockscope: not confirmed; no signal sent");
                return ExitCode.NO_MATCH;
            }
        }
        boolean failed = false;
        List<Outcome> sent = new ArrayList<>();
        for (Target t : targets) {
            Outcome o = Terminator.terminate(t, Signal.TERM);
            if (o.sent()) {
                out.println(Prompts.outcome(o));
                sent.add(o);
            } else {
                err.println("sockscope: " + Prompts.outcome(o));
                failed = true;
            }
        }
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        for (Outcome o : sent) {
            ProcessHandle h = o.target().handle();
            while (h.isAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            out.println(o.target().pid()
                    + (h.isAlive() ? " still running " + WAIT_MS / 1000 + " s after SIGTERM" : " exited"));
        }
        return failed ? ExitCode.NO_MATCH : ExitCode.OK;
    }
}
