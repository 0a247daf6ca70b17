package dev.sockscope.export;

import dev.sockscope.service.Cgroups;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The systemd unit of a process, from {@code <procRoot>/<pid>/cgroup}: {@link Cgroups#unit} of its
 * cgroup path in the unified hierarchy ({@code 0::/system.slice/nginx.service}) or, on a hybrid
 * or legacy machine, of systemd's own ({@code 1:name=systemd:/...}).
 */
public final class Units {
    private Units() {}

    /** The unit's name, or null when the process has none or is gone. */
    public static String of(Path procRoot, int pid) {
        String text;
        try {
            text = Files.readString(procRoot.resolve(Integer.toString(pid)).resolve("cgroup"), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return null; // the process exited, or its cgroup is not ours to read: no unit known
        }
        return fromCgroupFile(text);
    }

    /** The unit named by the text of a {@code /proc/[pid]/cgroup} file, or null. */
    public static String fromCgroupFile(String text) {
        String unified = null;
        String systemd = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("0::")) {
                unified = line.substring(3);
            } else {
                int c = line.indexOf(":name=systemd:");
                if (c >= 0) {
                    systemd = line.substring(c + ":name=systemd:".length());
                }
            }
        }
        String unit = unitIn(unified);
        return unit != null ? unit : unitIn(systemd);
    }

    private static String unitIn(String path) {
        return Cgroups.unit(path);
    }
}
