package dev.sockscope.owner;

import static dev.sockscope.owner.FakeProc.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Holder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reuse between calls: what {@link ProcOwnerResolver} re-reads, and that it never reports a
 * stale holder. The tree gets procfs-like stamps from {@link StampedFiles}: a pid keeps its
 * stamp until it is recreated or its fd count changes. Periodic re-reads are placed with
 * {@link ProcOwnerResolver#due}: pid p is re-read on call c when (c + p) % period == 0.
 */
class ProcOwnerCacheTest {
    @TempDir
    Path tmp;

    FakeProc proc;
    StampedFiles files;
    UserNames users;

    @BeforeEach
    void setUp() throws IOException {
        proc = new FakeProc(Files.createDirectory(tmp.resolve("proc")));
        files = new StampedFiles(true);
        Path passwd = tmp.resolve("passwd");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\nwww:x:33:33::/var/www:/bin/sh\n");
        users = new UserNames(passwd);
    }

    private ProcOwnerResolver resolver(int fullRescanEvery) {
        return new ProcOwnerResolver(proc.root, users, files, fullRescanEvery);
    }

    private static List<Integer> pids(Owners owners, long inode) {
        return owners.holdersOf(inode).stream().map(Holder::pid).toList();
    }

    @Test
    void readsNoFdTableWhenNothingChanged() {
        proc.process(10, "a", 0)
                .socket(10, 3, 800)
                .link(10, 4, "/dev/null")
                .process(20, "b", 0)
                .socket(20, 3, 801)
                .socket(20, 4, 802)
                .process(30, "c", 0)
                .link(30, 0, "/dev/null");
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {800, 801});
        assertEquals(List.of(10, 20, 30), files.takeTablesRead());

        Owners second = r.resolve(new long[] {800, 801});

        assertEquals(List.of(), files.takeTablesRead());
        assertEquals(0, r.lastStats().linksRead());
        assertEquals(List.of(10), pids(second, 800));
        assertEquals(List.of(20), pids(second, 801));
        assertEquals("b", second.holdersOf(801).get(0).process());
    }

    @Test
    void aScanAheadOfResolveReadsEachTableOnceAndGivesTheSameHolders() {
        proc.process(10, "a", 0)
                .socket(10, 3, 800)
                .link(10, 4, "/dev/null")
                .process(20, "b", 0)
                .socket(20, 3, 801)
                .socket(20, 4, 800);
        ProcOwnerResolver r = resolver(100);
        r.scan();
        assertEquals(List.of(10, 20), files.takeTablesRead());

        Owners owners = r.resolve(new long[] {800, 801});

        assertEquals(List.of(), files.takeTablesRead(), "resolve used the scan");
        assertEquals(List.of(10, 20), pids(owners, 800));
        assertEquals(List.of(20), pids(owners, 801));
        assertEquals(4, r.lastStats().linksRead(), "the scan's links count for the call");
    }

    @Test
    void aSocketOpenedAfterTheScanGetsItsHolderAtTheNextCall() {
        proc.process(10, "a", 0).socket(10, 3, 800);
        ProcOwnerResolver r = resolver(100);
        r.scan();
        proc.socket(10, 4, 801); // opened while the connection tables were being read

        Owners first = r.resolve(new long[] {800, 801});
        assertEquals(List.of(10), pids(first, 800));
        assertEquals(List.of(), pids(first, 801), "the scan came before the socket");

        r.scan();
        Owners second = r.resolve(new long[] {800, 801});
        assertEquals(List.of(10), pids(second, 801), "its holder's fd count changed: re-read");
    }

    @Test
    void reportsTheNewProcessWhenASocketMovesToIt() {
        proc.process(10, "parent", 0).socket(10, 3, 800);
        ProcOwnerResolver r = resolver(100);
        assertEquals(List.of(10), pids(r.resolve(new long[] {800}), 800));

        proc.process(11, "child", 0).socket(11, 3, 800);
        proc.close(10, 3);
        Owners owners = r.resolve(new long[] {800});

        assertEquals(List.of(11), pids(owners, 800));
        assertEquals("child", owners.holdersOf(800).get(0).process());
    }

    @Test
    void reportsTheNewHolderWhenASocketMovesBetweenProcessesThatKeepTheirFdCounts() {
        proc.process(10, "dispatcher", 0)
                .socket(10, 5, 800)
                .process(20, "idle", 0)
                .link(20, 0, "/dev/null")
                .process(30, "worker", 33)
                .link(30, 5, "/dev/null");
        ProcOwnerResolver r = resolver(100);
        assertEquals(List.of(10), pids(r.resolve(new long[] {800}), 800));
        files.takeTablesRead();

        // The dispatcher hands the connection over and accepts another one in the same fd;
        // the worker replaces a file with the socket: neither fd count changes.
        proc.socket(30, 5, 800).socket(10, 5, 801);
        Owners owners = r.resolve(new long[] {800, 801});

        assertEquals(List.of(30), pids(owners, 800));
        assertEquals(List.of(10), pids(owners, 801));
        assertEquals("www", owners.holdersOf(800).get(0).user());
        assertEquals(List.of(10, 20, 30), files.takeTablesRead());
    }

    @Test
    void dropsAHolderThatExited() {
        proc.process(10, "master", 0)
                .socket(10, 3, 800)
                .process(11, "worker", 33)
                .socket(11, 3, 800)
                .process(12, "worker", 33)
                .socket(12, 3, 800);
        ProcOwnerResolver r = resolver(100);
        assertEquals(List.of(10, 11, 12), pids(r.resolve(new long[] {800}), 800));

        proc.exit(11);
        Owners owners = r.resolve(new long[] {800});

        assertEquals(List.of(10, 12), pids(owners, 800));
        assertEquals(0, owners.hiddenProcesses());
    }

    @Test
    void findsAForkedChildSharingAKnownSocketOnTheSameCall() {
        proc.process(10, "master", 0).socket(10, 3, 800);
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {800});
        files.takeTablesRead();

        proc.process(15, "worker", 33).socket(15, 3, 800);
        Owners owners = r.resolve(new long[] {800});

        assertEquals(List.of(10, 15), pids(owners, 800));
        assertEquals(List.of(15), files.takeTablesRead());
    }

    @Test
    void forgetsEverythingAboutAPidThatWasReused() {
        proc.process(10, "old", 0).socket(10, 3, 800);
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {800});

        proc.exit(10).process(10, "new", 33).socket(10, 3, 800);
        Owners owners = r.resolve(new long[] {800});

        assertEquals(List.of(new Holder(10, "new", "new", 33, "www")), owners.holdersOf(800));
    }

    @Test
    void rereadsAProcessWhoseFdCountChangedAndItsNameWithIt() {
        proc.process(10, "sh", 0).socket(10, 3, 800).link(10, 4, "/bin/sh");
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {800});
        files.takeTablesRead();

        // exec: close-on-exec fds go, the name and command line change, the pid stays.
        proc.close(10, 4).write(10, "comm", utf8("server\n")).write(10, "cmdline", utf8("server\0-p\08080\0"));
        Owners owners = r.resolve(new long[] {800});

        assertEquals(List.of(10), files.takeTablesRead());
        assertEquals(
                new Holder(10, "server", "server -p 8080", 0, "root"),
                owners.holdersOf(800).get(0));
    }

    @Test
    void stopsSearchingOnceEveryWantedInodeIsFound() {
        proc.process(10, "a", 0)
                .socket(10, 3, 800)
                .process(20, "b", 0)
                .socket(20, 3, 900)
                .process(30, "c", 0)
                .link(30, 3, "/dev/null")
                .process(40, "d", 0)
                .socket(40, 3, 901);
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {800});
        files.takeTablesRead();

        proc.socket(20, 3, 801);
        Owners owners = r.resolve(new long[] {800, 801});

        assertEquals(List.of(20), pids(owners, 801));
        assertEquals(List.of(10), pids(owners, 800));
        assertEquals(List.of(10, 20), files.takeTablesRead(), "socket holders first, in pid order, then stop");
    }

    @Test
    void searchesProcessesWithoutSocketsLast() {
        proc.process(10, "a", 0).link(10, 3, "/dev/null").process(20, "b", 0).socket(20, 3, 900);
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {900});
        files.takeTablesRead();

        proc.socket(10, 3, 801);
        Owners owners = r.resolve(new long[] {801});

        assertEquals(List.of(10), pids(owners, 801));
        assertEquals(List.of(20, 10), files.takeTablesRead());
    }

    @Test
    void findsAnOrphanedInodeOnceAProcessReceivesItAndItsFdCountChanges() {
        proc.process(10, "a", 0).socket(10, 3, 800).process(20, "b", 0).link(20, 3, "/dev/null");
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {800, 999});

        proc.socket(20, 4, 999);
        Owners owners = r.resolve(new long[] {800, 999});

        assertEquals(List.of(20), pids(owners, 999));
    }

    @Test
    void doesNotSearchAgainForAnInodeNobodyHolds() {
        proc.process(10, "a", 0).socket(10, 3, 800).process(20, "b", 0).link(20, 3, "/dev/null");
        ProcOwnerResolver r = resolver(100);
        Owners first = r.resolve(new long[] {800, 999});
        assertEquals(List.of(), first.holdersOf(999));
        assertEquals(List.of(10, 20), files.takeTablesRead());

        // the first call's scan may have read a table before the socket was made: searched once
        Owners second = r.resolve(new long[] {800, 999});
        assertEquals(List.of(10, 20), files.takeTablesRead());
        assertEquals(List.of(10), pids(second, 800));
        assertEquals(List.of(), second.holdersOf(999));

        Owners third = r.resolve(new long[] {800, 999});

        assertEquals(List.of(), files.takeTablesRead());
        assertEquals(List.of(10), pids(third, 800));
        assertEquals(List.of(), third.holdersOf(999));
    }

    @Test
    void dropsAnOldHolderThatHandedItsSocketToANewProcess() {
        proc.process(10, "dispatcher", 0)
                .socket(10, 5, 800)
                .process(20, "other", 0)
                .socket(20, 5, 900);
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {800, 900});
        files.takeTablesRead();

        // Same fd count in the dispatcher: the new process's table contradicts its claim.
        proc.process(40, "worker", 33).socket(40, 3, 800);
        proc.link(10, 5, "/dev/null");
        Owners owners = r.resolve(new long[] {800, 900});

        assertEquals(List.of(40), pids(owners, 800));
        assertEquals(List.of(20), pids(owners, 900));
        assertEquals(List.of(40, 10), files.takeTablesRead(), "the old holder re-read, the bystander not");
    }

    @Test
    void checksAParentsClaimWithOneReadlinkWhenAChildSharesIt() {
        proc.process(10, "master", 0).socket(10, 3, 800).socket(10, 4, 801).link(10, 5, "/dev/null");
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {800, 801});
        files.takeTablesRead();

        proc.process(11, "worker", 33).socket(11, 3, 800);
        Owners owners = r.resolve(new long[] {800, 801});

        assertEquals(List.of(10, 11), pids(owners, 800));
        assertEquals(List.of(10), pids(owners, 801));
        assertEquals(List.of(11), files.takeTablesRead());
        assertEquals(2, r.lastStats().linksRead(), "the child's fd and the parent's fd 3");
    }

    @Test
    void spreadsThePeriodicRereadsOverTheCalls() {
        for (int pid = 30; pid < 36; pid++) {
            proc.process(pid, "p", 0).socket(pid, 3, 800 + pid);
        }
        ProcOwnerResolver r = resolver(3);
        r.resolve(new long[] {830});
        files.takeTablesRead();

        r.resolve(new long[] {830});
        assertEquals(List.of(31, 34), files.takeTablesRead());
        r.resolve(new long[] {830});
        assertEquals(List.of(30, 33), files.takeTablesRead());
        r.resolve(new long[] {830});
        assertEquals(List.of(32, 35), files.takeTablesRead());
        assertTrue(ProcOwnerResolver.due(4, 35, 3));
    }

    @Test
    void seesAHolderThatGainedAKnownSocketWithoutFdCountChangeAtItsTurn() {
        // The documented trade-off: fd passing into an existing process that closes another fd
        // in the same interval shows at that process's periodic re-read, not before.
        proc.process(10, "a", 0).socket(10, 3, 800).process(20, "b", 0).link(20, 3, "/dev/null");
        ProcOwnerResolver r = resolver(3);
        r.resolve(new long[] {800});

        proc.socket(20, 3, 800);
        assertEquals(List.of(10), pids(r.resolve(new long[] {800}), 800));
        assertEquals(List.of(10), pids(r.resolve(new long[] {800}), 800));
        assertTrue(ProcOwnerResolver.due(4, 20, 3));
        assertEquals(List.of(10, 20), pids(r.resolve(new long[] {800}), 800));
    }

    /** Process {@code pid} with a table large enough to ask whether it ran: fds 3 to 80 on /dev/null. */
    private FakeProc largeProcess(int pid) {
        proc.process(pid, "big", 0);
        for (int fd = 3; fd <= 80; fd++) {
            proc.link(pid, fd, "/dev/null");
        }
        return proc;
    }

    private List<Integer> tablesReadBy(ProcOwnerResolver r, long inode) {
        r.resolve(new long[] {inode});
        return files.takeTablesRead();
    }

    @Test
    void skipsThePeriodicRereadOfALargeTableWhoseThreadsHaveNotRun() {
        // pid 10's turns (period 3) are calls 2, 5, 8, ...; pid 20's are 4, 7, ...
        largeProcess(10).schedstat(10, 10, 5_000, 7).schedstat(10, 11, 900, 2);
        proc.process(20, "b", 0).socket(20, 3, 801);
        ProcOwnerResolver r = resolver(3);
        assertEquals(List.of(10, 20), tablesReadBy(r, 801));
        assertEquals(List.of(), tablesReadBy(r, 801), "its threads are as they were when it was read");
        assertEquals(List.of(), tablesReadBy(r, 801));
        assertEquals(List.of(20), tablesReadBy(r, 801));

        // a table changed with no thread run (impossible on a kernel): the turn trusts it
        proc.socket(10, 4, 801);
        assertEquals(List.of(), tablesReadBy(r, 801));
        assertEquals(List.of(20), pids(r.resolve(new long[] {801}), 801));
        files.takeTablesRead();
        tablesReadBy(r, 801);

        // one of its threads ran: read at its next turn, and the socket it gained is seen
        proc.schedstat(10, 11, 950, 3);
        Owners at8 = r.resolve(new long[] {801});
        assertEquals(List.of(10), files.takeTablesRead());
        assertEquals(List.of(10, 20), pids(at8, 801));
    }

    @Test
    void aProcessThatRanWhileItsTableWasReadIsReadAgainAtItsTurn() {
        // what its threads had run is taken before its table is read: a run during the read counts
        largeProcess(10).schedstat(10, 10, 5_000, 7);
        files.beforeTableRead = pid -> {
            if (pid == 10) {
                proc.schedstat(10, 10, 5_010, 8);
                files.beforeTableRead = p -> {};
            }
        };
        ProcOwnerResolver r = resolver(3);
        assertEquals(List.of(10), tablesReadBy(r, 800));
        assertEquals(List.of(10), tablesReadBy(r, 800), "call 2, its turn");
        tablesReadBy(r, 800);
        tablesReadBy(r, 800);
        assertEquals(List.of(), tablesReadBy(r, 800), "call 5: idle since");
    }

    @Test
    void readsTheTableOfAProcessThatGainedOrLostAThreadAtItsTurn() {
        largeProcess(10).schedstat(10, 10, 5_000, 7);
        ProcOwnerResolver r = resolver(3);
        tablesReadBy(r, 800);
        assertEquals(List.of(), tablesReadBy(r, 800), "call 2: idle, at its turn and for the search");
        assertEquals(List.of(), tablesReadBy(r, 800), "call 3: idle");
        tablesReadBy(r, 800);
        assertEquals(List.of(), tablesReadBy(r, 800), "call 5: idle");
        proc.schedstat(10, 12, 0, 1);
        tablesReadBy(r, 800);
        tablesReadBy(r, 800);
        assertEquals(List.of(10), tablesReadBy(r, 800), "call 8: a new thread");
        FakeProc.deleteTree(proc.dir(10).resolve("task").resolve("12"));
        tablesReadBy(r, 800);
        tablesReadBy(r, 800);
        assertEquals(List.of(10), tablesReadBy(r, 800), "call 11: the thread is gone");
    }

    @Test
    void aSearchPassesOverALargeTableWhoseProcessHasNotRunSinceItWasRead() {
        // pid 10's turns (period 100) are far off; 999 is nobody's at the first call
        largeProcess(10).schedstat(10, 10, 5_000, 7);
        proc.process(20, "small", 0).socket(20, 3, 800);
        ProcOwnerResolver r = resolver(100);
        assertEquals(List.of(10, 20), tablesReadBy(r, 999));

        // the search for it (the first call's scan may have read a table too early) reads
        // the small table, not the large one of a process that has not run
        Owners second = r.resolve(new long[] {999});
        assertEquals(List.of(20), files.takeTablesRead());
        assertEquals(List.of(), second.holdersOf(999));

        // 30 is new, and takes over 10's way of being: it runs, and a socket of its own takes
        // an fd it freed (the count stays)
        largeProcess(30).schedstat(30, 30, 5_000, 7);
        proc.process(40, "small", 0).socket(40, 3, 801);
        ProcOwnerResolver s = resolver(100);
        assertEquals(List.of(10, 20, 30, 40), tablesReadBy(s, 998));
        proc.socket(30, 80, 998).schedstat(30, 30, 5_100, 8);
        Owners found = s.resolve(new long[] {998});
        assertEquals(List.of(30), pids(found, 998));
        assertEquals(
                List.of(20, 40, 30),
                files.takeTablesRead(),
                "holders of sockets first, then the rest; 10 passed over, 30 ran and is read");
    }

    @Test
    void readsAnIdleLargeTableAtEveryTenthTurnAndASmallOneAtEachTurn() {
        largeProcess(10).schedstat(10, 10, 5_000, 7);
        proc.process(13, "small", 0).socket(13, 3, 800).schedstat(13, 13, 70, 1);
        ProcOwnerResolver r = resolver(3);
        List<Integer> largeReadAt = new ArrayList<>();
        List<Integer> smallReadAt = new ArrayList<>();
        for (int call = 1; call <= 50; call++) {
            List<Integer> read = tablesReadBy(r, 800);
            if (read.contains(10)) {
                largeReadAt.add(call);
            }
            if (read.contains(13)) {
                smallReadAt.add(call);
            }
        }
        // its turns are 2, 5, 8, ...: every tenth, (call + 10) % 30 == 0
        assertEquals(List.of(1, 20, 50), largeReadAt);
        assertEquals(List.of(1, 2, 5, 8, 11, 14, 17, 20, 23, 26, 29, 32, 35, 38, 41, 44, 47, 50), smallReadAt);
    }

    @Test
    void dropsAHolderThatGaveUpASharedSocketWithoutFdCountChangeAtOnce() {
        // Both tables trusted (no fd count changed); the shared claims are re-checked with one
        // readlink each, and pid 11's fd 3 no longer names the socket.
        proc.process(11, "a", 0)
                .socket(11, 3, 800)
                .process(20, "b", 0)
                .socket(20, 3, 800)
                .process(30, "c", 0)
                .socket(30, 3, 801);
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {800, 801});
        files.takeTablesRead();

        proc.link(11, 3, "/dev/null");
        assertEquals(List.of(20), pids(r.resolve(new long[] {800, 801}), 800));
        assertEquals(List.of(11), files.takeTablesRead(), "only the holder that let go is re-read");
        assertEquals(3, r.lastStats().linksRead(), "two re-checked claims and pid 11's one-fd table");
        assertEquals(List.of(20), pids(r.resolve(new long[] {800, 801}), 800));
        assertEquals(List.of(), files.takeTablesRead());
        assertEquals(0, r.lastStats().linksRead(), "no longer shared: nothing to re-check");
    }

    @Test
    void dropsAHolderThatGaveUpASocketWhoseOtherHolderExitedInTheMeantime() {
        // Shared at the last call: pid 11's claim is re-checked even though it is now the only one.
        proc.process(11, "a", 0).socket(11, 3, 800).process(20, "b", 0).socket(20, 3, 800);
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {800});

        proc.link(11, 3, "/dev/null");
        proc.exit(20);
        assertEquals(List.of(), pids(r.resolve(new long[] {800}), 800));
    }

    @Test
    void refreshesTheCommandLineOfAnUnchangedProcessAtItsTurn() {
        proc.process(11, "postgres", 0).socket(11, 3, 800);
        ProcOwnerResolver r = resolver(3);
        r.resolve(new long[] {800});

        proc.write(11, "cmdline", utf8("postgres: alice db 127.0.0.1(5432) SELECT"));
        assertEquals(
                "postgres", r.resolve(new long[] {800}).holdersOf(800).get(0).command());
        assertEquals(
                "postgres", r.resolve(new long[] {800}).holdersOf(800).get(0).command());
        Owners owners = r.resolve(new long[] {800});

        assertEquals(
                "postgres: alice db 127.0.0.1(5432) SELECT",
                owners.holdersOf(800).get(0).command());
    }

    @Test
    void triesADeniedProcessAgainOnEveryCall() {
        proc.process(10, "a", 0).socket(10, 3, 800).process(20, "secret", 0).socket(20, 3, 801);
        files.denied.add(20);
        ProcOwnerResolver r = resolver(100);
        assertEquals(1, r.resolve(new long[] {800, 801}).hiddenProcesses());
        files.takeTablesRead();

        // 20 tried again; 10 searched once for the first call's unclaimed 801
        Owners second = r.resolve(new long[] {800, 801});
        assertEquals(1, second.hiddenProcesses());
        assertEquals(List.of(20, 10), files.takeTablesRead());
        assertEquals(List.of(), second.holdersOf(801));

        Owners again = r.resolve(new long[] {800, 801});
        assertEquals(1, again.hiddenProcesses());
        assertEquals(List.of(20), files.takeTablesRead());
        assertEquals(List.of(), again.holdersOf(801));

        files.denied.clear();
        Owners third = r.resolve(new long[] {800, 801});
        assertEquals(0, third.hiddenProcesses());
        assertEquals(List.of(20), pids(third, 801));
    }

    @Test
    void readsEveryTableOnEveryCallWhenReuseIsOff() {
        proc.process(10, "a", 0).socket(10, 3, 800).process(20, "b", 0);
        ProcOwnerResolver r = resolver(1);
        r.resolve(new long[] {800});
        files.takeTablesRead();

        r.resolve(new long[] {800});

        assertTrue(r.lastStats().full());
        assertEquals(List.of(10, 20), files.takeTablesRead());
    }

    @Test
    void readsEveryTableOnEveryCallOfATreeWithoutStamps() {
        StampedFiles plain = new StampedFiles(false);
        proc.process(10, "a", 0).socket(10, 3, 800);
        ProcOwnerResolver r = new ProcOwnerResolver(proc.root, users, plain, 100);
        r.resolve(new long[] {800});
        plain.takeTablesRead();

        proc.close(10, 3).socket(10, 3, 801);
        Owners owners = r.resolve(new long[] {800, 801});

        assertFalse(r.lastStats().full());
        assertEquals(List.of(10), plain.takeTablesRead());
        assertEquals(List.of(), owners.holdersOf(800));
        assertEquals(List.of(10), pids(owners, 801));
    }

    @Test
    void readsAgainATableWhoseFdCountMovedAfterTheScanInsteadOfSearchingTheOthers() {
        proc.process(10, "server", 0)
                .socket(10, 3, 800)
                .process(20, "big", 0)
                .socket(20, 3, 900)
                .process(30, "other", 0)
                .socket(30, 3, 901);
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {800, 900, 901});
        files.takeTablesRead();

        proc.socket(10, 4, 801);
        r.scan(); // reads pid 10 (its fd count changed) while the tables are read
        assertEquals(List.of(10), files.takeTablesRead());
        proc.socket(10, 5, 802); // accepted after that read, before resolve

        Owners owners = r.resolve(new long[] {800, 801, 802, 900, 901});

        assertEquals(List.of(10), pids(owners, 802));
        assertEquals(List.of(10), pids(owners, 801));
        assertEquals(List.of(20), pids(owners, 900));
        assertEquals(List.of(10), files.takeTablesRead(), "pid 10 again; the trusted 20 and 30 not searched");
    }

    @Test
    void doesNotSearchForASocketTheCheckSaysClosed() {
        proc.process(10, "a", 0).socket(10, 3, 800).process(20, "b", 0).socket(20, 3, 900);
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {800, 900});
        files.takeTablesRead();
        List<Integer> asked = new ArrayList<>();

        // 999 was in the connection tables, and closed before any fd table was read
        Owners owners = r.resolve(new long[] {800, 999, 900}, i -> {
            asked.add(i);
            return false;
        });

        assertEquals(List.of(1), asked, "asked about the unclaimed socket only, by its index");
        assertEquals(List.of(), files.takeTablesRead());
        assertEquals(List.of(), owners.holdersOf(999));
        assertEquals(List.of(10), pids(owners, 800));
        assertEquals(List.of(20), pids(owners, 900));
    }

    @Test
    void searchesForASocketTheCheckSaysOpenAndRemembersNoClosedOneAsOrphan() {
        proc.process(10, "a", 0).socket(10, 3, 800).process(20, "b", 0).socket(20, 3, 900);
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {800, 900});
        files.takeTablesRead();
        r.resolve(new long[] {800, 900, 999}, i -> false);
        assertEquals(List.of(), files.takeTablesRead());

        // the same inode again, now said open (it is held where no table shows it): searched
        proc.socket(20, 3, 999);
        Owners owners = r.resolve(new long[] {800, 900, 999}, i -> true);

        assertEquals(List.of(10, 20), files.takeTablesRead(), "a search, as without the check");
        assertEquals(List.of(20), pids(owners, 999));
    }

    @Test
    void searchesWithoutAskingWhenMoreSocketsAreUnclaimedThanItChecks() {
        proc.process(10, "a", 0).socket(10, 3, 800).process(20, "b", 0).socket(20, 3, 900);
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {800});
        files.takeTablesRead();
        long[] many = new long[Resolution.MAX_OPEN_CHECKS + 2];
        many[0] = 800;
        for (int i = 1; i < many.length; i++) {
            many[i] = 5000 + i;
        }
        List<Integer> asked = new ArrayList<>();

        r.resolve(many, i -> {
            asked.add(i);
            return false;
        });

        assertEquals(List.of(), asked);
        assertEquals(List.of(10, 20), files.takeTablesRead(), "the search, unasked");
    }

    @Test
    void readsAProcessStartedAfterTheScanInsteadOfSearchingTheOthers() {
        proc.process(10, "server", 0).socket(10, 3, 800).process(20, "big", 0).socket(20, 3, 900);
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {800, 900});
        files.takeTablesRead();

        r.scan(); // nothing changed: nothing read
        proc.process(30, "worker", 0).socket(30, 3, 801); // forked after the listing, then a socket

        Owners owners = r.resolve(new long[] {800, 801, 900});

        assertEquals(List.of(30), pids(owners, 801));
        assertEquals(List.of(30), files.takeTablesRead(), "the newcomer only; the trusted 10 and 20 not searched");
        assertEquals("worker", owners.holdersOf(801).get(0).process());

        Owners next = r.resolve(new long[] {800, 801, 900});
        assertEquals(List.of(30), pids(next, 801), "known from then on");
        assertEquals(List.of(), files.takeTablesRead());
    }

    @Test
    void countsADeniedProcessStartedAfterTheScanAsHidden() {
        proc.process(10, "a", 0).socket(10, 3, 800);
        ProcOwnerResolver r = resolver(100);
        r.resolve(new long[] {800});
        r.scan();
        proc.process(40, "other", 33).socket(40, 3, 801);
        files.denied.add(40);

        Owners owners = r.resolve(new long[] {800, 801});

        assertEquals(List.of(), owners.holdersOf(801));
        assertEquals(1, owners.hiddenProcesses());
    }
}
