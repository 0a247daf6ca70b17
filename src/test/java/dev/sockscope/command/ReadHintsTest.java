package dev.sockscope.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.cli.CommandLineParser;
import dev.sockscope.cli.Config;
import dev.sockscope.cli.ExitCode;
import dev.sockscope.cli.ModeOptions;
import dev.sockscope.model.Holder;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.owner.UserNames;
import dev.sockscope.service.BundledServiceRegistry;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SocketSources;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code --pids} and {@code --wait-listen} read without cgroup paths (nothing they show or test
 * uses them, and a wait reads the tables again and again), and still find a real loopback
 * listener and this JVM as its holder. The selections are taken from the real netlink source's
 * calls.
 */
@Tag("live")
class ReadHintsTest {
    private static final UserNames USERS = new UserNames(Path.of("/etc/passwd"));

    /** The real source, with each selection it is asked for kept. */
    private static final class Recording implements SocketSource {
        final SocketSource real;
        final List<TableSelection> asked = new ArrayList<>();

        Recording(SocketSource real) {
            this.real = real;
        }

        @Override
        public Snapshot read(TableSelection which) throws SourceException {
            asked.add(which);
            return real.read(which);
        }

        @Override
        public Snapshot readTables(TableSelection which) throws SourceException {
            asked.add(which);
            return real.readTables(which);
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public void close() {
            real.close();
        }
    }

    @Test
    void pidsReadsNoCgroupsAndFindsTheHolder() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
                Recording source = new Recording(SocketSources.open("netlink", Path.of("/proc"), USERS))) {
            Config config = CommandLineParser.parse(
                    new String[] {"--pids", "--port", Integer.toString(server.getLocalPort())},
                    BundledServiceRegistry::withoutEphemeralRange);
            Context ctx = new Context(
                    new Environment(false, false, 0, Map.of()),
                    new ByteArrayOutputStream(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    Path.of("/etc/passwd"));
            List<SocketRow> rows = PidsCommand.select(ctx, config, source);
            assertEquals(1, rows.size(), rows.toString());
            assertEquals(
                    List.of((int) ProcessHandle.current().pid()),
                    rows.get(0).holders().stream().map(Holder::pid).toList());
            assertFalse(source.asked.isEmpty());
            for (TableSelection t : source.asked) {
                assertFalse(t.cgroups(), t.toString());
                assertFalse(t.tcpInfo(), t.toString());
            }
        }
    }

    @Test
    void waitListenReadsNoCgroupsAndSeesTheListener() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
                Recording source = new Recording(SocketSources.open("netlink", Path.of("/proc"), USERS))) {
            ModeOptions.ModeConfig config = ModeOptions.parse(
                    new String[] {"--wait-listen", "127.0.0.1:" + server.getLocalPort(), "--timeout", "5", "--verbose"},
                    BundledServiceRegistry::withoutEphemeralRange);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = new WaitCommand(source, Path.of("/proc"), new PrintStream(err, true, StandardCharsets.UTF_8))
                    .run(config);
            assertEquals(ExitCode.OK, status, err.toString(StandardCharsets.UTF_8));
            assertTrue(source.asked.size() >= 2, "two reads in a row see it: " + source.asked.size());
            for (TableSelection t : source.asked) {
                assertFalse(t.cgroups(), t.toString());
            }
        }
    }
}
