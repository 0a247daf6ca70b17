package dev.sockscope.owner;

import dev.sockscope.model.HiddenProcess;
import dev.sockscope.model.Holder;
import java.util.List;

/**
 * The holders of the socket inodes one {@link ProcOwnerResolver#resolve} call was asked about.
 * Immutable.
 */
public final class Owners {
    private final LongMap<List<Holder>> holders;
    private final List<HiddenProcess> hidden;

    Owners(LongMap<List<Holder>> holders, List<HiddenProcess> hidden) {
        this.holders = holders;
        this.hidden = List.copyOf(hidden);
    }

    /**
     * @return every process holding socket {@code inode}, sorted by pid, each pid once; empty
     *         when no visible process holds it, when it was not asked about, or for inode 0
     */
    public List<Holder> holdersOf(long inode) {
        List<Holder> h = holders.get(inode);
        return h != null ? h : List.of();
    }

    /**
     * @return how many processes' open files could not be inspected (access denied: other
     *         users' processes when not root, and processes even root may not inspect); 0 when
     *         every process was visible. Processes that exited during the scan are not counted.
     */
    public int hiddenProcesses() {
        return hidden.size();
    }

    /** @return those processes, pid and name, in pid order */
    public List<HiddenProcess> hidden() {
        return hidden;
    }
}
