package dev.sockscope.owner;

import dev.sockscope.model.HiddenProcess;
import dev.sockscope.model.Holder;
import java.util.Arrays;
import java.util.List;

/**
 * The holders of the socket inodes one {@link ProcOwnerResolver#resolve} call was asked about.
 * Immutable but for the table {@link #holdersOf} makes at its first call.
 */
public final class Owners {
    private final long[] inodes;
    private final List<Holder>[] holdersAt;
    private final List<HiddenProcess> hidden;
    /** By inode, for {@link #holdersOf}: made at its first call. */
    private LongMap<List<Holder>> byInode;

    /**
     * @param inodes    the inodes asked about
     * @param holdersAt at each of their indexes, the holders of that inode
     */
    Owners(long[] inodes, List<Holder>[] holdersAt, List<HiddenProcess> hidden) {
        this.inodes = inodes.clone();
        this.holdersAt = holdersAt;
        this.hidden = List.copyOf(hidden);
    }

    /** Whether these were the inodes asked about, in this order. */
    boolean askedAbout(long[] asked) {
        return Arrays.equals(inodes, asked);
    }

    /** The holders by index, as {@link #holdersAt} gives them (not a copy: never written). */
    List<Holder>[] byIndex() {
        return holdersAt;
    }

    /**
     * The holders of the {@code i}th inode asked about: {@link #holdersOf} it, without a lookup.
     *
     * @throws IndexOutOfBoundsException when {@code i} is not an index of the inodes asked about
     */
    public List<Holder> holdersAt(int i) {
        return holdersAt[i];
    }

    /**
     * @return every process holding socket {@code inode}, sorted by pid, each pid once; empty
     *         when no visible process holds it, when it was not asked about, or for inode 0
     */
    public synchronized List<Holder> holdersOf(long inode) {
        if (byInode == null) {
            byInode = new LongMap<>(inodes.length);
            for (int i = 0; i < inodes.length; i++) {
                if (!holdersAt[i].isEmpty()) {
                    byInode.put(inodes[i], holdersAt[i]);
                }
            }
        }
        List<Holder> h = byInode.get(inode);
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
