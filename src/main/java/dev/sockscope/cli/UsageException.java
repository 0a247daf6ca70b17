package dev.sockscope.cli;

/** A bad command line or filter word; the message is one line naming the bad value (exit status 2). */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
