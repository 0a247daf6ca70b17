package dev.sockscope.source;

import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.owner.Background;
import dev.sockscope.owner.Owners;
import dev.sockscope.owner.ProcOwnerResolver;
import dev.sockscope.owner.UserNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --netns}: the tables of one or more network namespaces, each row marked with its
 * namespace ({@link dev.sockscope.model.Details#netns()}), joined to their holders by one walk
 * of {@code <procRoot>/[pid]/fd}.
 *
 * <p>One fd walk serves every namespace: the processes of all of them are in this pid
 * namespace, and socket inodes are unique across network namespaces (they are numbers of the
 * one {@code sockfs} superblock, not of a namespace), so an inode names one socket whichever
 * namespace it lives in.
 *
 * <p>Each namespace is read by a source of its own, opened once and kept: netlink sockets
 * opened inside a namespace stay there, so a namespace whose last process exits is still read
 * while it exists. With {@code all} the list is looked up again before every read (namespaces
 * come and go in the live view); a namespace that appears and cannot be entered is left out
 * and named in the snapshot's note. Not thread-safe: one read at a time.
 */
final class NamespacedSource implements SocketSource {
    private static final boolean PARALLEL = Runtime.getRuntime().availableProcessors() > 1;

    /** Opens the source of one namespace. */
    @FunctionalInterface
    interface Opener {
        SocketSource open(Namespaces.Namespace ns) throws SourceException, NamespaceException;
    }

    private final List<Namespaces.Namespace> fixed;
    private final Path procRoot;
    private final Path runNetns;
    private final Opener opener;
    private final UserNames users;
    private final ProcOwnerResolver owners;
    private final Map<Long, SocketSource> open = new HashMap<>();
    private final String name;

    /**
     * @param fixed the namespaces to read, or null for every one found before each read
     */
    NamespacedSource(
            List<Namespaces.Namespace> fixed,
            Path procRoot,
            Path runNetns,
            Opener opener,
            UserNames users,
            String name) {
        this.fixed = fixed == null ? null : List.copyOf(fixed);
        this.procRoot = procRoot;
        this.runNetns = runNetns;
        this.opener = opener;
        this.users = users;
        this.owners = new ProcOwnerResolver(procRoot, users);
        this.name = name;
    }

    /**
     * Opens every namespace's source now, so that a refusal is reported before anything is
     * shown.
     */
    void openAll() throws SourceException, NamespaceException {
        List<Namespaces.Namespace> targets =
                fixed != null ? fixed : Namespaces.all(procRoot, runNetns).namespaces();
        for (Namespaces.Namespace ns : targets) {
            sourceOf(ns);
        }
    }

    private SocketSource sourceOf(Namespaces.Namespace ns) throws SourceException, NamespaceException {
        SocketSource s = open.get(ns.inode());
        if (s == null) {
            s = opener.open(ns);
            open.put(ns.inode(), s);
        }
        return s;
    }

    @Override
    public Snapshot read(TableSelection which) throws SourceException {
        return read(which, true);
    }

    @Override
    public Snapshot readTables(TableSelection which) throws SourceException {
        return read(which, false);
    }

    private Snapshot read(TableSelection which, boolean withOwners) throws SourceException {
        Background.Task scan = withOwners && PARALLEL ? Background.start(owners::scan, "sockscope-fd-scan") : null;
        List<SocketEntry> entries = new ArrayList<>();
        int unparsed = 0;
        Set<String> notes = new LinkedHashSet<>();
        try {
            List<Namespaces.Namespace> targets;
            if (fixed != null) {
                targets = fixed;
            } else {
                Namespaces.Listing listing = Namespaces.all(procRoot, runNetns);
                targets = listing.namespaces();
                if (listing.note() != null) {
                    notes.add(listing.note());
                }
                forgetGone(targets);
            }
            // labels may change between reads (a name added in /run/netns): take them from now
            Map<Long, String> labels = labels(targets);
            int read = 0;
            SourceException lastFailure = null;
            for (Namespaces.Namespace ns : targets) {
                Snapshot s;
                try {
                    s = sourceOf(ns).readTables(which);
                } catch (NamespaceException e) {
                    // came into sight after the start and cannot be entered, or gone already
                    notes.add("network namespace " + ns.label() + " could not be read: " + e.getMessage());
                    continue;
                } catch (SourceException e) {
                    lastFailure = e;
                    notes.add("network namespace " + ns.label() + " could not be read: " + e.getMessage());
                    continue;
                }
                read++;
                unparsed += s.unparsedLines();
                if (s.platformNote() != null) {
                    notes.add(s.platformNote());
                }
                String label = labels.get(ns.inode());
                for (SocketRow r : s.rows()) {
                    SocketEntry e = r.entry();
                    entries.add(
                            e.withDetails(e.details().toBuilder().netns(label).build()));
                }
            }
            if (read == 0 && lastFailure != null) {
                throw lastFailure;
            }
        } finally {
            if (scan != null) {
                Background.await(scan);
            }
        }
        List<SocketRow> rows = new ArrayList<>(entries.size());
        String note = notes.isEmpty() ? null : String.join("; ", notes);
        if (!withOwners) {
            for (SocketEntry e : entries) {
                rows.add(new SocketRow(e, List.of(), users.nameOf(e.uid())));
            }
            return new Snapshot(rows, unparsed, 0, note);
        }
        long[] inodes = new long[entries.size()];
        for (int i = 0; i < inodes.length; i++) {
            inodes[i] = entries.get(i).inode();
        }
        Owners found = owners.resolve(inodes);
        for (int i = 0; i < inodes.length; i++) {
            SocketEntry e = entries.get(i);
            rows.add(new SocketRow(e, found.holdersAt(i), users.nameOf(e.uid())));
        }
        return new Snapshot(rows, unparsed, found.hiddenProcesses(), note, found.hidden());
    }

    /** The label of each namespace as of now: {@code host}, its name, or its inode. */
    private Map<Long, String> labels(List<Namespaces.Namespace> targets) {
        long host = Namespaces.hostInode(procRoot);
        Map<Long, String> names = Namespaces.names(procRoot, runNetns);
        Map<Long, String> out = new HashMap<>();
        for (Namespaces.Namespace ns : targets) {
            out.put(ns.inode(), Namespaces.label(ns.inode(), host, names));
        }
        return out;
    }

    /** Closes the sources of namespaces no longer found. */
    private void forgetGone(List<Namespaces.Namespace> now) {
        Set<Long> alive = new java.util.HashSet<>();
        for (Namespaces.Namespace ns : now) {
            alive.add(ns.inode());
        }
        open.entrySet().removeIf(e -> {
            if (alive.contains(e.getKey())) {
                return false;
            }
            e.getValue().close();
            return true;
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        for (SocketSource s : open.values()) {
            s.close();
        }
        open.clear();
    }
}
