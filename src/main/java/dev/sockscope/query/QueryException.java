package dev.sockscope.query;

/** A selection that cannot be understood: its one-line message names the bad word or value. */
public final class QueryException extends Exception {
    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
        super(message);
    }
}
