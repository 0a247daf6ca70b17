package dev.sockscope.source;

/** The connection tables could not be read at all (exit status 3). The message is one line for the user. */
public final class SourceException extends Exception {
    private static final long serialVersionUID = 1L;

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
