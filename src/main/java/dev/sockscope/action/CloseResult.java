package dev.sockscope.action;

/**
 * What closing one connection did.
 *
 * @param closed the kernel destroyed the socket
 * @param reason why not, one line, or null when closed
 */
public record CloseResult(boolean closed, String reason) {
    public static CloseResult done() {
        return new CloseResult(true, null);
    }

    public static CloseResult refused(String reason) {
        return new CloseResult(false, reason);
    }
}
