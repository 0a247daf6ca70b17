package dev.sockscope.source;

/**
 * A network namespace asked for cannot be read: it does not exist ({@link Kind#UNKNOWN}), or
 * this user may not enter it ({@link Kind#DENIED}: {@code setns} needs {@code CAP_SYS_ADMIN}).
 * The message is one line naming the namespace and, for a refusal, the call and its errno.
 */
public final class NamespaceException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the namespace cannot be read. */
    public enum Kind {
        /** No such name in {@code /run/netns}, no such process. */
        UNKNOWN,
        /** The kernel refused: {@code EPERM} or {@code EACCES}. */
        DENIED
    }

    private final Kind kind;

    public NamespaceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public NamespaceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
