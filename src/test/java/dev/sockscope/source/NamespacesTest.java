package dev.sockscope.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Namespaces} over a {@code /proc}-shaped tree: namespace links are symlinks whose text
 * is {@code net:[N]}, as the kernel shows them; pid 2 is {@code kthreadd} (the host's).
 */
class NamespacesTest {
    @TempDir
    Path proc;

    @TempDir
    Path run;

    void process(int pid, String comm, String link) throws Exception {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)).resolve("ns"));
        Files.writeString(dir.getParent().resolve("comm"), comm + "\n");
        if (link != null) {
            Files.createSymbolicLink(dir.resolve("net"), Path.of(link));
        }
    }

    void self(String link) throws Exception {
        Files.createDirectories(proc.resolve("self/ns"));
        Files.createSymbolicLink(proc.resolve("self/ns/net"), Path.of(link));
    }

    @Test
    void readsTheLinkTextTheKernelWrites() {
        assertEquals(4026531840L, Namespaces.parseLinkText("net:[4026531840]"));
        assertEquals(-1, Namespaces.parseLinkText("mnt:[4026531840]"));
        assertEquals(-1, Namespaces.parseLinkText("net:[]"));
        assertEquals(-1, Namespaces.parseLinkText("net:[12x]"));
        assertEquals(-1, Namespaces.parseLinkText("net:[99999999999999999999]"));
        assertEquals(-1, Namespaces.parseLinkText("net:[1"));
    }

    @Test
    void allFindsEachNamespaceOnceTheHostsFirstEnteredByItsLowestPid() throws Exception {
        process(2, "kthreadd", "net:[100]");
        process(40, "sshd", "net:[100]");
        process(71, "python3", "net:[300]");
        process(55, "nginx", "net:[300]");
        process(90, "app", "net:[200]");
        process(91, "gone", null); // exited while listed: no link
        self("net:[100]");
        Namespaces.Listing l = Namespaces.all(proc, run);
        assertEquals(0, l.unreadable());
        assertNull(l.note());
        List<Namespaces.Namespace> ns = l.namespaces();
        assertEquals(3, ns.size(), ns.toString());
        assertEquals(new Namespaces.Namespace(100, "host", proc.resolve("2/ns/net"), 2, true), ns.get(0));
        assertEquals(new Namespaces.Namespace(200, "200", proc.resolve("90/ns/net"), 90, false), ns.get(1));
        assertEquals(new Namespaces.Namespace(300, "300", proc.resolve("55/ns/net"), 55, false), ns.get(2));
        assertEquals(55, Namespaces.pidIn(300, proc));
        assertEquals(0, Namespaces.pidIn(999, proc));
    }

    @Test
    void theHostIsKthreaddsNamespaceAndOnlyThen() throws Exception {
        process(2, "kthreadd", "net:[100]");
        self("net:[300]");
        assertEquals(100, Namespaces.hostInode(proc));
        assertEquals(
                "sockscope runs in network namespace net:[300], not the host's: it sees only that namespace's sockets",
                Namespaces.note(proc));
        assertEquals(
                "sockscope itself runs in network namespace 300, not the host's", Namespaces.outsideNote(proc, run));
        Files.writeString(proc.resolve("2/comm"), "bash\n"); // another pid namespace: pid 2 is anything
        assertEquals(-1, Namespaces.hostInode(proc));
        assertNull(Namespaces.note(proc));
    }

    @Test
    void aPidNamesItsNamespaceAndAnUnknownOneIsSaidSo() throws Exception {
        process(2, "kthreadd", "net:[100]");
        process(71, "python3", "net:[300]");
        self("net:[100]");
        assertEquals(
                List.of(new Namespaces.Namespace(300, "300", proc.resolve("71/ns/net"), 71, false)),
                Namespaces.resolve("71", proc, run));
        NamespaceException none = assertThrows(NamespaceException.class, () -> Namespaces.resolve("72", proc, run));
        assertEquals(NamespaceException.Kind.UNKNOWN, none.kind());
        assertEquals("no process 72", none.getMessage());
        NamespaceException name = assertThrows(NamespaceException.class, () -> Namespaces.resolve("blue", proc, run));
        assertEquals("no network namespace 'blue' in " + run, name.getMessage());
        List<Namespaces.Namespace> host = Namespaces.resolve("host", proc, run);
        assertEquals(100, host.get(0).inode());
        assertTrue(host.get(0).self());
    }

    @Test
    void anUnreadableHostIsARefusalNotAMissingName() throws Exception {
        process(2, "kthreadd", null); // the link cannot be read (not root)
        self("net:[100]");
        NamespaceException e = assertThrows(NamespaceException.class, () -> Namespaces.resolve("host", proc, run));
        assertEquals(NamespaceException.Kind.DENIED, e.kind());
        assertEquals("cannot read " + proc.resolve("2/ns/net") + " (the host's namespace)", e.getMessage());
    }

    @Test
    void labelsAreHostANameOrTheInode() {
        assertEquals("host", Namespaces.label(100, 100, Map.of(100L, "named-too")));
        assertEquals("blue", Namespaces.label(300, 100, Map.of(300L, "blue")));
        assertEquals("300", Namespaces.label(300, 100, Map.of()));
        assertEquals("300", Namespaces.label(300, -1, Map.of()));
    }
}
