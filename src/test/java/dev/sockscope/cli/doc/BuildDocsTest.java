package dev.sockscope.cli.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.cli.BuildInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildDocsTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @Test
    void aBuildOutsideGitHasAnUnknownCommit(@TempDir Path dir) throws Exception {
        assertEquals(BuildInfo.UNKNOWN, BuildDocs.git(dir, "describe", "--always"));
        // a source tree unpacked inside some other repository is not that repository's commit
        assertEquals(BuildInfo.UNKNOWN, BuildDocs.git(PROJECT.resolve("src"), "describe", "--always"));
    }

    @Test
    void aBuildInThisWorkTreeNamesItsCommit() throws Exception {
        String commit = BuildDocs.git(PROJECT, "describe", "--tags", "--always", "--dirty");
        if (Files.exists(PROJECT.resolve(".git"))) {
            assertTrue(commit.matches("[0-9a-f]{7,}(-dirty)?|v?[0-9.]+(-[0-9]+-g[0-9a-f]{7,})?(-dirty)?"), commit);
        } else {
            assertEquals(BuildInfo.UNKNOWN, commit);
        }
    }

    @Test
    void writesThePageTheCompletionsAndTheBuildInfo(@TempDir Path dir) throws Exception {
        BuildDocs.main(new String[] {
            PROJECT.toString(),
            dir.resolve("doc").toString(),
            dir.resolve("classes").toString(),
            "1.2.3"
        });
        assertTrue(Files.readString(dir.resolve("doc/man/sockscope.1")).contains("\"sockscope 1.2.3\""));
        assertTrue(Files.readString(dir.resolve("doc/completions/sockscope.bash"))
                .contains("complete -F _sockscope sockscope"));
        assertTrue(Files.readString(dir.resolve("doc/completions/_sockscope")).startsWith("#compdef sockscope"));
        assertTrue(
                Files.readString(dir.resolve("doc/completions/sockscope.fish")).contains("complete -c sockscope"));
        String info = Files.readString(dir.resolve("classes").resolve(BuildInfo.RESOURCE), StandardCharsets.UTF_8);
        assertTrue(info.startsWith("version=1.2.3\ncommit="), info);
    }
}
