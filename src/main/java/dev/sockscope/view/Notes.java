package dev.sockscope.view;

import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The notes a snapshot gives the user, worded once for {@code --list} (stderr) and the live
 * header: lines of the tables that could not be parsed, owners hidden from this user and whether
 * that explains an empty owner selection, what the platform lacks, and a network namespace other
 * than the host's. Sanitized: a platform note may carry system text.
 */
public final class Notes {
    private Notes() {}

    /**
     * @param snap          the read
     * @param shown         the rows selected from it
     * @param root          whether this user is root
     * @param ownerSelected whether the selection asks for owners (pid, process, user)
     * @param namespaceNote a sentence on the network namespace, or null
     */
    public static List<String> of(
            Snapshot snap, List<SocketRow> shown, boolean root, boolean ownerSelected, String namespaceNote) {
        int ownerless = snap.hiddenOwners() > 0 ? ownerless(shown) : 0;
        return of(snap, ownerless, shown.isEmpty(), root, ownerSelected, namespaceNote);
    }

    /**
     * {@link #of(Snapshot, List, boolean, boolean, String)} for a view asked once per frame: the
     * rows that show no owner are counted again only for another list of rows. A frame of a
     * quiet read shows the last frame's list (rows are not changed in place), and counting
     * 40,000 rows each frame was a tenth of the live view's own work wherever an owner is
     * hidden, that is for every user but root.
     */
    public static BiFunction<Snapshot, List<SocketRow>, List<String>> perFrame(
            boolean root, boolean ownerSelected, String namespaceNote) {
        return new BiFunction<>() {
            private List<SocketRow> counted;
            private int ownerless;

            @Override
            public synchronized List<String> apply(Snapshot snap, List<SocketRow> shown) {
                if (snap.hiddenOwners() > 0 && shown != counted) {
                    ownerless = ownerless(shown);
                    counted = shown;
                }
                return of(snap, ownerless, shown.isEmpty(), root, ownerSelected, namespaceNote);
            }
        };
    }

    /** The rows that show no owner though they have an inode (some process holds them). */
    public static int ownerless(List<SocketRow> shown) {
        int ownerless = 0;
        for (SocketRow r : shown) {
            if (r.holders().isEmpty() && r.entry().inode() > 0) {
                ownerless++;
            }
        }
        return ownerless;
    }

    /**
     * {@link #of(Snapshot, List, boolean, boolean, String)} with the rows shown already counted:
     * {@code ownerless} of them ({@link #ownerless}), and whether none is shown.
     */
    public static List<String> of(
            Snapshot snap,
            int ownerless,
            boolean noneShown,
            boolean root,
            boolean ownerSelected,
            String namespaceNote) {
        List<String> notes = new ArrayList<>();
        int unparsed = snap.unparsedLines();
        if (unparsed > 0) {
            notes.add(unparsed + " line" + (unparsed == 1 ? "" : "s")
                    + " of the connection tables could not be parsed and " + (unparsed == 1 ? "was" : "were")
                    + " skipped");
        }
        if (snap.hiddenOwners() > 0) {
            String hidden = snap.hiddenOwners() == 1 ? "1 process" : snap.hiddenOwners() + " processes";
            String names = HiddenNames.text(snap.hidden(), snap.hiddenOwners());
            names = names.isEmpty() ? "" : " (" + names + ")";
            String why = root
                    ? hidden + " could not be inspected, access denied" + names
                    : hidden + " of other users could not be inspected" + names + "; run as root to see every owner";
            if (ownerless > 0) {
                notes.add(ownerless + (ownerless == 1 ? " socket shows" : " sockets show") + " no owner: " + why);
            } else if (noneShown && ownerSelected) {
                notes.add("nothing matched the owner selection, but " + why
                        + ": their sockets cannot be matched by pid, process or user");
            }
        }
        if (snap.platformNote() != null && !snap.platformNote().isBlank()) {
            notes.add(Sanitizer.clean(snap.platformNote()));
        }
        if (namespaceNote != null) {
            notes.add(namespaceNote);
        }
        return notes;
    }
}
