package dev.sockscope.cli;

/** Exit statuses scripts can rely on (README, "Exit status"). Only {@code Main} ends the JVM with them. */
public final class ExitCode {
    /** At least one socket shown, or the live view ended normally. */
    public static final int OK = 0;
    /** The filters matched nothing. */
    public static final int NO_MATCH = 1;
    /** Usage error: unknown option, bad value. */
    public static final int USAGE = 2;
    /** The connection tables could not be read at all. */
    public static final int UNREADABLE = 3;
    /** A bug (sysexits' EX_SOFTWARE): one line on stderr, never a stack trace. */
    public static final int INTERNAL = 70;

    private ExitCode() {}
}
