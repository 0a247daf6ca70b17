package dev.sockscope.model;

import java.util.Locale;

/**
 * Socket state as shown to the user.
 *
 * <p>TCP rows use the kernel's TCP states ({@code include/net/tcp_states.h}, codes 0x01..0x0C).
 * UDP rows are {@link #UNCONN} or {@link #ESTABLISHED} (connected). Unix rows are
 * {@link #LISTEN}, {@link #CONNECTED} or {@link #UNCONN}. Raw rows are {@link #UNCONN} or
 * {@link #ESTABLISHED}, like UDP.
 */
public enum State {
    ESTABLISHED(0x01),
    SYN_SENT(0x02),
    SYN_RECV(0x03),
    FIN_WAIT1(0x04),
    FIN_WAIT2(0x05),
    TIME_WAIT(0x06),
    CLOSE(0x07),
    CLOSE_WAIT(0x08),
    LAST_ACK(0x09),
    LISTEN(0x0A),
    CLOSING(0x0B),
    NEW_SYN_RECV(0x0C),
    UNCONN(-1),
    CONNECTED(-1);

    private static final State[] BY_TCP_CODE = new State[13];

    static {
        for (State s : values()) {
            if (s.tcpCode > 0) {
                BY_TCP_CODE[s.tcpCode] = s;
            }
        }
    }

    private final int tcpCode;

    State(int tcpCode) {
        this.tcpCode = tcpCode;
    }

    /** The kernel's TCP state code, or null when {@code code} is not one (caller counts the line as bad). */
    public static State fromTcpCode(int code) {
        return code > 0 && code < BY_TCP_CODE.length ? BY_TCP_CODE[code] : null;
    }

    /**
     * Parses a user-supplied state name in any case; {@code -} and {@code _} are interchangeable
     * and {@code SYN_RECEIVED}/{@code FIN_WAIT_1}-style spellings used by other tools are accepted.
     *
     * @return the state, or null when the word names none
     */
    public static State parse(String word) {
        String w = word.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        switch (w) {
            case "SYN_RECEIVED":
                return SYN_RECV;
            case "FIN_WAIT_1":
                return FIN_WAIT1;
            case "FIN_WAIT_2":
                return FIN_WAIT2;
            case "LISTENING":
                return LISTEN;
            case "CLOSED":
                return CLOSE;
            case "UNCONNECTED":
                return UNCONN;
            default:
                for (State s : values()) {
                    if (s.name().equals(w)) {
                        return s;
                    }
                }
                return null;
        }
    }
}
