package dev.sockscope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What {@code --version} prints: sockscope's version and the commit it was built from (both
 * written into the classes by the build, {@code cli.doc.BuildDocs}), the Java runtime, and the
 * backend {@code --backend auto} picks here.
 */
public final class BuildInfo {
    /** The resource the build writes: {@code version=} and {@code commit=} lines. */
    public static final String RESOURCE = "dev/sockscope/cli/build-info.properties";

    /** The commit of a build made outside a git work tree. */
    public static final String UNKNOWN = "unknown";

    private BuildInfo() {}

    /**
     * @param backend the backend {@code auto} chooses on this system, e.g. {@code netlink (auto, jni)}
     */
    public static String versionText(String backend) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // a damaged jar: the lines below say unknown
        }
        String version = p.getProperty("version", "dev");
        String commit = p.getProperty("commit", UNKNOWN);
        String vendor = System.getProperty("java.vendor", "");
        return "sockscope " + version + "\n"
                + "commit   " + commit + "\n"
                + "java     " + System.getProperty("java.runtime.version", "?")
                + (vendor.isEmpty() ? "" : " (" + vendor + ")") + " " + System.getProperty("java.home", "") + "\n"
                + "backend  " + backend + "\n";
    }
}
