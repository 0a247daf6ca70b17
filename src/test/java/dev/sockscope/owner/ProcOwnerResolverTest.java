package dev.sockscope.owner;

import static dev.sockscope.owner.FakeProc.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockscope.model.HiddenProcess;
import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One-shot behaviour of {@link ProcOwnerResolver} over fake {@code /proc} trees. */
class ProcOwnerResolverTest {
    @TempDir
    Path tmp;

    FakeProc proc;
    UserNames users;

    @BeforeEach
    void setUp() throws IOException {
        proc = new FakeProc(Files.createDirectory(tmp.resolve("proc")));
        Path passwd = tmp.resolve("passwd");
        Files.writeString(
                passwd, "root:x:0:0:root:/root:/bin/bash\n" + "alice:x:1000:1000:Alice:/home/alice:/bin/bash\n");
        users = new UserNames(passwd);
    }

    private ProcOwnerResolver resolver() {
        return new ProcOwnerResolver(proc.root, users);
    }

    @Test
    void resolvesNameCommandLineAndUserOfTheHolder() {
        proc.process(4242, utf8("nginx\n"), utf8("nginx: master process /usr/sbin/nginx\0-g\0daemon off;\0"), 1000)
                .link(4242, 0, "/dev/null")
                .socket(4242, 6, 91234);

        Owners owners = resolver().resolve(new long[] {91234});

        assertEquals(
                List.of(new Holder(
                        4242, "nginx", "nginx: master process /usr/sbin/nginx -g daemon off;", 1000, "alice")),
                owners.holdersOf(91234));
        assertEquals(0, owners.hiddenProcesses());
    }

    @Test
    void holdersByIndexMatchHoldersByInodeForRepeatsZeroAndUnknownInodes() {
        proc.process(300, "master", 0)
                .socket(300, 7, 555)
                .process(1200, "worker", 33)
                .socket(1200, 3, 555)
                .process(400, "redis", 0)
                .socket(400, 6, 777);

        long[] asked = {555, 0, 777, 555, 999};
        Owners owners = resolver().resolve(asked);

        for (int i = 0; i < asked.length; i++) {
            assertEquals(owners.holdersOf(asked[i]), owners.holdersAt(i), "index " + i);
        }
        assertEquals(
                List.of(300, 1200),
                owners.holdersAt(3).stream().map(Holder::pid).toList());
        assertEquals(List.of(400), owners.holdersAt(2).stream().map(Holder::pid).toList());
        assertEquals(List.of(), owners.holdersAt(1));
        assertEquals(List.of(), owners.holdersAt(4));
    }

    @Test
    void keepsEveryHolderOfAPreforkSocketLowestPidFirst() {
        proc.process(3100, "worker", 33)
                .socket(3100, 3, 555)
                .process(300, "master", 0)
                .socket(300, 7, 555)
                .process(1200, "worker", 33)
                .socket(1200, 3, 555);

        List<Holder> holders = resolver().resolve(new long[] {555}).holdersOf(555);

        assertEquals(List.of(300, 1200, 3100), holders.stream().map(Holder::pid).toList());
        assertEquals("master", holders.get(0).process());
        assertEquals("33", holders.get(1).user());
    }

    @Test
    void listsAPidOnceWhenSeveralFdsHoldTheSameSocket() {
        proc.process(77, "dup", 0).socket(77, 3, 900).socket(77, 4, 900).socket(77, 10, 900);

        assertEquals(
                List.of(77),
                resolver().resolve(new long[] {900}).holdersOf(900).stream()
                        .map(Holder::pid)
                        .toList());
    }

    @Test
    void skipsNonSocketFdsAndDirectoriesThatAreNotPids() throws IOException {
        proc.process(10, "app", 0)
                .link(10, 0, "/dev/pts/0")
                .link(10, 1, "pipe:[700]")
                .link(10, 2, "anon_inode:[eventpoll]")
                .link(10, 3, "/tmp/socket:[700]")
                .link(10, 4, "socket:[70a]")
                .link(10, 5, "socket:[]")
                .link(10, 6, "socket:[700")
                .link(10, 7, "socket:[701]");
        for (String name : List.of("self", "net", "0012", "12abc", "-5")) {
            Path d = Files.createDirectories(proc.root.resolve(name).resolve("fd"));
            Files.createSymbolicLink(d.resolve("3"), Path.of("socket:[700]"));
        }

        Owners owners = resolver().resolve(new long[] {700, 701});

        assertEquals(List.of(), owners.holdersOf(700));
        assertEquals(
                List.of(10), owners.holdersOf(701).stream().map(Holder::pid).toList());
    }

    @Test
    void answersOnlyForPositiveInodesThatWereAskedFor() {
        proc.process(10, "app", 0).socket(10, 3, 800).socket(10, 4, 801);

        Owners owners = resolver().resolve(new long[] {0, SocketEntry.UNKNOWN, 800, 800});

        assertEquals(1, owners.holdersOf(800).size());
        assertEquals(List.of(), owners.holdersOf(801));
        assertEquals(List.of(), owners.holdersOf(0));
        assertEquals(List.of(), owners.holdersOf(12345));
    }

    @Test
    void skipsAProcessWithoutFdDirectoryWithoutCountingItHidden() throws IOException {
        proc.process(10, "app", 0).socket(10, 3, 800).process(11, "zombie", 0);
        Files.delete(proc.dir(11).resolve("fd"));

        Owners owners = resolver().resolve(new long[] {800});

        assertEquals(
                List.of(10), owners.holdersOf(800).stream().map(Holder::pid).toList());
        assertEquals(0, owners.hiddenProcesses());
    }

    @Test
    void skipsAProcessThatExitsBetweenListingAndReadingItsFds() {
        proc.process(10, "app", 0)
                .socket(10, 3, 800)
                .process(11, "shortlived", 0)
                .socket(11, 3, 800);
        StampedFiles files = new StampedFiles(false);
        files.beforeTableRead = pid -> {
            if (pid == 11) {
                proc.exit(11);
            }
        };

        Owners owners = new ProcOwnerResolver(proc.root, users, files, 1).resolve(new long[] {800});

        assertEquals(
                List.of(10), owners.holdersOf(800).stream().map(Holder::pid).toList());
        assertEquals(0, owners.hiddenProcesses());
    }

    @Test
    void neverReportsAProcessThatExitsAfterItsFdsWereRead() {
        proc.process(10, "app", 0)
                .socket(10, 3, 800)
                .process(11, "shortlived", 0)
                .socket(11, 3, 800);
        StampedFiles files = new StampedFiles(false) {
            @Override
            byte[] read(Path file, int max) throws IOException {
                if (file.getParent().getFileName().toString().equals("11")) {
                    proc.exit(11);
                }
                return super.read(file, max);
            }
        };

        Owners owners = new ProcOwnerResolver(proc.root, users, files, 1).resolve(new long[] {800});

        assertEquals(
                List.of(10), owners.holdersOf(800).stream().map(Holder::pid).toList());
        assertEquals(0, owners.hiddenProcesses());
    }

    @Test
    void countsAProcessWhoseFdsAreDeniedAsHidden() {
        proc.process(10, "app", 1000)
                .socket(10, 3, 800)
                .process(20, "sshd", 0)
                .socket(20, 3, 801)
                .process(30, "cron", 0);
        StampedFiles files = new StampedFiles(false);
        files.denied.add(20);
        files.denied.add(30);

        Owners owners = new ProcOwnerResolver(proc.root, users, files, 1).resolve(new long[] {800, 801});

        assertEquals(2, owners.hiddenProcesses());
        assertEquals(List.of(new HiddenProcess(20, "sshd"), new HiddenProcess(30, "cron")), owners.hidden());
        assertEquals(List.of(), owners.holdersOf(801));
        assertEquals(
                List.of(10), owners.holdersOf(800).stream().map(Holder::pid).toList());
    }

    @Test
    void keepsEscapeSequencesInProcessNamesRaw() {
        proc.process(10, utf8("\u001b[2Jevil\tx\n"), utf8("\u001b]0;title\u0007\0--x\0"), 0)
                .socket(10, 3, 800);

        Holder h = resolver().resolve(new long[] {800}).holdersOf(800).get(0);

        assertEquals("\u001b[2Jevil\tx", h.process());
        assertEquals("\u001b]0;title\u0007 --x", h.command());
    }

    @Test
    void joinsCommandLineArgumentsWithSingleSpaces() {
        proc.process(10, utf8("java\n"), utf8("/usr/bin/java\0-jar\0\0app.jar\0"), 0)
                .socket(10, 3, 800)
                .process(2, utf8("kthreadd\n"), new byte[0], 0)
                .socket(2, 3, 801)
                .process(11, utf8("nginx\n"), utf8("nginx: worker process\0\0\0\0\0\0"), 0)
                .socket(11, 3, 802);

        Owners owners = resolver().resolve(new long[] {800, 801, 802});

        assertEquals("/usr/bin/java -jar  app.jar", owners.holdersOf(800).get(0).command());
        assertEquals("", owners.holdersOf(801).get(0).command());
        assertEquals("nginx: worker process", owners.holdersOf(802).get(0).command());
    }

    @Test
    void decodesInvalidUtf8WithReplacementCharacters() {
        proc.process(
                        10,
                        new byte[] {'a', (byte) 0xff, 'b', '\n'},
                        new byte[] {'x', (byte) 0xc3, 0, (byte) 0xc3, (byte) 0xa9, 0},
                        0)
                .socket(10, 3, 800);

        Holder h = resolver().resolve(new long[] {800}).holdersOf(800).get(0);

        assertEquals("a\uFFFDb", h.process());
        assertEquals("x\uFFFD \u00e9", h.command());
    }

    @Test
    void showsTheUidAsTextWhenPasswdHasNoNameAndUnknownWithoutStatus() {
        proc.process(10, "app", 4321)
                .socket(10, 3, 800)
                .process(11, utf8("bare\n"), utf8("bare\0"), null)
                .socket(11, 3, 801);

        Owners owners = resolver().resolve(new long[] {800, 801});

        assertEquals(
                new Holder(10, "app", "app", 4321, "4321"),
                owners.holdersOf(800).get(0));
        assertEquals(
                new Holder(11, "bare", "bare", SocketEntry.UNKNOWN, null),
                owners.holdersOf(801).get(0));
    }

    @Test
    void seesNoProcessUnderAMissingRoot() {
        Owners owners = new ProcOwnerResolver(tmp.resolve("absent"), users).resolve(new long[] {800});

        assertEquals(List.of(), owners.holdersOf(800));
        assertEquals(0, owners.hiddenProcesses());
    }

    @Test
    void parsesSocketLinkTextByHand() {
        assertEquals(12345L, ProcText.socketInode("socket:[12345]"));
        assertEquals(4294967295L, ProcText.socketInode("socket:[4294967295]"));
        assertEquals(-1L, ProcText.socketInode("socket:[]"));
        assertEquals(-1L, ProcText.socketInode("socket:[12a]"));
        assertEquals(-1L, ProcText.socketInode("socket:[123"));
        assertEquals(-1L, ProcText.socketInode("pipe:[123]"));
        assertEquals(-1L, ProcText.socketInode("socket:[99999999999999999999]"));
        assertEquals(-1L, ProcText.socketInode("socket:[-5]"));
    }

    @Test
    void readsAnFdNumberFromItsEntrysName() {
        assertEquals(0, ProcText.fdNumber("/proc/42/fd/0"));
        assertEquals(2147483647, ProcText.fdNumber("/proc/42/fd/2147483647"));
        assertEquals(-1, ProcText.fdNumber("/proc/42/fd/2147483648"));
        assertEquals(-1, ProcText.fdNumber("/proc/42/fd/12345678901"));
        assertEquals(-1, ProcText.fdNumber("/proc/42/fd/3x"));
        assertEquals(-1, ProcText.fdNumber("/proc/42/fd/-3"));
    }

    @Test
    void acceptsOnlyCanonicalPids() {
        assertEquals(1, ProcText.parsePid("1"));
        assertEquals(2147483647, ProcText.parsePid("2147483647"));
        assertEquals(-1, ProcText.parsePid("2147483648"));
        assertEquals(-1, ProcText.parsePid("0"));
        assertEquals(-1, ProcText.parsePid("012"));
        assertEquals(-1, ProcText.parsePid("self"));
        assertEquals(-1, ProcText.parsePid(""));
    }

    @Test
    void readsTheRealUidFromTheUidLine() {
        assertEquals(1000, ProcText.realUid(utf8("Name:\tbash\nUid:\t1000\t0\t0\t0\nGid:\t5\n")));
        assertEquals(0, ProcText.realUid(utf8("Uid:\t0\t0\t0\t0")));
        assertEquals(SocketEntry.UNKNOWN, ProcText.realUid(utf8("Name:\tx\nGid:\t0\n")));
        assertEquals(SocketEntry.UNKNOWN, ProcText.realUid(utf8("Uid:\tabc\n")));
        assertEquals(SocketEntry.UNKNOWN, ProcText.realUid(utf8("Uid:\t4294967295\t0\n")));
        assertEquals(SocketEntry.UNKNOWN, ProcText.realUid(utf8("NoUid:\t7\n")));
    }
}
