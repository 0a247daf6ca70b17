package dev.sockscope.export;

/** A saved snapshot that cannot be used; the message is one line naming the file and what was wrong. */
public final class SnapshotFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public SnapshotFileException(String message) {
        super(message);
    }
}
