package dev.sockscope.action;

/** An export could not be written; the message is one line for the user. */
public final class ExportException extends Exception {
    private static final long serialVersionUID = 1L;

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }

    public ExportException(String message) {
        super(message);
    }
}
