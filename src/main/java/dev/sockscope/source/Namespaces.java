package dev.sockscope.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which network namespace this process reads its tables in. */
public final class Namespaces {
    private Namespaces() {}

    /**
     * A sentence when this process runs in a network namespace other than the host's, else null.
     * The host's namespace is the one of kernel thread 2 ({@code kthreadd}, which never changes
     * namespace; pid 1 may refuse even root). Null as well when that cannot be read (not root,
     * or another pid namespace, where pid 2 is no kernel thread): then nothing can be said.
     */
    public static String note(Path procRoot) {
        try {
            String self =
                    Files.readSymbolicLink(procRoot.resolve("self/ns/net")).toString();
            Path kthreadd = procRoot.resolve("2");
            String comm = Files.readString(kthreadd.resolve("comm")).trim();
            if (!comm.equals("kthreadd")) {
                return null;
            }
            String host = Files.readSymbolicLink(kthreadd.resolve("ns/net")).toString();
            if (self.equals(host)) {
                return null;
            }
            return "sockscope runs in network namespace " + self
                    + ", not the host's: it sees only that namespace's sockets";
        } catch (IOException | RuntimeException e) {
            return null; // not readable by this user: nothing can be said
        }
    }
}
