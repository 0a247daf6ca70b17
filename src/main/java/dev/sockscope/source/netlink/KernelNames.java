package dev.sockscope.source.netlink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names for the numbers {@code inet_diag} sends: interface index to name from
 * {@code <sysRoot>/class/net/NAME/ifindex}, and cgroup id to path by the inode numbers of the
 * cgroup v2 hierarchy's directories (a cgroup's id is its directory's inode number on 64-bit
 * kernels), under the {@code cgroup2} mount found in {@code <procRoot>/self/mountinfo}
 * ({@code /sys/fs/cgroup}, or {@code /sys/fs/cgroup/unified} on a hybrid set-up).
 *
 * <p>Both maps are read when first needed and read again when asked for a number they lack,
 * at most once per {@link #nextRead} each: a new interface or cgroup shows on the read it
 * first appears in, and a number that stays unknown (an interface removed since) costs one
 * rescan per read, not one per socket. Unknown numbers give null. Not thread-safe.
 */
final class KernelNames implements InetDiagParser.Names {
    private final Path sysRoot;
    private final Path procRoot;
    private Map<Integer, String> interfaces;
    private Map<Long, String> cgroups;
    private boolean interfacesFresh;
    private boolean cgroupsFresh;
    private boolean cgroupsWanted = true;
    private Path cgroupRoot;
    private boolean cgroupRootLooked;
    private final java.util.function.Supplier<Map<Integer, String>> links;

    KernelNames(Path sysRoot, Path procRoot) {
        this(sysRoot, procRoot, null);
    }

    /**
     * @param links the interfaces of another network namespace (whose names {@code sysRoot}
     *              does not show), or null to read {@code <sysRoot>/class/net}
     */
    KernelNames(Path sysRoot, Path procRoot, java.util.function.Supplier<Map<Integer, String>> links) {
        this.sysRoot = sysRoot;
        this.procRoot = procRoot;
        this.links = links;
    }

    /**
     * A new read begins: numbers not known may be looked up again; cgroup paths are named only
     * when {@code cgroups} (a read that shows none leaves the hierarchy unwalked).
     */
    void nextRead(boolean cgroups) {
        interfacesFresh = false;
        cgroupsFresh = false;
        cgroupsWanted = cgroups;
    }

    @Override
    public String interfaceName(int ifindex) {
        String name = interfaces == null ? null : interfaces.get(ifindex);
        if (name == null && !interfacesFresh) {
            interfaces = readInterfaces();
            interfacesFresh = true;
            name = interfaces.get(ifindex);
        }
        return name;
    }

    @Override
    public String cgroupPath(long id) {
        if (!cgroupsWanted) {
            return null;
        }
        String path = cgroups == null ? null : cgroups.get(id);
        if (path == null && !cgroupsFresh) {
            cgroups = readCgroups();
            cgroupsFresh = true;
            path = cgroups.get(id);
        }
        return path;
    }

    private Map<Integer, String> readInterfaces() {
        if (links != null) {
            return links.get();
        }
        Map<Integer, String> m = new HashMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(sysRoot.resolve("class/net"))) {
            for (Path p : dir) {
                try {
                    String text = Files.readString(p.resolve("ifindex"), StandardCharsets.US_ASCII)
                            .trim();
                    m.put(Integer.parseInt(text), p.getFileName().toString());
                } catch (IOException | NumberFormatException e) {
                    // removed while listed, or not an interface directory: skip it
                }
            }
        } catch (IOException e) {
            // no sysfs here: indexes stay unnamed
        }
        return m;
    }

    private Map<Long, String> readCgroups() {
        Map<Long, String> m = new HashMap<>();
        Path root = cgroupRoot();
        if (root == null) {
            return m;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    try {
                        Object ino = Files.getAttribute(dir, "unix:ino", LinkOption.NOFOLLOW_LINKS);
                        String rel = root.relativize(dir).toString();
                        m.put(((Number) ino).longValue(), "/" + rel);
                    } catch (IOException | UnsupportedOperationException e) {
                        // removed while walked, or no inode numbers here: skip it
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // a cgroup removed while walked
                }
            });
        } catch (IOException e) {
            // unreadable hierarchy: ids stay unnamed
        }
        return m;
    }

    /** The cgroup2 mount point, or null when there is none. */
    private Path cgroupRoot() {
        if (!cgroupRootLooked) {
            cgroupRootLooked = true;
            cgroupRoot = cgroup2Mount(procRoot.resolve("self/mountinfo"));
        }
        return cgroupRoot;
    }

    /**
     * The mount point of the first {@code cgroup2} line of a {@code mountinfo} file: field 5 is
     * the mount point (octal escapes for space, tab, newline, backslash), the file system type
     * follows the {@code -} separator.
     */
    static Path cgroup2Mount(Path mountinfo) {
        List<String> lines;
        try {
            lines = Files.readAllLines(mountinfo, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        for (String line : lines) {
            int dash = line.indexOf(" - ");
            if (dash < 0 || !line.startsWith("cgroup2 ", dash + 3)) {
                continue;
            }
            String[] f = line.substring(0, dash).split(" ");
            if (f.length >= 5) {
                return Path.of(unescape(f[4]));
            }
        }
        return null;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
