package dev.sockscope.owner;

import dev.sockscope.model.Holder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One {@link ProcOwnerResolver#resolve} call's work on its wanted inodes: the claims each
 * table makes on them (steps 1 to 3 of the resolver's description), then every holder of each
 * (step 4). Made for one call and dropped after it; what the next call needs (which processes
 * are alive, which inodes were shared or found nowhere) is returned in {@link Outcome}.
 */
final class Resolution {
    /** Bookkeeping of one wanted inode. */
    private static final class Want {
        /** fds (of live tables) naming this inode, and how many of them were read in this call. */
        int claims;

        int freshClaims;
        /** Not found by an exhaustive search before: its absence does not start a search. */
        boolean orphan;
        /** Had more than one holder at the last call: trusted claims on it are re-checked. */
        boolean shared;
        /** Closed since the tables were read, says the caller's check: nobody can claim it. */
        boolean gone;
        /** The first index it was asked about at. */
        int index;

        int lastPid;
        List<Holder> holders;
    }

    /** Reads a process's holder record; null when it has exited. */
    interface Holders {
        Holder of(TrackedProcess p);
    }

    /**
     * Whether a trusted process has not run since before its table was last read (its threads'
     * run times are as they were): its table is as read, and a search need not read it again.
     */
    interface Idle {
        boolean sinceRead(TrackedProcess p);
    }

    /**
     * Lists the processes started since the scan listed the pids and reads their tables: the
     * scan with them (fresh, in pid order; those denied after the scan's own denied), or the
     * same scan when there are none.
     */
    interface Latecomers {
        ProcOwnerResolver.Scan join(ProcOwnerResolver.Scan scan);
    }

    /**
     * What the call found.
     *
     * @param holders   for each inode asked about, at its index: its holders in pid order
     *                  (empty for none, and for inode 0)
     * @param next      the processes alive at the end, by pid
     * @param orphans   wanted inodes no process claims after an exhaustive search (or still
     *                  unclaimed orphans)
     * @param shared    wanted inodes held by more than one process
     * @param denied    the processes whose tables could not be read, in pid order
     * @param dropped   whether an unclaimed inode was taken for closed (the check's word), or
     *                  left unclaimed by a full scan (read as the connection tables were), and
     *                  not searched for: the next call, which may want it again, cannot take
     *                  this outcome as one a search would have given
     */
    record Outcome(
            List<Holder>[] holders,
            LongMap<TrackedProcess> next,
            LongMap<Boolean> orphans,
            LongMap<Boolean> shared,
            List<TrackedProcess> denied,
            boolean dropped) {}

    /** Unclaimed inodes beyond this many are searched for without asking whether they closed. */
    static final int MAX_OPEN_CHECKS = 64;

    private final FdTables tables;
    private final long call;
    private final LongMap<Want> wanted;
    private final long[] wantedList;
    /** For each inode asked about, at its index, its bookkeeping (null for inode 0). */
    private final Want[] wantAt;

    private final int nWanted;
    private final List<TrackedProcess> trusted = new ArrayList<>();
    private final List<TrackedProcess> denied = new ArrayList<>();
    private int unresolved;
    private boolean dropped;
    private ProcOwnerResolver.Scan scan;
    private Idle idle;
    /** Bumped whenever a table is read again: a re-check of a trusted table is due again. */
    private long version;

    Resolution(FdTables tables, long call, long[] inodes, LongMap<Boolean> orphans, LongMap<Boolean> shared) {
        this.tables = tables;
        this.call = call;
        this.wanted = new LongMap<>(inodes.length);
        this.wantedList = new long[inodes.length];
        this.wantAt = new Want[inodes.length];
        int n = 0;
        for (int i = 0; i < inodes.length; i++) {
            long inode = inodes[i];
            if (inode <= 0) {
                continue;
            }
            Want w = wanted.get(inode);
            if (w == null) {
                w = new Want();
                w.index = i;
                w.orphan = orphans.get(inode) != null;
                w.shared = shared.get(inode) != null;
                if (!w.orphan) {
                    unresolved++;
                }
                wanted.put(inode, w);
                wantedList[n++] = inode;
            }
            wantAt[i] = w;
        }
        this.nWanted = n;
    }

    /**
     * Steps 1 to 3: the claims of the scan's tables, read fresh or trusted; the re-check of
     * trusted claims that fresh tables contradict; the search for unclaimed inodes. Before the
     * search (which reads every trusted table while an inode stays unclaimed), three cheaper
     * ways to account for an unclaimed inode, each tried only while one is left: a table read
     * in this scan whose fd count has moved since is read again (the socket opened after that
     * read); the processes started since the scan are read ({@code latecomers}: a fork after
     * the listing of the pids); and {@code open} is asked whether the socket has closed since
     * the connection tables were read. Then {@link #scan} is the scan with the latecomers.
     *
     * @param open       null: no socket is known closed
     * @param latecomers null: no process is looked for after the scan
     * @param idle       asked before a search reads a trusted table; null: read every one
     * @return whether every table was read in this call (the search was exhaustive), and after
     *     the connection tables: false for a full scan that left an inode unclaimed
     */
    boolean settle(ProcOwnerResolver.Scan scan, OpenCheck open, Latecomers latecomers, Idle idle) {
        this.scan = scan;
        this.idle = idle;
        denied.addAll(scan.denied());
        for (int i = 0; i < scan.count(); i++) {
            claim(scan.live()[i], 1, scan.fresh()[i]);
            if (!scan.fresh()[i]) {
                trusted.add(scan.live()[i]);
            }
        }
        boolean exhaustive = scan.full();
        version++;
        checkConflicts();
        if (unresolved > 0 && !exhaustive) {
            // the cheap explanations first, each only while an inode is left
            rereadMoved();
            if (unresolved > 0 && latecomers != null) {
                joinLatecomers(latecomers);
            }
            if (unresolved > 0) {
                dropClosed(open);
            }
        }
        while (true) {
            checkConflicts();
            if (unresolved == 0 || exhaustive) {
                break;
            }
            exhaustive = search();
        }
        if (unresolved > 0 && exhaustive) {
            searchThreads();
        }
        if (unresolved > 0 && scan.full()) {
            // Every table was read in the scan, which runs while the connection tables are
            // read: a socket made after its process's table was read, with that process's fd
            // count the same (a shell that execs a program that connects, a server that closes
            // one connection and accepts the next), is in no table yet. Not taken for
            // unclaimable: the next call searches for it, after its own connection tables.
            dropped = true;
            return false;
        }
        return exhaustive;
    }

    /** The scan this call's claims come from: the one given to {@link #settle}, with its latecomers. */
    ProcOwnerResolver.Scan scan() {
        return scan;
    }

    private void joinLatecomers(Latecomers latecomers) {
        ProcOwnerResolver.Scan before = scan;
        scan = latecomers.join(before);
        if (scan == before) {
            return;
        }
        for (int i = 0; i < scan.count(); i++) {
            TrackedProcess p = scan.live()[i];
            if (scan.fresh()[i] && !wasIn(before, p)) {
                claim(p, 1, true);
            }
        }
        // the latecomers' denied processes follow the scan's own
        denied.addAll(
                scan.denied().subList(before.denied().size(), scan.denied().size()));
    }

    private static boolean wasIn(ProcOwnerResolver.Scan scan, TrackedProcess p) {
        int i = Arrays.binarySearch(scan.live(), 0, scan.count(), p, TrackedProcess.BY_PID);
        return i >= 0 && scan.live()[i] == p;
    }

    /** Reads again each table read in this scan whose fd count moved since (one stat each). */
    private void rereadMoved() {
        for (int i = 0; i < scan.count() && unresolved > 0; i++) {
            TrackedProcess p = scan.live()[i];
            if (scan.fresh()[i] && !p.dead && tables.movedSinceStamp(p)) {
                claim(p, -1, true);
                if (read(p)) {
                    claim(p, 1, true);
                }
            }
        }
    }

    /**
     * Asks {@code open} about each unclaimed inode, at most {@value #MAX_OPEN_CHECKS} of them
     * (more than that: a search it is, whatever they say); the closed ones are dropped.
     */
    private void dropClosed(OpenCheck open) {
        if (open == null || unresolved > MAX_OPEN_CHECKS) {
            return;
        }
        for (int i = 0; i < nWanted && unresolved > 0; i++) {
            Want w = wanted.get(wantedList[i]);
            if (w.claims == 0 && !w.orphan && !w.gone && !open.mayBeOpen(w.index)) {
                w.gone = true;
                unresolved--;
                dropped = true;
            }
        }
    }

    /**
     * Every table was read and a socket has no claim: an exited thread-group leader's threads
     * may hold it, behind the leader's empty table.
     */
    private void searchThreads() {
        for (int i = 0; i < scan.count() && unresolved > 0; i++) {
            TrackedProcess p = scan.live()[i];
            if (!p.dead && tables.readThreadsOf(p, call)) {
                claim(p, 1, true);
            }
        }
    }

    /** Step 4: every holder, in pid order, from the tables as they stand. */
    Outcome collect(boolean exhaustive, Holders holders) {
        TrackedProcess[] live = scan.live();
        int nLive = scan.count();
        LongMap<TrackedProcess> next = new LongMap<>(nLive);
        for (int i = 0; i < nLive; i++) {
            TrackedProcess p = live[i];
            if (p.dead) {
                continue;
            }
            for (int j = 0; j < p.sockCount; j++) {
                Want w = wanted.get(p.sockInodes[j]);
                if (w == null || w.lastPid == p.pid) {
                    continue;
                }
                Holder h = holders.of(p);
                if (h == null) {
                    p.dead = true;
                    break;
                }
                if (w.holders == null) {
                    w.holders = p.holderList; // shared by all its sockets: no list per socket
                } else {
                    List<Holder> more = new ArrayList<>(w.holders.size() + 1);
                    more.addAll(w.holders);
                    more.add(h);
                    w.holders = more;
                }
                w.lastPid = p.pid;
            }
            if (!p.dead) {
                next.put(p.pid, p);
            }
        }

        LongMap<Boolean> orphans = new LongMap<>(0);
        LongMap<Boolean> shared = new LongMap<>(0);
        for (int i = 0; i < nWanted; i++) {
            long inode = wantedList[i];
            Want w = wanted.get(inode);
            if (w.holders != null) {
                if (w.holders.size() > 1) {
                    w.holders = List.copyOf(w.holders);
                    shared.put(inode, Boolean.TRUE);
                }
            } else if (w.claims == 0 && !w.gone && (exhaustive || w.orphan)) {
                orphans.put(inode, Boolean.TRUE);
            }
        }
        // by the index asked about: the caller's rows take their holders without a lookup
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<Holder>[] result = new List[wantAt.length];
        for (int i = 0; i < result.length; i++) {
            Want w = wantAt[i];
            result[i] = w == null || w.holders == null ? List.of() : w.holders;
        }
        denied.sort(TrackedProcess.BY_PID);
        return new Outcome(result, next, orphans, shared, List.copyOf(denied), dropped);
    }

    /** Adds ({@code delta} 1) or withdraws (-1) the claims of {@code p}'s table on the wanted inodes. */
    private void claim(TrackedProcess p, int delta, boolean fresh) {
        for (int j = 0; j < p.sockCount; j++) {
            Want w = wanted.get(p.sockInodes[j]);
            if (w == null) {
                continue;
            }
            int before = w.claims;
            w.claims += delta;
            if (fresh) {
                w.freshClaims += delta;
            }
            if (!w.orphan && !w.gone) {
                if (before == 0 && w.claims > 0) {
                    unresolved--;
                } else if (before > 0 && w.claims == 0) {
                    unresolved++;
                }
            }
        }
    }

    /** Re-reads a trusted process: withdraws its old claims, adds the fresh ones. */
    private void reread(TrackedProcess p) {
        claim(p, -1, false);
        if (read(p)) {
            claim(p, 1, true);
        }
    }

    /** Reads {@code p}'s table again; false (and {@code p} marked dead) when it is gone or denied. */
    private boolean read(TrackedProcess p) {
        int r = tables.read(p, call);
        if (r != FdTables.OK) {
            p.dead = true;
            if (r == FdTables.DENIED) {
                denied.add(p);
            }
            return false;
        }
        version++;
        return true;
    }

    /**
     * For each trusted process that claims a shared inode (another table claims it too, or it
     * had several holders at the last call), re-reads the fds behind those claims; when one no
     * longer names its socket, re-reads the whole process. Repeats until no table changes.
     */
    private void checkConflicts() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (TrackedProcess p : trusted) {
                if (p.dead || p.readAt == call || (p.checkedCall == call && p.checkedVersion == version)) {
                    continue;
                }
                p.checkedCall = call;
                p.checkedVersion = version;
                if (!stillHoldsContested(p)) {
                    reread(p);
                    changed = true;
                }
            }
        }
    }

    /**
     * Reads the trusted processes not read yet in this call, those that held sockets before
     * first, in pid order, until every wanted inode has a claim. A process that has not run
     * since before its table was read ({@link Idle}) holds what that table says: it is passed
     * over (a socket can only come to a process that runs: made, accepted or received).
     *
     * @return true when every process was read or passed over (the search was exhaustive)
     */
    private boolean search() {
        for (int pass = 0; pass < 2; pass++) {
            for (TrackedProcess p : trusted) {
                if (p.dead || p.readAt == call || (p.sockCount > 0) != (pass == 0)) {
                    continue;
                }
                if (idle != null && idle.sinceRead(p)) {
                    continue;
                }
                reread(p);
                if (unresolved == 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Re-reads, once per call, the fds of {@code p} whose wanted inode is shared (claimed by
     * another table as well, or held by several processes at the last call); false when one
     * changed.
     */
    private boolean stillHoldsContested(TrackedProcess p) {
        for (int j = 0; j < p.sockCount; j++) {
            Want w = wanted.get(p.sockInodes[j]);
            if (w == null || p.sockCheckedAt[j] == call || (w.freshClaims == 0 && w.claims < 2 && !w.shared)) {
                continue;
            }
            if (p.sockCheckedAt[j] == -call) {
                return false; // found changed by the resolver's own check in this call
            }
            p.sockCheckedAt[j] = call;
            if (!tables.stillNames(p, j)) {
                return false;
            }
        }
        return true;
    }
}
