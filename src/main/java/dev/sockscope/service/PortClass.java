package dev.sockscope.service;

/** IANA class of a port, or {@link #EPHEMERAL} when inside this host's ephemeral range. */
public enum PortClass {
    WELL_KNOWN("well-known"),
    REGISTERED("registered"),
    DYNAMIC("dynamic"),
    EPHEMERAL("ephemeral");

    private final String label;

    PortClass(String label) {
        this.label = label;
    }

    /** The JSON/CSV {@code portClass} value. */
    public String label() {
        return label;
    }
}
