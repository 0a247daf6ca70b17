package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.testing.Launch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The socket's cgroup through the command line: a cgroup v2 group made by the test, a python3
 * listener that moved itself into it before opening its socket, and {@code --list} with the
 * cgroup column, ordered by it, and as JSON. The plain table leaves cgroups out of its read
 * (nothing it shows needs them); these must still name the group. Needs root, to make the group.
 */
class CgroupColumnIT {
    private static final String SCRIPT = String.join(
            "\n",
            "import socket, sys, time",
            "try:",
            "    open(sys.argv[1] + '/cgroup.procs', 'w').write('0')",
            "except OSError as e:",
            "    print('no move: %s' % e, flush=True); sys.exit(0)",
            "s = socket.socket()",
            "s.bind(('127.0.0.1', 0))",
            "s.listen()",
            "print(s.getsockname()[1], flush=True)",
            "sys.stdin.read()",
            "");

    @Test
    void aListenerInAGroupMadeHereShowsItsCgroup() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to make a cgroup");
        Path mount = cgroup2Mount();
        assumeTrue(mount != null, "no cgroup2 mount");
        Path group = mount.resolve("sockscope-it-" + ProcessHandle.current().pid());
        try {
            Files.createDirectory(group);
        } catch (IOException e) {
            assumeTrue(false, "cannot make a cgroup here (a read-only or delegated hierarchy): " + e);
        }
        Process holder = null;
        try {
            holder = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT, group.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String port = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assumeTrue(port == null || !port.startsWith("no move"), "cannot move a process into it: " + port);
            assertTrue(port != null && port.matches("[0-9]+"), "the listener's port: " + port);
            String name = "/" + group.getFileName();

            Launch plain = sockscope("--list", "-t", "-l", "-n", "--local-port", port);
            assertEquals(0, plain.status, plain.toString());
            assertTrue(plain.out.contains("127.0.0.1:" + port), plain.out);

            Launch column = sockscope("--list", "-t", "-l", "-n", "--local-port", port, "--columns", "local,cgroup");
            assertEquals(0, column.status, column.toString());
            assertEquals(
                    List.of("127.0.0.1:" + port, name),
                    List.of(column.out.split("\n")[1].trim().split(" +")));

            Launch sorted = sockscope(
                    "--list", "-t", "-l", "-n", "--local-port", port, "--sort", "cgroup", "--columns", "local,cgroup");
            assertEquals(column.out, sorted.out);

            Launch json = sockscope("--list", "-t", "-l", "-n", "--local-port", port, "--format", "json");
            assertEquals(0, json.status, json.toString());
            assertTrue(json.out.contains("\"cgroup\":\"" + name + "\""), json.out);
        } finally {
            if (holder != null) {
                holder.getOutputStream().close(); // its stdin ends: it exits
                if (!holder.waitFor(10, TimeUnit.SECONDS)) {
                    holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            Files.deleteIfExists(group);
        }
    }

    private static Launch sockscope(String... args) throws Exception {
        return Launch.run(Launch.launcher(args), Map.of(), 60);
    }

    /** The first cgroup2 mount point in this process's mountinfo, or null. */
    private static Path cgroup2Mount() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            int dash = line.indexOf(" - ");
            if (dash > 0 && line.startsWith("cgroup2 ", dash + 3)) {
                return Path.of(line.substring(0, dash).split(" ")[4]);
            }
        }
        return null;
    }
}
