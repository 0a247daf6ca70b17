package dev.sockscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.cli.CommandLineParser;
import dev.sockscope.cli.Config;
import dev.sockscope.command.Context;
import dev.sockscope.command.Environment;
import dev.sockscope.command.KillCommand;
import dev.sockscope.owner.UserNames;
import dev.sockscope.service.BundledServiceRegistry;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SocketSources;
import dev.sockscope.testing.Run;
import dev.sockscope.testing.Situation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code --pids} and {@code --kill} on processes this test starts, holding loopback sockets. */
@Tag("live")
class PidsKillTest {

    @Test
    void pidsPrintsEachHolderOnceSortedAndNothingElse() throws Exception {
        try (Situation a = Situation.start("close-wait", "--count", "3");
                Situation b = Situation.start("listen")) {
            Run r = Run.of("--pids", ":" + a.port() + "," + b.port());
            assertEquals(0, r.status, r.toString());
            int lo = Math.min(a.pid(), b.pid());
            int hi = Math.max(a.pid(), b.pid());
            assertEquals(lo + "\n" + hi + "\n", r.out, "a's 3 CLOSE_WAIT and its listener: one line for a");
            assertEquals("", r.err);
        }
    }

    @Test
    void pidsOfNothingPrintsNothingAndExitsOne() throws Exception {
        int free;
        try (Situation s = Situation.start("listen")) {
            free = s.port();
        }
        Run r = Run.of("--pids", "--port", Integer.toString(free));
        assertEquals(1, r.status, r.toString());
        assertEquals("", r.out);
    }

    @Test
    void killWithYesTerminatesTheHolderAndSaysWhatItDid() throws Exception {
        try (Situation s = Situation.start("listen", "--name", "victim")) {
            Run r = Run.of("--kill", "--yes", "--port", Integer.toString(s.port()));
            assertEquals(0, r.status, r.toString());
            assertTrue(s.process().waitFor(5, TimeUnit.SECONDS), "the holder ended");
            assertTrue(
                    r.out.startsWith("SIGTERM to 1 process:\n  PID  USER  COMMAND\n  " + s.pid() + "  root  "), r.out);
            assertTrue(r.out.contains("situations.py listen --name victim\n"), r.out);
            assertTrue(r.out.contains("SIGTERM sent to " + s.pid() + " (victim)\n"), r.out);
            assertTrue(r.out.contains(s.pid() + " exited\n"), r.out);
        }
    }

    @Test
    void killWithoutATerminalAndWithoutYesRefusesAndSendsNothing() throws Exception {
        try (Situation s = Situation.start("listen")) {
            Run r = Run.of("--kill", "--port", Integer.toString(s.port()));
            assertEquals(2, r.status, r.toString());
            assertEquals("sockscope: --kill asks on a terminal first; without one, add --yes\n", r.err);
            assertEquals("", r.out);
            assertTrue(s.isAlive());
        }
    }

    @Test
    void onATerminalItAsksAndOnlyYesSends() throws Exception {
        try (Situation s = Situation.start("listen", "--name", "asked")) {
            Kill no = kill("n\n", "--kill", "--port", Integer.toString(s.port()));
            assertEquals(1, no.status, no.err);
            assertTrue(no.err.contains("Send SIGTERM to this process? [y/N] "), no.err);
            assertTrue(no.err.endsWith("sockscope: not confirmed; no signal sent\n"), no.err);
            assertTrue(no.out.contains(s.pid() + "  root  "), "the plan came before the question: " + no.out);
            assertFalse(s.process().waitFor(300, TimeUnit.MILLISECONDS), "still running after no");

            Kill eof = kill("", "--kill", "--port", Integer.toString(s.port()));
            assertEquals(1, eof.status, "end of input is not a yes");
            assertTrue(s.isAlive());

            Kill yes = kill("yes\n", "--kill", "--port", Integer.toString(s.port()));
            assertEquals(0, yes.status, yes.err);
            assertTrue(s.process().waitFor(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void killOfNothingSaysSoAndExitsOne() {
        Run r = Run.of("--kill", "--yes", "--port", "1", "--state", "syn_sent");
        assertEquals(1, r.status, r.toString());
        assertTrue(r.err.startsWith("sockscope: no process holds the selected sockets; nothing to send\n"), r.err);
    }

    record Kill(int status, String out, String err) {}

    /** {@code --kill} with stdin a terminal that types {@code typed}. */
    static Kill kill(String typed, String... args) throws Exception {
        Config config = CommandLineParser.parse(args, () -> BundledServiceRegistry.withoutEphemeralRange());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context ctx = new Context(
                new Environment(true, true, 80, Map.of()),
                out,
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Path.of("/etc/passwd"));
        int status;
        try (SocketSource source =
                SocketSources.open("proc", Path.of("/proc"), new UserNames(Path.of("/etc/passwd")))) {
            status = new KillCommand(ctx, new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)))
                    .run(config, source, config.mode() == Config.Mode.KILL_CONFIRMED);
        }
        return new Kill(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
