package dev.sockscope.source;

import dev.sockscope.owner.UserNames;
import dev.sockscope.source.proc.ProcSocketSource;
import java.nio.file.Files;
import java.nio.file.Path;

/** Picks the backend: {@code proc} where {@code <procRoot>/net} exists, {@code oshi} elsewhere. */
public final class SocketSources {
    private static final String OSHI_SOURCE = "dev.sockscope.source.oshi.OshiSocketSource";

    private SocketSources() {}

    /**
     * @param backend  {@code auto}, {@code proc} or {@code oshi}
     * @param procRoot the {@code /proc} tree for the proc backend
     * @throws SourceException when the asked-for backend cannot run here
     */
    public static SocketSource open(String backend, Path procRoot, UserNames users) throws SourceException {
        switch (backend) {
            case "proc":
                return proc(procRoot, users);
            case "oshi":
                return oshi();
            case "auto":
                return autoChoice(procRoot).equals("proc") ? proc(procRoot, users) : oshi();
            default:
                throw new IllegalArgumentException(backend);
        }
    }

    /** The backend {@code auto} opens: {@code proc} or {@code oshi}. */
    public static String autoChoice(Path procRoot) {
        // a --proc-root other than /proc names a captured tree: read it, or say why not
        boolean explicitRoot = !procRoot.equals(Path.of("/proc"));
        return explicitRoot || Files.isDirectory(procRoot.resolve("net")) ? "proc" : "oshi";
    }

    private static SocketSource proc(Path procRoot, UserNames users) throws SourceException {
        if (!Files.isDirectory(procRoot)) {
            throw new SourceException("cannot read connection tables: " + procRoot + " is not a readable directory");
        }
        return new ProcSocketSource(procRoot, users);
    }

    /** By reflection, so that OSHI and JNA are loaded only when this backend is used. */
    private static SocketSource oshi() throws SourceException {
        try {
            return (SocketSource) Class.forName(OSHI_SOURCE).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SourceException("the oshi backend cannot run here: " + cause, e);
        }
    }
}
