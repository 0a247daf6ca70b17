package dev.sockscope.action;

/**
 * A process to signal, as it was when the plan was made. The handle is bound to that process's
 * start time, so a pid reused in between is never signalled.
 *
 * @param pid     process id
 * @param process short name (raw: sanitize before a terminal)
 * @param user    user name, or null when unknown
 * @param uid     real uid, -1 when unknown
 * @param command full command line (raw)
 * @param handle  the process, or null when it had already exited
 */
public record Target(int pid, String process, String user, int uid, String command, ProcessHandle handle) {}
