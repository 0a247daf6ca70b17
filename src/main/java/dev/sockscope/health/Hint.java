package dev.sockscope.health;

import dev.sockscope.model.Holder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One situation worth a look, with its evidence. Strings here hold no text from other
 * processes except inside {@link #holders} (raw, unsanitized: a view sanitizes them); addresses
 * are the canonical text of the socket tables.
 *
 * @param kind     what was seen
 * @param holders  the processes concerned, most concerned first; empty when no process holds the
 *                 sockets (TIME_WAIT) or none is visible to this user
 * @param where    the socket or endpoint concerned, e.g. {@code 127.0.0.1:8080} or
 *                 {@code [::1]:5432}
 * @param evidence one sentence with the figures that made the hint, thresholds included
 * @param figures  the same figures by name, for JSON and CSV
 */
public record Hint(Kind kind, List<Holder> holders, String where, String evidence, Map<String, Long> figures) {
    public Hint {
        holders = List.copyOf(holders);
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /** The situations the engine recognises, in the order hints are listed. */
    public enum Kind {
        ACCEPT_QUEUE_FULL("accept-queue-full", "accept queue full"),
        SYN_RECV("syn-recv", "many SYN_RECV"),
        CLOSE_WAIT("close-wait", "CLOSE_WAIT pile"),
        QUEUE_GROWING("queue-growing", "queue keeps growing"),
        EPHEMERAL_PORTS("ephemeral-ports", "ephemeral ports running out"),
        TIME_WAIT("time-wait", "many TIME_WAIT");

        private final String id;
        private final String title;

        Kind(String id, String title) {
            this.id = id;
            this.title = title;
        }

        /** The JSON/CSV name, e.g. {@code close-wait}. */
        public String id() {
            return id;
        }

        /** A short title for people. */
        public String title() {
            return title;
        }
    }
}
