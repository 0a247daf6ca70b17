package dev.sockscope.cli.doc;

import dev.sockscope.cli.BuildInfo;
import dev.sockscope.cli.LaunchWords;
import dev.sockscope.cli.Opt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Run by the build (exec-maven-plugin, {@code process-classes}): writes the man page and the
 * completion scripts for the distribution, and the build's commit into the classes for
 * {@code --version}.
 *
 * <p>Arguments: the project directory, the output directory of the documents, the classes
 * directory, the version. Writes {@code man/sockscope.1}, {@code completions/sockscope.bash},
 * {@code completions/_sockscope}, {@code completions/sockscope.fish} and {@code launch-words} (the
 * launcher's words, {@link LaunchWords}, for the installed tree) under the output directory
 * and {@link BuildInfo#RESOURCE} under the classes directory.
 */
public final class BuildDocs {
    private BuildDocs() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: BuildDocs PROJECT_DIR OUT_DIR CLASSES_DIR VERSION");
        }
        Path project = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path classes = Path.of(args[2]);
        String version = args[3];

        String commit = git(project, "describe", "--tags", "--always", "--dirty");
        String date = git(project, "log", "-1", "--format=%cs");
        if (date.equals(BuildInfo.UNKNOWN)) {
            date = "";
        }
        Path info = classes.resolve(BuildInfo.RESOURCE);
        Files.createDirectories(info.getParent());
        Files.writeString(info, "version=" + version + "\ncommit=" + commit + "\n", StandardCharsets.UTF_8);

        List<Opt> options = Catalog.options();
        String readme = Files.readString(project.resolve("README.md"), StandardCharsets.UTF_8);
        List<Examples.Example> examples = Examples.fromReadme(readme);
        if (examples.isEmpty()) {
            throw new IllegalStateException("README.md has no bin/sockscope examples in sh blocks");
        }
        write(out.resolve("man/sockscope.1"), new ManPage(options, examples, version, date).render());
        Completions c = new Completions(options, Completions.serviceNames());
        write(out.resolve("completions/sockscope.bash"), c.bash());
        write(out.resolve("completions/_sockscope"), c.zsh());
        write(out.resolve("completions/sockscope.fish"), c.fish());
        // what the launcher of an installed tree reads instead of asking the jar (lib/launch-words)
        write(out.resolve("launch-words"), String.join("\n", LaunchWords.lines()) + "\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * The first line {@code git} prints for the project, or {@link BuildInfo#UNKNOWN} when the
     * project is not a git work tree of its own (a source tarball, possibly inside another
     * repository), git is missing, or it fails.
     */
    static String git(Path project, String... args) throws InterruptedException {
        try {
            String top = run(project, "rev-parse", "--show-toplevel");
            if (top == null || !Files.isSameFile(Path.of(top), project)) {
                return BuildInfo.UNKNOWN;
            }
            String v = run(project, args);
            return v == null || v.isBlank() ? BuildInfo.UNKNOWN : v.strip();
        } catch (IOException e) {
            return BuildInfo.UNKNOWN; // no git, or the project directory is not readable
        }
    }

    private static String run(Path dir, String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.getOutputStream().close();
        String text;
        try (InputStream in = p.getInputStream()) {
            text = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        if (p.exitValue() != 0) {
            return null;
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
