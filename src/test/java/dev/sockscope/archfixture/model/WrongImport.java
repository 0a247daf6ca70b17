package dev.sockscope.archfixture.model;

import dev.sockscope.cli.UsageException;

/**
 * A deliberately wrong class: a "model" that throws the command line's exception. {@code LayersTest} shows that the
 * layer rules catch it; nothing else uses it.
 */
public final class WrongImport {
    private WrongImport() {}

    public static void check(int port) throws UsageException {
        if (port > 65535) {
            throw new UsageException("port out of range");
        }
    }
}
