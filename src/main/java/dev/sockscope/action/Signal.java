package dev.sockscope.action;

/** The signals the actions send. */
public enum Signal {
    /** {@link ProcessHandle#destroy()}: the process may clean up. */
    TERM("SIGTERM"),
    /** {@link ProcessHandle#destroyForcibly()}: the process ends at once. */
    KILL("SIGKILL");

    private final String label;

    Signal(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
