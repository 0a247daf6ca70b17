package dev.sockscope.cli;

import java.nio.file.Path;

/**
 * The options of {@code --diff}, {@code --events} and {@code --serve}.
 *
 * @param mode            which of them, or {@link Mode#NONE}
 * @param diffFile        the saved snapshot to compare against ({@code --diff})
 * @param listenersOnly   {@code --diff-listeners}: compare listeners only
 * @param eventsCount     {@code --events --count N}: readings compared before stopping; 0 until stopped
 * @param serveHost       the address {@code --serve} listens on, a literal IP address
 * @param servePort       its port, 0 for any free one
 * @param connectionLimit {@code --serve-connections} ({@code --serve-connection-limit N}): per-connection
 *                        series at most; 0 none
 */
public record ExportOptions(
        Mode mode,
        Path diffFile,
        boolean listenersOnly,
        int eventsCount,
        String serveHost,
        int servePort,
        int connectionLimit) {

    /** None of the export modes. */
    public static final ExportOptions NONE = new ExportOptions(Mode.NONE, null, false, 0, null, 0, 0);

    /** Per-connection series when {@code --serve-connection-limit} is not given. */
    public static final int DEFAULT_CONNECTION_LIMIT = 1000;

    public enum Mode {
        NONE,
        DIFF,
        EVENTS,
        SERVE
    }
}
