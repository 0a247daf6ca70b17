package dev.sockscope.export;

import static dev.sockscope.export.Rows.REGISTRY;
import static dev.sockscope.export.Rows.listen;
import static dev.sockscope.export.Rows.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineTest {
    private static Changes diff(List<SocketRow> before, List<SocketRow> after) {
        return Baseline.of(before, REGISTRY).compare(after, false);
    }

    @Test
    void aRestartedServiceWithANewPidIsNoChange() {
        Changes c = diff(List.of(listen("0.0.0.0", 80, 100, "nginx")), List.of(listen("0.0.0.0", 80, 2345, "nginx")));
        assertTrue(c.isEmpty(), c.toString());
    }

    @Test
    void aNewListenerIsAddedAndAGoneOneRemoved() {
        SocketRow ssh = listen("0.0.0.0", 22, 10, "sshd");
        SocketRow web = listen("0.0.0.0", 8080, 11, "java");
        SocketRow db = listen("127.0.0.1", 5432, 12, "postgres");
        Changes c = diff(List.of(ssh, db), List.of(ssh, web));
        assertEquals(List.of(web), c.added());
        assertEquals(List.of(db), c.removed());
        assertTrue(c.opened().isEmpty() && c.closed().isEmpty());
    }

    @Test
    void anotherProgramOnTheSamePortIsAChange() {
        Changes c = diff(List.of(listen("0.0.0.0", 80, 1, "nginx")), List.of(listen("0.0.0.0", 80, 1, "apache2")));
        assertEquals(1, c.added().size());
        assertEquals(1, c.removed().size());
    }

    @Test
    void aReconnectFromAnotherEphemeralPortIsTheSameConnection() {
        SocketRow before = tcp("10.0.0.5", 41000, "93.184.216.34", 443, State.ESTABLISHED, 1, 7, "curl");
        SocketRow after = tcp("10.0.0.5", 52000, "93.184.216.34", 443, State.ESTABLISHED, 2, 8, "curl");
        assertTrue(diff(List.of(before), List.of(after)).isEmpty());
    }

    @Test
    void theLocalPortCountsWhenItIsNotEphemeral() {
        // a server's accepted connection: local port 5432 is fixed, the client's port is not part of it
        SocketRow before = tcp("10.0.0.5", 5432, "10.0.0.9", 41000, State.ESTABLISHED, 1, 7, "postgres");
        SocketRow samePeerOtherPort = tcp("10.0.0.5", 5432, "10.0.0.9", 41001, State.ESTABLISHED, 2, 7, "postgres");
        SocketRow otherService = tcp("10.0.0.5", 6432, "10.0.0.9", 41000, State.ESTABLISHED, 3, 7, "postgres");
        Changes c = diff(List.of(before), List.of(samePeerOtherPort, otherService));
        assertEquals(
                List.of(samePeerOtherPort, otherService),
                c.opened(),
                "the remote port is part of the key, and so is a fixed local port");
        assertEquals(List.of(before), c.closed());
    }

    @Test
    void connectionsAreCountedNotJustPresent() {
        SocketRow a = tcp("10.0.0.5", 41000, "1.2.3.4", 443, State.ESTABLISHED, 1, 7, "firefox");
        SocketRow b = tcp("10.0.0.5", 41001, "1.2.3.4", 443, State.ESTABLISHED, 2, 7, "firefox");
        SocketRow c3 = tcp("10.0.0.5", 41002, "1.2.3.4", 443, State.ESTABLISHED, 3, 7, "firefox");
        Changes c = diff(List.of(a, b), List.of(a, b, c3));
        assertEquals(List.of(c3), c.opened());
        Changes back = diff(List.of(a, b, c3), List.of(a));
        assertEquals(List.of(b, c3), back.closed(), "in the baseline's order");
    }

    @Test
    void timeWaitIsNeitherSide() {
        SocketRow open = tcp("10.0.0.5", 41000, "1.2.3.4", 443, State.ESTABLISHED, 1, 7, "curl");
        SocketRow tw = tcp("10.0.0.5", 41000, "1.2.3.4", 443, State.TIME_WAIT, 0, null, null);
        Changes c = diff(List.of(open), List.of(tw));
        assertEquals(List.of(open), c.closed());
        assertTrue(c.opened().isEmpty(), "a TIME_WAIT entry is a closed connection, not a new one");
    }

    @Test
    void listenersOnlyIgnoresConnections() {
        SocketRow l = listen("0.0.0.0", 22, 10, "sshd");
        SocketRow conn = tcp("10.0.0.5", 22, "10.0.0.9", 50000, State.ESTABLISHED, 5, 10, "sshd");
        Changes c = Baseline.of(List.of(l), REGISTRY).compare(List.of(l, conn), true);
        assertTrue(c.isEmpty(), c.toString());
        Changes all = Baseline.of(List.of(l), REGISTRY).compare(List.of(l, conn), false);
        assertEquals(List.of(conn), all.opened());
    }

    @Test
    void summaryCountsEachKind() {
        SocketRow web = listen("0.0.0.0", 8080, 11, "java");
        SocketRow conn = tcp("10.0.0.5", 41000, "1.2.3.4", 443, State.ESTABLISHED, 1, 7, "curl");
        assertEquals(
                "1 listener added, 0 removed; 1 connection opened, 0 closed since base.json",
                ChangeWriter.summary(diff(List.of(), List.of(web, conn)), "base.json"));
        assertEquals("no change since base.json", ChangeWriter.summary(diff(List.of(web), List.of(web)), "base.json"));
    }
}
