package dev.sockscope.model;

/** Transport protocol of a socket; {@link #label()} is the JSON/CSV {@code proto} value. */
public enum Proto {
    TCP("tcp"),
    UDP("udp"),
    UDPLITE("udplite"),
    RAW("raw"),
    UNIX("unix");

    private final String label;

    Proto(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True for protocols whose endpoints are IP address and port. */
    public boolean isInet() {
        return this != UNIX;
    }

    /** True for UDP and UDP-Lite, which share UDP's states and filter flag. */
    public boolean isUdpLike() {
        return this == UDP || this == UDPLITE;
    }
}
