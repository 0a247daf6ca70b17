package dev.sockscope.netlink;

/**
 * Walks the netlink messages ({@code struct nlmsghdr} and payload) of a multipart reply, one
 * datagram at a time, without trusting them: a header whose length is below 16 bytes or runs
 * past the datagram ends the datagram (nothing after it can be found) and is counted; a
 * message of another request ({@code nlmsg_seq}) or of an unknown type is counted and skipped;
 * a datagram longer than the buffer (the kernel's length with {@code MSG_TRUNC}) counts its cut
 * message. {@code NLMSG_DONE} ends the walk, {@code NLMSG_ERROR} with an error ends it by
 * throwing.
 *
 * <p>Pure: it reads only the arrays it is given, so captured replies can be fed to it.
 */
public final class MessageWalk {
    /** {@code sizeof(struct nlmsghdr)}. */
    public static final int HEADER = 16;

    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLMSG_OVERRUN = 4;
    static final int NLM_F_DUMP_INTR = 0x10;

    /** Receives the payload of each {@code SOCK_DIAG_BY_FAMILY} message. */
    @FunctionalInterface
    public interface Sink {
        void message(byte[] buf, int offset, int length);
    }

    /**
     * @param messages    payloads handed to the sink
     * @param malformed   messages that could not be used (cut short, bad length, stray)
     * @param interrupted the kernel flagged the dump inconsistent ({@code NLM_F_DUMP_INTR}: the
     *                    table changed while it was dumped; a socket may be missing or twice)
     */
    public record Result(int messages, int malformed, boolean interrupted) {}

    private final int seq;
    private final int payloadType;
    private final Sink sink;
    private int messages;
    private int malformed;
    private boolean interrupted;
    private boolean done;

    public MessageWalk(int seq, Sink sink) {
        this(seq, SockDiag.SOCK_DIAG_BY_FAMILY, sink);
    }

    /**
     * A walk over the replies of another request: messages of {@code payloadType} (e.g.
     * rtnetlink's {@code RTM_NEWLINK}) go to the sink.
     */
    public MessageWalk(int seq, int payloadType, Sink sink) {
        this.seq = seq;
        this.payloadType = payloadType;
        this.sink = sink;
    }

    public boolean done() {
        return done;
    }

    public Result result() {
        return new Result(messages, malformed, interrupted);
    }

    /** Payloads handed to the sink so far (and {@link #carried}). */
    public int messages() {
        return messages;
    }

    /** Messages that could not be used so far. */
    public int malformed() {
        return malformed;
    }

    /** Whether a message so far was flagged {@code NLM_F_DUMP_INTR}. */
    public boolean interrupted() {
        return interrupted;
    }

    /**
     * Counts {@code n} payloads its caller took without a walk: a datagram byte for byte one
     * walked before but for {@code nlmsg_seq} (every message of its request), all payloads.
     */
    public void carried(int n) {
        messages += n;
    }

    /**
     * Walks one datagram.
     *
     * @param length the datagram's length as {@code recv} with {@code MSG_TRUNC} returns it:
     *               above {@code buf.length} when it was cut
     * @throws NetlinkException when the kernel reports an error for the request
     */
    public void datagram(byte[] buf, int length) throws NetlinkException {
        int end = Math.min(length, buf.length);
        if (length > buf.length) {
            malformed++; // the message the buffer ends in is cut short
        }
        if (length <= 0) {
            // an empty datagram carries nothing; the kernel does not send them
            malformed++;
            return;
        }
        int at = 0;
        while (!done && end - at >= HEADER) {
            long len = NlBytes.u32(buf, at);
            if (len < HEADER || len > end - at) {
                malformed++;
                return;
            }
            int type = NlBytes.u16(buf, at + 4);
            int flags = NlBytes.u16(buf, at + 6);
            int mseq = NlBytes.s32(buf, at + 8);
            int payload = at + HEADER;
            int plen = (int) len - HEADER;
            if ((flags & NLM_F_DUMP_INTR) != 0) {
                interrupted = true;
            }
            if (mseq != seq) {
                malformed++; // not an answer to this request
            } else if (type == NLMSG_DONE) {
                // since 4.x DONE carries the dump's status: negative when it failed midway
                if (plen >= 4 && NlBytes.s32(buf, payload) < 0) {
                    throw NetlinkException.errno("sock_diag dump", -NlBytes.s32(buf, payload));
                }
                done = true;
            } else if (type == NLMSG_ERROR) {
                if (plen < 4) {
                    malformed++;
                } else {
                    int error = NlBytes.s32(buf, payload);
                    if (error < 0) {
                        throw NetlinkException.errno("sock_diag", -error);
                    }
                    done = true; // an acknowledgement
                }
            } else if (type == NLMSG_NOOP) {
                // nothing
            } else if (type == NLMSG_OVERRUN) {
                throw NetlinkException.errno("sock_diag", NetlinkException.ENOBUFS);
            } else if (type == payloadType) {
                messages++;
                sink.message(buf, payload, plen);
            } else {
                malformed++;
            }
            long next = at + NlBytes.align4((int) len);
            if (next >= end) {
                return;
            }
            at = (int) next;
        }
        if (!done && at < end && end - at < HEADER) {
            malformed++; // bytes left that cannot hold a header
        }
    }

    /**
     * The error of an acknowledgement ({@code NLMSG_ERROR}) for request {@code seq}: 0 for
     * success, else a positive errno.
     *
     * @throws NetlinkException when the reply is not such an acknowledgement
     */
    static int ackErrno(byte[] buf, int length, int seq) throws NetlinkException {
        if (length < HEADER + 4) {
            throw new NetlinkException("sock_diag: a reply of " + length + " bytes is no acknowledgement");
        }
        long len = NlBytes.u32(buf, 0);
        int type = NlBytes.u16(buf, 4);
        if (type != NLMSG_ERROR || len < HEADER + 4 || len > length || NlBytes.s32(buf, 8) != seq) {
            throw new NetlinkException("sock_diag: unexpected reply (type " + type + ")");
        }
        return -NlBytes.s32(buf, HEADER);
    }
}
