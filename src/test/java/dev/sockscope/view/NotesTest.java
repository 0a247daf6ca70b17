package dev.sockscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Holder;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.testing.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The notes under a snapshot and in the live header. */
class NotesTest {
    private static SocketRow row(long inode, boolean held) {
        Holder[] holders = held ? new Holder[] {new Holder(7, "curl", "curl", 0, "root")} : new Holder[0];
        return Rows.tcp4("127.0.0.1", 40000, "127.0.0.1", 8080, State.ESTABLISHED, inode, holders);
    }

    private static Snapshot hiding(int processes, List<SocketRow> rows) {
        return new Snapshot(rows, 0, processes, null);
    }

    @Test
    void countsTheRowsWithAnInodeAndNoOwnerWhenAProcessIsHidden() {
        // inode 0: a socket no process holds (TIME_WAIT): not hidden, just ownerless
        List<SocketRow> rows = List.of(row(11, false), row(12, false), row(0, false), row(13, true));
        assertEquals(2, Notes.ownerless(rows));
        List<String> asUser = Notes.of(hiding(3, rows), rows, false, false, null);
        assertEquals(
                List.of("2 sockets show no owner: 3 processes of other users could not be inspected;"
                        + " run as root to see every owner"),
                asUser);
        List<String> asRoot = Notes.of(hiding(1, rows), rows, true, false, null);
        assertEquals(List.of("2 sockets show no owner: 1 process could not be inspected, access denied"), asRoot);
        assertEquals(List.of(), Notes.of(hiding(0, rows), rows, false, false, null));
    }

    @Test
    void anEmptyOwnerSelectionWithHiddenProcessesSaysWhy() {
        List<String> notes = Notes.of(hiding(2, List.of()), List.of(), false, true, "in netns x");
        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("nothing matched the owner selection, but 2 processes"), notes.get(0));
        assertEquals("in netns x", notes.get(1));
    }

    @Test
    void perFrameCountsAListOfRowsOnceAndAnotherListAgain() {
        BiFunction<Snapshot, List<SocketRow>, List<String>> notes = Notes.perFrame(true, false, null);
        List<SocketRow> shown = new ArrayList<>(List.of(row(11, false), row(12, true)));
        assertEquals(
                List.of("1 socket shows no owner: 1 process could not be inspected, access denied"),
                notes.apply(hiding(1, shown), shown));
        // the same list again (a quiet read's frame): not counted again, so a change made in
        // place, which the view never makes, is not seen
        shown.add(row(13, false));
        assertEquals(
                List.of("1 socket shows no owner: 1 process could not be inspected, access denied"),
                notes.apply(hiding(1, shown), shown));
        // another list is counted
        List<SocketRow> next = List.copyOf(shown);
        assertEquals(
                List.of("2 sockets show no owner: 1 process could not be inspected, access denied"),
                notes.apply(hiding(1, next), next));
        // with nothing hidden there is no note, whatever was counted before
        assertEquals(List.of(), notes.apply(hiding(0, next), next));
        assertEquals(notes.apply(hiding(1, next), next), Notes.of(hiding(1, next), next, true, false, null));
    }
}
