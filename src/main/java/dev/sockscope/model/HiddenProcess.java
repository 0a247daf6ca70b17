package dev.sockscope.model;

/**
 * A process whose open files could not be inspected (its sockets, if any, show no owner).
 *
 * @param pid     process id
 * @param process short name ({@code /proc/[pid]/comm}), "" when that could not be read
 *                either; raw, unsanitized
 */
public record HiddenProcess(int pid, String process) {
    public HiddenProcess {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        process = process == null ? "" : process;
    }
}
