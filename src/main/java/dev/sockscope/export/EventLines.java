package dev.sockscope.export;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sockscope.view.Fields;
import dev.sockscope.view.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The JSON lines of {@code --events}, each a whole line ending in {@code \n}, built in memory so
 * a line is written whole or not at all:
 *
 * <ul>
 *   <li>{@code {"time","event":"opened"|"closed"|"state","previousState", <snapshot fields>}};</li>
 *   <li>{@code {"time","event":"start","intervalMs","note"}} first, saying what a stream of
 *       readings cannot see;</li>
 *   <li>{@code {"time","event":"gap","since","tcpOpened","tcpOpenedSeen","unseen","note"}} when
 *       the kernel's counters show TCP connections that opened between two readings and that no
 *       reading saw;</li>
 *   <li>{@code {"time","event":"gap","since","reason"}} when a reading failed.</li>
 * </ul>
 *
 * {@code time} is UTC with milliseconds, {@code 2026-11-26T06:20:26.123Z}.
 */
public final class EventLines {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Fields fields;

    public EventLines(Fields fields) {
        this.fields = fields;
    }

    /** Milliseconds since the epoch as the lines' {@code time}. */
    public static String time(long epochMs) {
        return TIME.format(Instant.ofEpochMilli(epochMs));
    }

    public String start(long timeMs, long intervalMs, boolean kernelCounters) {
        return line(g -> {
            g.writeStringField("time", time(timeMs));
            g.writeStringField("event", "start");
            g.writeNumberField("intervalMs", intervalMs);
            g.writeStringField(
                    "note",
                    "one line per socket opened, closed or changing state between two readings; a socket that"
                            + " opens and closes between two readings is in neither and is not listed"
                            + (kernelCounters
                                    ? " (a gap line counts such TCP connections from the kernel's counters)"
                                    : " (the kernel's TCP counters cannot be read here: such sockets are not counted)"));
        });
    }

    public String event(long timeMs, EventTracker.Event e) {
        return line(g -> {
            g.writeStringField("time", time(timeMs));
            g.writeStringField("event", e.kind().label());
            g.writeFieldName("previousState");
            if (e.previousState() == null) {
                g.writeNull();
            } else {
                g.writeString(e.previousState().name());
            }
            JsonWriter.writeFields(g, fields, e.row());
        });
    }

    /**
     * @param kernelOpens the kernel's {@code ActiveOpens + PassiveOpens} growth between the readings
     * @param seen        TCP connections seen opening ({@link EventTracker#tcpOpensSeen})
     */
    public String gap(long timeMs, long sinceMs, long kernelOpens, int seen) {
        long unseen = kernelOpens - seen;
        return line(g -> {
            g.writeStringField("time", time(timeMs));
            g.writeStringField("event", "gap");
            g.writeStringField("since", time(sinceMs));
            g.writeNumberField("tcpOpened", kernelOpens);
            g.writeNumberField("tcpOpenedSeen", seen);
            g.writeNumberField("unseen", unseen);
            g.writeStringField(
                    "note",
                    unseen + " TCP connection" + (unseen == 1 ? "" : "s")
                            + " (counting both ends of a local one) opened and closed between the readings; "
                            + "no reading saw them, so they are not listed");
        });
    }

    public String readFailed(long timeMs, long sinceMs, String reason) {
        return line(g -> {
            g.writeStringField("time", time(timeMs));
            g.writeStringField("event", "gap");
            g.writeStringField("since", time(sinceMs));
            g.writeStringField("reason", reason);
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String line(Body body) {
        StringWriter w = new StringWriter(512);
        try (JsonGenerator g = RowJson.FACTORY.createGenerator(w)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return w.append('\n').toString();
    }
}
