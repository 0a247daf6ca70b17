package dev.sockscope.owner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * File access over a {@link FakeProc} tree that behaves like procfs where it matters to the
 * resolver: the stamp of {@code fd/} is (start time from {@code stat}, number of entries), so
 * a process that swaps one fd for another keeps its stamp, as on a real kernel. It also
 * records which fd tables were read, denies the pids in {@link #denied} as a kernel denies
 * another user's {@code fd/} (even to root here), and runs {@link #beforeTableRead} hooks.
 */
class StampedFiles extends ProcFiles {
    final List<Integer> tablesRead = new ArrayList<>();
    final Set<Integer> denied = new HashSet<>();
    IntConsumer beforeTableRead = pid -> {};
    private final boolean stamps;

    StampedFiles(boolean stamps) {
        super(false);
        this.stamps = stamps;
    }

    @Override
    DirectoryStream<Path> openDir(Path dir) throws IOException {
        if (dir.getFileName().toString().equals("fd")) {
            int pid = Integer.parseInt(dir.getParent().getFileName().toString());
            beforeTableRead.accept(pid);
            tablesRead.add(pid);
            if (denied.contains(pid)) {
                throw new AccessDeniedException(dir.toString());
            }
        }
        return super.openDir(dir);
    }

    @Override
    FdStamp stamp(Path fdDir) throws IOException {
        if (!stamps) {
            return null;
        }
        String stat = Files.readString(fdDir.getParent().resolve("stat"), StandardCharsets.UTF_8);
        String afterComm = stat.substring(stat.lastIndexOf(')') + 2);
        String startTime = afterComm.split(" ")[19];
        long count;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(fdDir)) {
            count = 0;
            for (Path ignored : ds) {
                count++;
            }
        }
        return new FdStamp(startTime, count);
    }

    List<Integer> takeTablesRead() {
        List<Integer> r = List.copyOf(tablesRead);
        tablesRead.clear();
        return r;
    }
}
