package dev.sockscope.owner;

import dev.sockscope.model.Holder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
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

    /** Pid order, for the lists of processes an outcome reports (denied ones). */
    static final Comparator<TrackedProcess> BY_PID = new ByPid();

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
    /**
     * The holder record (and its list) before the last read of the table: a new read that finds
     * the same name, command line and uid hands these objects on, so rows compare by identity.
     */
    Holder lastHolder;

    List<Holder> lastHolderList;
    /** The call whose read found the socket fds different from the read before (or the first read). */
    long changedAt;

    private int[] duplicates = NO_FDS;
    private long duplicatesFor;

    /**
     * What its threads had run ({@link ProcFiles#activity}) at its last periodic turn or, if
     * later, just before step 1 last read its table; null when unknown or not asked.
     */
    long[] activity;

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

    /** The socket fds (indexes) whose inode the table names more than once, worked out once per change. */
    int[] duplicates() {
        if (duplicatesFor != changedAt) {
            duplicates = duplicatesOf(sockInodes, sockCount);
            duplicatesFor = changedAt;
        }
        return duplicates;
    }

    private static int[] duplicatesOf(long[] inodes, int n) {
        if (n < 2) {
            return NO_FDS;
        }
        long[] sorted = Arrays.copyOf(inodes, n);
        Arrays.sort(sorted);
        long[] twice = new long[n];
        int k = 0;
        for (int i = 1; i < n; i++) {
            if (sorted[i] == sorted[i - 1] && (k == 0 || twice[k - 1] != sorted[i])) {
                twice[k++] = sorted[i];
            }
        }
        if (k == 0) {
            return NO_FDS;
        }
        int[] out = new int[n];
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (Arrays.binarySearch(twice, 0, k, inodes[j]) >= 0) {
                out[m++] = j;
            }
        }
        return Arrays.copyOf(out, m);
    }

    /** The table was read from the threads of an exited leader: no stamp can vouch for it. */
    boolean fromThreads() {
        return threadDir != null;
    }

    // a named class, not a lambda: a lambda is linked at its first use, in every snapshot
    private static final class ByPid implements Comparator<TrackedProcess> {
        @Override
        public int compare(TrackedProcess a, TrackedProcess b) {
            return Integer.compare(a.pid, b.pid);
        }
    }
}
