package dev.sockscope.export;

import static dev.sockscope.export.Rows.listen;
import static dev.sockscope.export.Rows.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.export.EventTracker.Event;
import dev.sockscope.export.EventTracker.Kind;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTrackerTest {
    private final EventTracker tracker = new EventTracker(r -> true);

    @Test
    void theFirstReadingOnlySetsTheStart() {
        assertEquals(List.of(), tracker.accept(List.of(listen("0.0.0.0", 22, 1, "sshd"))));
    }

    @Test
    void opensClosesAndStateChangesInOrder() {
        SocketRow l = listen("127.0.0.1", 8080, 5, "java");
        SocketRow syn = tcp("127.0.0.1", 40000, "127.0.0.1", 9, State.SYN_SENT, 77, 6, "curl");
        SocketRow old = tcp("127.0.0.1", 40001, "127.0.0.1", 9, State.ESTABLISHED, 78, 6, "curl");
        tracker.accept(List.of(l, syn, old));
        SocketRow est = tcp("127.0.0.1", 40000, "127.0.0.1", 9, State.ESTABLISHED, 77, 6, "curl");
        SocketRow fresh = tcp("127.0.0.1", 40002, "127.0.0.1", 9, State.SYN_SENT, 79, 6, "curl");
        List<Event> events = tracker.accept(List.of(l, est, fresh));
        assertEquals(3, events.size(), events.toString());
        assertEquals(Kind.CLOSED, events.get(0).kind());
        assertSame(old, events.get(0).row(), "a closed socket as it was last seen");
        assertEquals(Kind.STATE, events.get(1).kind());
        assertEquals(State.SYN_SENT, events.get(1).previousState());
        assertSame(est, events.get(1).row());
        assertEquals(Kind.OPENED, events.get(2).kind());
        assertNull(events.get(2).previousState());
        assertEquals(1, tracker.tcpOpensSeen(), "the new SYN_SENT socket");
    }

    @Test
    void aClosingConnectionBecomesItsTimeWaitEntry() {
        SocketRow est = tcp("127.0.0.1", 40000, "127.0.0.1", 9, State.ESTABLISHED, 77, 6, "curl");
        tracker.accept(List.of(est));
        SocketRow tw = tcp("127.0.0.1", 40000, "127.0.0.1", 9, State.TIME_WAIT, 0, null, null);
        List<Event> events = tracker.accept(List.of(tw));
        assertEquals(1, events.size(), events.toString());
        assertEquals(Kind.STATE, events.get(0).kind());
        assertEquals(State.ESTABLISHED, events.get(0).previousState());
        assertEquals(List.of(), tracker.accept(List.of(tw)), "a TIME_WAIT entry that stays is no event");
        List<Event> gone = tracker.accept(List.of());
        assertEquals(Kind.CLOSED, gone.get(0).kind());
        assertEquals(State.TIME_WAIT, gone.get(0).row().entry().state());
    }

    @Test
    void anAcceptedConnectionKeepsItsIdentityWhenItGetsAnInode() {
        // in the accept queue a connection has no inode yet; accept() gives it one
        SocketRow queued = tcp("127.0.0.1", 8080, "127.0.0.1", 40000, State.ESTABLISHED, 0, null, null);
        tracker.accept(List.of(queued));
        SocketRow accepted = tcp("127.0.0.1", 8080, "127.0.0.1", 40000, State.ESTABLISHED, 99, 5, "java");
        assertEquals(List.of(), tracker.accept(List.of(accepted)));
    }

    @Test
    void aNewSocketOnTheSameEndpointsIsACloseAndAnOpen() {
        SocketRow first = listen("127.0.0.1", 8080, 5, "java");
        tracker.accept(List.of(first));
        SocketRow restarted = Rows.tcp("127.0.0.1", 8080, "0.0.0.0", 0, State.LISTEN, 5555, 6, "java");
        List<Event> events = tracker.accept(List.of(restarted));
        assertEquals(
                List.of(Kind.CLOSED, Kind.OPENED),
                events.stream().map(Event::kind).toList());
    }

    @Test
    void aUdpSocketThatConnectsIsAStateChangeOfTheSameInode() {
        SocketRow unconn = Rows.row(
                dev.sockscope.model.Proto.UDP,
                "0.0.0.0",
                5353,
                "0.0.0.0",
                0,
                State.UNCONN,
                42,
                3,
                "dns",
                dev.sockscope.model.Details.NONE);
        tracker.accept(List.of(unconn));
        SocketRow connected = Rows.row(
                dev.sockscope.model.Proto.UDP,
                "10.0.0.5",
                5353,
                "10.0.0.1",
                53,
                State.ESTABLISHED,
                42,
                3,
                "dns",
                dev.sockscope.model.Details.NONE);
        List<Event> events = tracker.accept(List.of(connected));
        assertEquals(1, events.size());
        assertEquals(Kind.STATE, events.get(0).kind());
        assertEquals(State.UNCONN, events.get(0).previousState());
    }

    @Test
    void theFilterChoosesWhatIsReportedButEverySocketIsFollowed() {
        EventTracker only8080 = new EventTracker(r -> r.entry().localPort() == 8080);
        SocketRow a = listen("127.0.0.1", 8080, 5, "java");
        SocketRow b = listen("127.0.0.1", 9090, 6, "prometheus");
        only8080.accept(List.of());
        List<Event> events = only8080.accept(List.of(a, b));
        assertEquals(1, events.size());
        assertSame(a, events.get(0).row());
    }

    @Test
    void tcpOpensSeenCountsNewConnectionsNotListeners() {
        tracker.accept(List.of());
        tracker.accept(List.of(
                listen("127.0.0.1", 8080, 5, "java"),
                tcp("127.0.0.1", 8080, "127.0.0.1", 40000, State.ESTABLISHED, 10, 5, "java"),
                tcp("127.0.0.1", 40000, "127.0.0.1", 8080, State.ESTABLISHED, 11, 6, "curl"),
                tcp("127.0.0.1", 40001, "127.0.0.1", 8080, State.TIME_WAIT, 0, null, null)));
        assertEquals(3, tracker.tcpOpensSeen(), "two ends of one connection and a TIME_WAIT left by another");
        assertTrue(tracker.accept(List.of()).size() == 4);
        assertEquals(0, tracker.tcpOpensSeen());
    }
}
