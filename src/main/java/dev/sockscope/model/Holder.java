package dev.sockscope.model;

/**
 * A process holding a socket open.
 *
 * @param pid     process id (always a real pid)
 * @param process short name ({@code /proc/[pid]/comm}); raw, unsanitized
 * @param command full command line, arguments joined by spaces; "" when the kernel shows none
 *                (kernel threads, zombies); raw, unsanitized
 * @param uid     real uid of the process, {@link SocketEntry#UNKNOWN} when not known
 * @param user    user name for {@code uid}, or the uid as text when it has no name; null when unknown
 */
public record Holder(int pid, String process, String command, int uid, String user) {
    public Holder {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        process = process == null ? "" : process;
        command = command == null ? "" : command;
    }
}
