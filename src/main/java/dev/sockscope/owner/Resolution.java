package dev.sockscope.owner;

import dev.sockscope.model.Holder;
import java.util.ArrayList;
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

        int lastPid;
        List<Holder> holders;
    }

    /** Reads a process's holder record; null when it has exited. */
    interface Holders {
        Holder of(TrackedProcess p);
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
     */
    record Outcome(
            List<Holder>[] holders,
            LongMap<TrackedProcess> next,
            LongMap<Boolean> orphans,
            LongMap<Boolean> shared,
            List<TrackedProcess> denied) {}

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
     * trusted claims that fresh tables contradict; the search for unclaimed inodes.
     *
     * @return whether every table was read in this call (the search was exhaustive)
     */
    boolean settle(ProcOwnerResolver.Scan scan) {
        denied.addAll(scan.denied());
        for (int i = 0; i < scan.count(); i++) {
            claim(scan.live()[i], 1, scan.fresh()[i]);
            if (!scan.fresh()[i]) {
                trusted.add(scan.live()[i]);
            }
        }
        boolean exhaustive = scan.full();
        version++;
        while (true) {
            checkConflicts();
            if (unresolved == 0 || exhaustive) {
                break;
            }
            exhaustive = search();
        }
        if (unresolved > 0 && exhaustive) {
            searchThreads(scan);
        }
        return exhaustive;
    }

    /**
     * Every table was read and a socket has no claim: an exited thread-group leader's threads
     * may hold it, behind the leader's empty table.
     */
    private void searchThreads(ProcOwnerResolver.Scan scan) {
        for (int i = 0; i < scan.count() && unresolved > 0; i++) {
            TrackedProcess p = scan.live()[i];
            if (!p.dead && tables.readThreadsOf(p, call)) {
                claim(p, 1, true);
            }
        }
    }

    /** Step 4: every holder, in pid order, from the tables as they stand. */
    Outcome collect(ProcOwnerResolver.Scan scan, boolean exhaustive, Holders holders) {
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
            } else if (w.claims == 0 && (exhaustive || w.orphan)) {
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
        return new Outcome(result, next, orphans, shared, List.copyOf(denied));
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
            if (!w.orphan) {
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
        int r = tables.read(p, call);
        if (r != FdTables.OK) {
            p.dead = true;
            if (r == FdTables.DENIED) {
                denied.add(p);
            }
            return;
        }
        claim(p, 1, true);
        version++;
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
     * first, in pid order, until every wanted inode has a claim.
     *
     * @return true when every process was read (the search was exhaustive)
     */
    private boolean search() {
        for (int pass = 0; pass < 2; pass++) {
            for (TrackedProcess p : trusted) {
                if (p.dead || p.readAt == call || (p.sockCount > 0) != (pass == 0)) {
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
