package dev.sockscope.owner;

import java.time.Instant;

/**
 * What {@code --explain} tells of one process. Text values are raw (sanitize before a terminal).
 *
 * @param pid       process id
 * @param process   short name, "" when unknown
 * @param command   full command line, "" when the kernel shows none or it is unknown
 * @param uid       real uid, -1 when unknown
 * @param user      user name for {@code uid} (the uid as text when it has none), null when unknown
 * @param started   when the process started, null when unknown
 * @param ppid      parent pid, 0 when it has none (pid 1, kernel threads' kthreadd), -1 when unknown
 * @param cgroup    its cgroup path, null when unknown
 * @param unit      its systemd unit, from the cgroup ({@link dev.sockscope.service.Cgroups#unit}), null when none or unknown
 * @param container its container as {@code runtime:id} ({@link dev.sockscope.service.Cgroups#container}), null when none
 *                  or unknown
 */
public record ProcessFacts(
        int pid,
        String process,
        String command,
        int uid,
        String user,
        Instant started,
        int ppid,
        String cgroup,
        String unit,
        String container) {}
