package dev.sockscope.source;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Network namespaces: which one this process reads its tables in, which one is the host's, and
 * the ones {@code --netns} names.
 *
 * <p>A namespace is known by its inode number in {@code nsfs}, as {@code /proc/PID/ns/net}
 * links show it ({@code net:[4026531840]}) and as {@code stat} on a {@code /run/netns/NAME}
 * bind mount gives it. The host's is the namespace of kernel thread 2 ({@code kthreadd},
 * which never changes namespace); pid 1 may refuse even root and may not be the host's init.
 */
public final class Namespaces {
    /** The label of the host's namespace. */
    public static final String HOST = "host";

    private Namespaces() {}

    /**
     * One network namespace to read.
     *
     * @param inode its nsfs inode number
     * @param label {@code host}, its name in {@code /run/netns}, or the inode number as text
     * @param file  what {@code setns} opens to enter it: {@code /run/netns/NAME} or
     *              {@code /proc/PID/ns/net}
     * @param pid   a process inside it (whose {@code /proc/PID/net} shows its tables), 0 when
     *              none is known
     * @param self  whether it is this process's own namespace (read without entering it)
     */
    public record Namespace(long inode, String label, Path file, int pid, boolean self) {}

    /**
     * Every distinct namespace found, and how many processes' namespace links could not be read
     * (other users' processes when not root).
     */
    public record Listing(List<Namespace> namespaces, int unreadable, List<Integer> unreadablePids) {
        public Listing {
            namespaces = List.copyOf(namespaces);
            unreadablePids = List.copyOf(unreadablePids);
        }

        /** A sentence naming the processes whose namespace could not be read, or null when none. */
        public String note() {
            if (unreadable == 0) {
                return null;
            }
            List<String> pids = new ArrayList<>();
            for (int p : unreadablePids) {
                pids.add(Integer.toString(p));
            }
            String which = String.join(", ", pids) + (unreadable > unreadablePids.size() ? ", ..." : "");
            return "the network namespace of " + (unreadable == 1 ? "1 process" : unreadable + " processes")
                    + " could not be read (pid " + which + "): a namespace only "
                    + (unreadable == 1 ? "it is" : "they are") + " in is not shown";
        }
    }

    /**
     * A sentence when this process runs in a network namespace other than the host's, else null.
     * Null as well when that cannot be read (not root, or another pid namespace, where pid 2 is
     * no kernel thread): then nothing can be said.
     */
    public static String note(Path procRoot) {
        long host = hostInode(procRoot);
        long self = selfInode(procRoot);
        if (host < 0 || self < 0 || host == self) {
            return null;
        }
        return "sockscope runs in network namespace net:[" + self
                + "], not the host's: it sees only that namespace's sockets";
    }

    /**
     * A sentence for {@code --netns}: when this process itself runs outside the host's
     * namespace, it says so and which namespace that is; else null.
     */
    public static String outsideNote(Path procRoot, Path runNetns) {
        long host = hostInode(procRoot);
        long self = selfInode(procRoot);
        if (host < 0 || self < 0 || host == self) {
            return null;
        }
        return "sockscope itself runs in network namespace " + label(self, host, names(procRoot, runNetns))
                + ", not the host's";
    }

    /** The host's namespace inode (kthreadd's), or -1 when it cannot be read. */
    public static long hostInode(Path procRoot) {
        try {
            Path kthreadd = procRoot.resolve("2");
            if (!isKthreadd(procRoot)) {
                return -1; // another pid namespace: pid 2 is no kernel thread
            }
            return inodeOfLink(kthreadd.resolve("ns/net"));
        } catch (IOException | RuntimeException e) {
            return -1; // not readable by this user: nothing can be said
        }
    }

    /**
     * Whether pid 2 is kthreadd. Read with a {@code FileInputStream}, as ASCII: the first
     * {@code Files.readString} sets up a UTF-8 decoder and the first {@code Files.readAllBytes}
     * a file channel, each 1.5 ms of every snapshot's start.
     */
    private static boolean isKthreadd(Path procRoot) {
        try (FileInputStream in = new FileInputStream(procRoot.resolve("2/comm").toFile())) {
            byte[] comm = in.readNBytes(64);
            return new String(comm, StandardCharsets.US_ASCII).trim().equals("kthreadd");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** This process's namespace inode, or -1 when it cannot be read. */
    public static long selfInode(Path procRoot) {
        try {
            return inodeOfLink(procRoot.resolve("self/ns/net"));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The inode in a namespace link's text, {@code net:[4026531840]}.
     *
     * @throws IOException when the link cannot be read, or its text is not of that form
     */
    static long inodeOfLink(Path link) throws IOException {
        return parseLink(Files.readSymbolicLink(link).toString());
    }

    /** {@code net:[N]} to N; -1 when the text is not of that form. */
    static long parseLinkText(String text) {
        if (!text.startsWith("net:[") || !text.endsWith("]") || text.length() < 7 || text.length() > 26) {
            return -1;
        }
        String digits = text.substring(5, text.length() - 1);
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseLink(String text) throws IOException {
        long v = parseLinkText(text);
        if (v < 0) {
            throw new IOException("not a network namespace link: " + text);
        }
        return v;
    }

    /**
     * The named namespaces of {@code runNetns} by inode (the first name in name order when two
     * names bind the same one). A file there that is not an nsfs bind mount (left over after a
     * failed {@code ip netns add}) is left out: its inode is on another device.
     */
    static Map<Long, String> names(Path procRoot, Path runNetns) {
        Map<Long, String> out = new LinkedHashMap<>();
        Object nsDev = nsfsDevice(procRoot);
        TreeMap<String, Path> sorted = new TreeMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(runNetns)) {
            for (Path p : dir) {
                sorted.put(p.getFileName().toString(), p);
            }
        } catch (IOException e) {
            return out; // no /run/netns: no names
        }
        for (Map.Entry<String, Path> e : sorted.entrySet()) {
            try {
                Object dev = Files.getAttribute(e.getValue(), "unix:dev");
                if (nsDev != null && !nsDev.equals(dev)) {
                    continue;
                }
                long ino = ((Number) Files.getAttribute(e.getValue(), "unix:ino")).longValue();
                out.putIfAbsent(ino, e.getKey());
            } catch (IOException | RuntimeException ex) {
                // removed while listed, or not readable: no name for it
            }
        }
        return out;
    }

    /** The device of nsfs (where namespace files live), or null when it cannot be read. */
    private static Object nsfsDevice(Path procRoot) {
        try {
            return Files.getAttribute(procRoot.resolve("self/ns/net"), "unix:dev");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code host}, a name, or the inode as text. */
    static String label(long inode, long host, Map<Long, String> names) {
        if (inode == host) {
            return HOST;
        }
        String name = names.get(inode);
        return name != null ? name : Long.toString(inode);
    }

    /**
     * The namespaces {@code spec} names: {@code all}, a pid (digits), or a name in
     * {@code runNetns}.
     *
     * @throws NamespaceException {@link NamespaceException.Kind#UNKNOWN} when no such name or
     *                            process exists; {@link NamespaceException.Kind#DENIED} when a
     *                            process's namespace link may not be read
     */
    public static List<Namespace> resolve(String spec, Path procRoot, Path runNetns) throws NamespaceException {
        if (spec.equals("all")) {
            return all(procRoot, runNetns).namespaces();
        }
        long host = hostInode(procRoot);
        long self = selfInode(procRoot);
        Map<Long, String> names = names(procRoot, runNetns);
        if (!spec.isEmpty() && spec.length() <= 9 && spec.chars().allMatch(Character::isDigit)) {
            int pid = Integer.parseInt(spec);
            Path link = procRoot.resolve(spec).resolve("ns/net");
            if (pid <= 0 || !Files.isDirectory(procRoot.resolve(spec))) {
                throw new NamespaceException(NamespaceException.Kind.UNKNOWN, "no process " + spec);
            }
            long ino;
            try {
                ino = inodeOfLink(link);
            } catch (AccessDeniedException e) {
                throw new NamespaceException(
                        NamespaceException.Kind.DENIED, "cannot read " + link + ": permission denied", e);
            } catch (NoSuchFileException e) {
                throw new NamespaceException(NamespaceException.Kind.UNKNOWN, "no process " + spec, e);
            } catch (IOException e) {
                throw new NamespaceException(
                        NamespaceException.Kind.DENIED, "cannot read " + link + ": " + e.getMessage(), e);
            }
            return List.of(new Namespace(ino, label(ino, host, names), link, pid, ino == self));
        }
        Path file = runNetns.resolve(spec);
        if (spec.equals("host") && !Files.exists(file)) {
            if (host < 0) {
                throw new NamespaceException(
                        isKthreadd(procRoot) ? NamespaceException.Kind.DENIED : NamespaceException.Kind.UNKNOWN,
                        isKthreadd(procRoot)
                                ? "cannot read " + procRoot.resolve("2/ns/net") + " (the host's namespace)"
                                : "the host's namespace cannot be found from here (pid 2 is no kernel thread)");
            }
            return List.of(new Namespace(host, HOST, procRoot.resolve("2/ns/net"), 2, host == self));
        }
        Long ino = null;
        for (Map.Entry<Long, String> e : names.entrySet()) {
            if (e.getValue().equals(spec)) {
                ino = e.getKey();
            }
        }
        if (ino == null) {
            throw new NamespaceException(
                    NamespaceException.Kind.UNKNOWN, "no network namespace '" + spec + "' in " + runNetns);
        }
        return List.of(new Namespace(ino, label(ino, host, names), file, 0, ino == self));
    }

    /**
     * Every distinct namespace under {@code <procRoot>/[pid]/ns/net} and in {@code runNetns}, the
     * host's first, then by label. A namespace with a name is entered through its name, else
     * through the lowest pid found in it.
     */
    public static Listing all(Path procRoot, Path runNetns) {
        long host = hostInode(procRoot);
        long self = selfInode(procRoot);
        Map<Long, String> names = names(procRoot, runNetns);
        Map<Long, Integer> firstPid = new TreeMap<>();
        int unreadable = 0;
        List<Integer> unreadablePids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(procRoot)) {
            for (Path p : dir) {
                String n = p.getFileName().toString();
                if (n.isEmpty() || n.length() > 9 || !n.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                int pid = Integer.parseInt(n);
                try {
                    long ino = inodeOfLink(p.resolve("ns/net"));
                    firstPid.merge(ino, pid, Math::min);
                } catch (NoSuchFileException e) {
                    // exited while listed
                } catch (IOException e) {
                    unreadable++; // another user's process (not root), or a pid 1 that refuses even root
                    unreadablePids.add(pid);
                }
            }
        } catch (IOException e) {
            // no /proc: only the named namespaces
        }
        Map<Long, Namespace> found = new TreeMap<>();
        for (Map.Entry<Long, Integer> e : firstPid.entrySet()) {
            long ino = e.getKey();
            String name = names.get(ino);
            Path file = name != null ? runNetns.resolve(name) : procRoot.resolve(e.getValue() + "/ns/net");
            found.put(ino, new Namespace(ino, label(ino, host, names), file, e.getValue(), ino == self));
        }
        for (Map.Entry<Long, String> e : names.entrySet()) {
            if (!found.containsKey(e.getKey())) {
                long ino = e.getKey();
                found.put(
                        ino,
                        new Namespace(ino, label(ino, host, names), runNetns.resolve(e.getValue()), 0, ino == self));
            }
        }
        List<Namespace> out = new ArrayList<>(found.values());
        out.sort((a, b) -> {
            boolean ah = a.label().equals(HOST);
            boolean bh = b.label().equals(HOST);
            if (ah != bh) {
                return ah ? -1 : 1;
            }
            return a.label().compareTo(b.label());
        });
        unreadablePids.sort(null);
        return new Listing(out, unreadable, unreadablePids.subList(0, Math.min(3, unreadablePids.size())));
    }

    /** The lowest pid whose network namespace is {@code inode}, or 0 when none is found. */
    public static int pidIn(long inode, Path procRoot) {
        int best = 0;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(procRoot)) {
            for (Path p : dir) {
                String n = p.getFileName().toString();
                if (n.isEmpty() || n.length() > 9 || !n.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (inodeOfLink(p.resolve("ns/net")) == inode) {
                        int pid = Integer.parseInt(n);
                        best = best == 0 ? pid : Math.min(best, pid);
                    }
                } catch (IOException e) {
                    // exited, or another user's: not a candidate
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return best;
    }
}
