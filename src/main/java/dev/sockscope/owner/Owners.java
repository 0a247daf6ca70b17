package dev.sockscope.owner;

import dev.sockscope.model.Holder;
import java.util.List;

/**
 * The holders of the socket inodes one {@link ProcOwnerResolver#resolve} call was asked about.
 * Immutable.
 */
public final class Owners {
    private final LongMap<List<Holder>> holders;
    private final int hiddenProcesses;

    Owners(LongMap<List<Holder>> holders, int hiddenProcesses) {
        this.holders = holders;
        this.hiddenProcesses = hiddenProcesses;
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
     *         users' processes when not root); 0 when every process was visible. Processes
     *         that exited during the scan are not counted.
     */
    public int hiddenProcesses() {
        return hiddenProcesses;
    }
}
