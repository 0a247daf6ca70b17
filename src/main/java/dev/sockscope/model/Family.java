package dev.sockscope.model;

/** Address family of a socket; {@link #label()} is the JSON/CSV {@code family} value. */
public enum Family {
    IPV4("ipv4"),
    IPV6("ipv6"),
    UNIX("unix");

    private final String label;

    Family(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
