package dev.sockscope.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Holder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call whose tables claim what they claimed at the last call hands on the last outcome
 * instead of making a new {@link Resolution}: it must give exactly what a resolution gives, as
 * the tree changes under it (sockets opened, closed, swapped for another at the same fd count,
 * dup'ed, shared with another process, processes renamed, started and ended).
 */
class ProcOwnerReuseTest {
    @TempDir
    Path tmp;

    FakeProc proc;
    UserNames users;

    @BeforeEach
    void setUp() throws IOException {
        proc = new FakeProc(Files.createDirectory(tmp.resolve("proc")));
        Path passwd = tmp.resolve("passwd");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\n");
        users = new UserNames(passwd);
    }

    /** pid -> fd -> inode (0: not a socket), as the tree holds it. */
    private final Map<Integer, TreeMap<Integer, Long>> tree = new TreeMap<>();

    @Test
    void handsOnTheSameHoldersAsAFullResolutionWhateverChanges() {
        for (long seed = 1; seed <= 6; seed++) {
            compareOver(new Random(seed), 4);
        }
        compareOver(new Random(99), 1);
    }

    @Test
    void handsOnTheSameHolderObjectsWhenATableIsReadAgainUnchanged() {
        proc.process(10, "a", 0).socket(10, 3, 800).process(20, "b", 0).socket(20, 3, 801);
        ProcOwnerResolver r = new ProcOwnerResolver(proc.root, users, new StampedFiles(true), 2);
        long[] want = {800, 801};
        Owners first = r.resolve(want);
        for (int i = 0; i < 4; i++) { // each pid re-read at its turn
            Owners again = r.resolve(want);
            assertSame(first.holdersOf(800), again.holdersOf(800));
            assertSame(first.holdersOf(801), again.holdersOf(801));
        }
        proc.write(10, "comm", FakeProc.utf8("renamed\n"));
        Owners later = r.resolve(want);
        later = r.resolve(want);
        assertEquals("renamed", later.holdersOf(800).get(0).process());
        assertSame(first.holdersOf(801), later.holdersOf(801));
    }

    @Test
    void reChecksADupedSocketAsAResolutionDoes() {
        proc.process(10, "a", 0).socket(10, 3, 800).socket(10, 4, 800).process(20, "b", 0);
        ProcOwnerResolver r = new ProcOwnerResolver(proc.root, users, new StampedFiles(true), 100);
        long[] want = {800};
        assertEquals(10, r.resolve(want).holdersOf(800).get(0).pid());
        r.resolve(want);
        // both fds now name other sockets: the fd count, and so the stamp, is the same
        proc.socket(10, 3, 801).socket(10, 4, 802);

        assertEquals(List.of(), r.resolve(want).holdersOf(800));
    }

    private void compareOver(Random rnd, int period) {
        FakeProc.deleteTree(proc.root);
        tree.clear();
        try {
            Files.createDirectories(proc.root);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        ProcOwnerResolver fast = new ProcOwnerResolver(proc.root, users, new StampedFiles(true), period);
        ProcOwnerResolver full = new ProcOwnerResolver(proc.root, users, new StampedFiles(true), period);
        full.reuseOutcomes = false;
        for (int pid = 10; pid < 16; pid++) {
            start(pid, rnd);
        }
        long[] wanted = wanted(rnd);
        for (int step = 0; step < 300; step++) {
            if (rnd.nextInt(3) == 0) {
                change(rnd);
            }
            if (rnd.nextInt(8) == 0) {
                wanted = wanted(rnd);
            }
            Owners a = fast.resolve(wanted);
            Owners b = full.resolve(wanted);
            for (long inode : wanted) {
                List<Holder> ha = a.holdersOf(inode);
                List<Holder> hb = b.holdersOf(inode);
                assertEquals(hb, ha, "inode " + inode + " at step " + step + " of " + tree);
            }
            assertEquals(b.hidden(), a.hidden());
        }
        if (period > 1) {
            assertTrue(fast.reused > 50, "reused " + fast.reused);
        }
        assertEquals(0, full.reused);
    }

    private long[] wanted(Random rnd) {
        List<Long> out = new ArrayList<>();
        for (TreeMap<Integer, Long> fds : tree.values()) {
            for (long inode : fds.values()) {
                if (inode > 0 && rnd.nextInt(10) > 0) {
                    out.add(inode);
                }
            }
        }
        out.add(1900L + rnd.nextInt(3)); // held by nobody visible
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private void start(int pid, Random rnd) {
        proc.process(pid, "p" + pid, 0);
        TreeMap<Integer, Long> fds = new TreeMap<>();
        tree.put(pid, fds);
        proc.link(pid, 0, "/dev/null");
        fds.put(0, 0L);
        for (int i = 0, n = rnd.nextInt(4); i < n; i++) {
            open(pid, rnd);
        }
    }

    private void open(int pid, Random rnd) {
        TreeMap<Integer, Long> fds = tree.get(pid);
        int fd = fds.lastKey() + 1;
        long inode = 1000 + rnd.nextInt(40); // may be another process's socket: shared
        if (rnd.nextInt(4) == 0 && !fds.isEmpty()) {
            long same = fds.get(fds.lastKey());
            if (same > 0) {
                inode = same; // a dup'ed fd
            }
        }
        proc.socket(pid, fd, inode);
        fds.put(fd, inode);
    }

    private void change(Random rnd) {
        List<Integer> pids = new ArrayList<>(tree.keySet());
        int pid = pids.get(rnd.nextInt(pids.size()));
        TreeMap<Integer, Long> fds = tree.get(pid);
        switch (rnd.nextInt(7)) {
            case 0 -> open(pid, rnd);
            case 1 -> {
                if (fds.size() > 1) {
                    int fd = fds.lastKey();
                    proc.close(pid, fd);
                    fds.remove(fd);
                }
            }
            case 2 -> {
                // the same fd count: one socket swapped for another
                if (fds.size() > 1) {
                    int fd = fds.lastKey();
                    proc.close(pid, fd);
                    fds.remove(fd);
                    open(pid, rnd);
                }
            }
            case 3 -> proc.write(pid, "comm", FakeProc.utf8("q" + rnd.nextInt(3) + "\n"));
            case 4 -> {
                if (tree.size() > 2) {
                    proc.exit(pid);
                    tree.remove(pid);
                }
            }
            case 5 -> {
                int fresh = 16 + rnd.nextInt(20);
                if (!tree.containsKey(fresh)) {
                    start(fresh, rnd);
                }
            }
            default -> {
                // the same fd count: a file swapped for a socket
                Long at0 = fds.get(0);
                if (at0 != null && at0 == 0) {
                    long inode = 1000 + rnd.nextInt(40);
                    proc.socket(pid, 0, inode);
                    fds.put(0, inode);
                } else if (at0 != null) {
                    proc.link(pid, 0, "/dev/null");
                    fds.put(0, 0L);
                }
            }
        }
    }
}
