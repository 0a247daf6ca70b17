package dev.sockscope.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a tool is on PATH. */
final class DistFiles {
    private DistFiles() {}

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
