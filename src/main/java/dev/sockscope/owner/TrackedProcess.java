package dev.sockscope.owner;

import dev.sockscope.model.Holder;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ProcOwnerResolver} knows of one process between calls: its fd table at the last
 * read (the socket fds and their inodes), the stamp of that table, and its holder record. Read
 * and written by one thread at a time: {@link FdTables} may read two processes on two threads,
 * never one process on two.
 */
final class TrackedProcess {
    private static final int[] NO_FDS = new int[0];
    private static final long[] NO_INODES = new long[0];

    final int pid;
    final Path dir;
    final Path fdDir;
    ProcFiles.FdStamp stamp;
    /** The numbers of the socket fds, not their Paths: 4 bytes each instead of about 130. */
    int[] sockFds = NO_FDS;

    long[] sockInodes = NO_INODES;
    int sockCount;
    /** Per socket fd, the call in which its link was last re-checked. */
    long[] sockCheckedAt = new long[0];
    /**
     * Set when the table came from the threads ({@code task/TID/fd}) because the thread-group
     * leader has exited and its own {@code fd/} is empty while other threads run on: that
     * thread's directory (its {@code cmdline} is still there), else null. Such a table has no
     * useful stamp, so it is read again on every call.
     */
    Path threadDir;
    /** Whether {@code fd/} itself listed no fd at all at the last read (sockets or not). */
    boolean emptyTable;

    Holder holder;
    /** {@code List.of(holder)}: the holders of each socket only this process holds. */
    List<Holder> holderList;

    /** The call that last read the whole table. */
    long readAt;
    /** The call and claim version at which the contested claims were last re-checked. */
    long checkedCall = -1;

    long checkedVersion;
    /** Found gone (or denied) during this call. */
    boolean dead;

    TrackedProcess(int pid, Path dir) {
        this.pid = pid;
        this.dir = dir;
        this.fdDir = dir.resolve("fd");
    }

    /** The table was read from the threads of an exited leader: no stamp can vouch for it. */
    boolean fromThreads() {
        return threadDir != null;
    }
}
