package dev.sockscope.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Address;
import dev.sockscope.model.Family;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.service.BundledServiceRegistry;
import dev.sockscope.testing.JsonRows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The actions' API as the live view will call it: export, terminate, prompts. */
class ActionsTest {
    static final Holder HOSTILE = new Holder(4242, "ev\u001b[2Jil", "/bin/ev\u001b]0;x\u0007il --flag", 1000, "alice");

    static List<SocketRow> rows() {
        return List.of(
                new SocketRow(
                        new SocketEntry(
                                Proto.TCP,
                                Family.IPV4,
                                Address.parse("127.0.0.1"),
                                8080,
                                Address.parse("0.0.0.0"),
                                0,
                                State.LISTEN,
                                11,
                                1000,
                                0,
                                0),
                        List.of(HOSTILE),
                        "alice"),
                new SocketRow(
                        new SocketEntry(
                                Proto.UDP,
                                Family.IPV6,
                                Address.parse("::1"),
                                53,
                                Address.parse("::"),
                                0,
                                State.UNCONN,
                                12,
                                0,
                                0,
                                0),
                        List.of(),
                        "root"));
    }

    @Test
    void exportJsonParsesBackToTheRows(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("rows.json");
        assertEquals(Export.Format.JSON, Export.formatOf(f));
        assertEquals(
                2,
                Export.write(
                        rows(), f, Export.Format.JSON, BundledServiceRegistry.withoutEphemeralRange(), true, false));
        List<Map<String, Object>> back = JsonRows.parse(Files.readString(f));
        assertEquals(2, back.size());
        assertEquals(8080L, back.get(0).get("localPort"));
        assertEquals(HOSTILE.process(), back.get(0).get("process"), "exact, not sanitized");
        assertEquals("::1", back.get(1).get("localAddress"));
        assertEquals(null, back.get(1).get("pid"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void exportCsvHasTheListHeaderAndOneLineARow(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Rows.CSV");
        assertEquals(Export.Format.CSV, Export.formatOf(f));
        Export.write(rows(), f, Export.Format.CSV, BundledServiceRegistry.withoutEphemeralRange(), true, false);
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("proto,family,localAddress,localPort,"), lines.get(0));
        assertTrue(lines.get(1).startsWith("tcp,ipv4,127.0.0.1,8080,"), lines.get(1));
    }

    @Test
    void exportRefusesToOverwriteUnlessAskedAndNamesUnwritablePlaces(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.json");
        Files.writeString(f, "keep");
        ExportException e = assertThrows(
                ExportException.class,
                () -> Export.write(
                        rows(), f, Export.Format.JSON, BundledServiceRegistry.withoutEphemeralRange(), true, false));
        assertEquals(f + " exists", e.getMessage());
        assertEquals("keep", Files.readString(f));
        Export.write(rows(), f, Export.Format.JSON, BundledServiceRegistry.withoutEphemeralRange(), true, true);
        assertEquals(2, JsonRows.parse(Files.readString(f)).size());
        ExportException missing = assertThrows(
                ExportException.class,
                () -> Export.write(
                        rows(),
                        dir.resolve("no/such/dir/x.csv"),
                        Export.Format.CSV,
                        BundledServiceRegistry.withoutEphemeralRange(),
                        true,
                        false));
        assertTrue(missing.getMessage().startsWith("cannot write "), missing.getMessage());
        assertFalse(missing.getMessage().contains("\n"));
        assertNull(Export.formatOf(dir.resolve("rows.txt")));
    }

    @Test
    void promptsSanitizeWhatTheProcessControls() {
        Target t = new Target(4242, HOSTILE.process(), "alice", 1000, HOSTILE.command(), null);
        assertEquals("Send SIGTERM to 4242 (alice): /bin/ev\\e]0;x\\x07il --flag? [y/N] ", Prompts.terminate(t));
        assertEquals("4242 (ev\\e[2Jil) is still running. Send SIGKILL? [y/N] ", Prompts.forceKill(t));
        assertEquals("4242  alice  /bin/ev\\e]0;x\\x07il --flag", Prompts.describe(t));
        assertEquals("Export 1 row to file (.json or .csv): ", Prompts.exportFile(1));
        assertTrue(Prompts.isYes(" Y "));
        assertTrue(Prompts.isYes("yes"));
        assertFalse(Prompts.isYes("yess"));
        assertFalse(Prompts.isYes(null));
    }

    @Test
    void terminatingAProcessThatExitedSaysEsrchAndItselfIsNeverATarget() throws Exception {
        Process p = new ProcessBuilder("sleep", "30").start();
        Target t = Terminator.target(new Holder((int) p.pid(), "sleep", "sleep 30", 0, "root"));
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        Outcome gone = Terminator.terminate(t, Signal.TERM);
        assertFalse(gone.sent());
        assertTrue(gone.reason().startsWith("no such process (ESRCH)"), gone.reason());

        Target self = Terminator.target(new Holder((int) ProcessHandle.current().pid(), "java", "java", 0, "root"));
        assertTrue(Terminator.isSelf(self));
        assertFalse(Terminator.terminate(self, Signal.KILL).sent());
    }

    @Test
    void sigtermEndsALiveProcessAndSigkillOneThatIgnoresIt() throws Exception {
        Process p = new ProcessBuilder("sleep", "30").start();
        Outcome o =
                Terminator.terminate(Terminator.target(new Holder((int) p.pid(), "sleep", "", 0, "root")), Signal.TERM);
        assertTrue(o.sent(), String.valueOf(o.reason()));
        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
        assertEquals("SIGTERM sent to " + p.pid() + " (sleep)", Prompts.outcome(o));

        Process stubborn =
                new ProcessBuilder("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.1; done").start();
        stubborn.getInputStream().read(); // the trap is set
        Target t = Terminator.target(new Holder((int) stubborn.pid(), "sh", "sh", 0, "root"));
        assertTrue(Terminator.terminate(t, Signal.TERM).sent());
        assertFalse(stubborn.waitFor(500, TimeUnit.MILLISECONDS), "SIGTERM ignored");
        assertTrue(Terminator.terminate(t, Signal.KILL).sent());
        assertTrue(stubborn.waitFor(5, TimeUnit.SECONDS));
    }

    @Test
    void closingNeedsATcpConnection() {
        SocketEntry udp = rows().get(1).entry();
        assertTrue(ConnectionCloser.unsuitable(udp).startsWith("only TCP connections"));
        assertTrue(ConnectionCloser.unsuitable(rows().get(0).entry()).startsWith("this is a listener"));
        CloseResult r = ConnectionCloser.unavailable("SOCK_DESTROY needs the netlink backend")
                .close(udp);
        assertFalse(r.closed());
        assertEquals("SOCK_DESTROY needs the netlink backend", r.reason());
    }
}
