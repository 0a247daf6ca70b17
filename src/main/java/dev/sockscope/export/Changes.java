package dev.sockscope.export;

import dev.sockscope.model.SocketRow;
import java.util.List;

/**
 * The difference between a {@link Baseline} and later rows.
 *
 * @param added   listeners present now and not in the baseline
 * @param removed listeners of the baseline gone now
 * @param opened  connections present now and not in the baseline
 * @param closed  connections of the baseline gone now
 */
public record Changes(List<SocketRow> added, List<SocketRow> removed, List<SocketRow> opened, List<SocketRow> closed) {
    public Changes {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        opened = List.copyOf(opened);
        closed = List.copyOf(closed);
    }

    /** Nothing changed. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && opened.isEmpty() && closed.isEmpty();
    }

    /** How a row changed, as the {@code change} field of JSON and CSV names it. */
    public enum Kind {
        ADDED("added"),
        REMOVED("removed"),
        OPENED("opened"),
        CLOSED("closed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The rows of one kind. */
    public List<SocketRow> of(Kind kind) {
        switch (kind) {
            case ADDED:
                return added;
            case REMOVED:
                return removed;
            case OPENED:
                return opened;
            default:
                return closed;
        }
    }
}
