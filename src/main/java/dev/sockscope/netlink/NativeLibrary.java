package dev.sockscope.netlink;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.Locale;

/**
 * sockscope's own JNI library ({@code src/main/c}): the netlink calls ({@link JniSyscalls}) and
 * the fd-table reader of the owner scan. Built for the build machine's architecture, it lives
 * beside the code, in {@code native/linux-<os.arch>/libsockscope.so} next to the jar
 * ({@code target/} in a checkout, {@code lib/} of an installed tree) or next to
 * {@code target/classes}; the system property {@code sockscope.native.lib} names another file.
 */
public final class NativeLibrary {
    private static final Object LOCK = new Object();
    private static boolean tried;
    private static boolean loaded;

    private NativeLibrary() {}

    /**
     * This build's library file, or null when there is none for this system: the property's
     * file, else the file beside the code. Worked out once: the start-up asks for it three times
     * ({@code auto}'s choice, the netlink binding, the fd-table reader).
     */
    public static Path path() {
        return Found.PATH;
    }

    private static final class Found {
        static final Path PATH = find();
    }

    private static Path find() {
        String forced = System.getProperty("sockscope.native.lib", "");
        if (!forced.isEmpty()) {
            return Path.of(forced);
        }
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return null;
        }
        Path code = codeLocation();
        if (code == null || code.getParent() == null) {
            return null;
        }
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        Path lib = code.getParent().resolve("native").resolve("linux-" + arch).resolve("libsockscope.so");
        return Files.isRegularFile(lib) ? lib : null;
    }

    /**
     * Loads {@link #path()} once; whether it is loaded. A file that does not load (another
     * architecture, damaged) counts as none.
     */
    public static boolean load() {
        synchronized (LOCK) {
            if (!tried) {
                tried = true;
                Path lib = path();
                if (lib != null) {
                    try {
                        System.load(lib.toAbsolutePath().toString());
                        loaded = true;
                    } catch (UnsatisfiedLinkError | SecurityException e) {
                        loaded = false;
                    }
                }
            }
            return loaded;
        }
    }

    /** {@code text}'s UTF-8 bytes and a NUL: a C string for the library's functions. */
    public static byte[] cString(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, b.length + 1);
    }

    /** The jar or class directory this class came from. */
    private static Path codeLocation() {
        CodeSource source = NativeLibrary.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return null;
        }
    }
}
