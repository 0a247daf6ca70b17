package dev.sockscope.net;

import java.util.List;

/**
 * The resolvers in use ({@code --dns}).
 *
 * @param path       the file read, e.g. {@code /etc/resolv.conf}
 * @param conf       what it says
 * @param stub       the name of the local stub its name servers point at ({@code
 *                   systemd-resolved} for 127.0.0.53 / 127.0.0.54, {@code local} for another
 *                   loopback server), or null when they are not local
 * @param upstream   the stub's own configuration (systemd-resolved's {@code
 *                   /run/systemd/resolve/resolv.conf}), null when not read
 * @param upstreamPath the file {@code upstream} came from, or null
 * @param unreadable one line for each thing that could not be read, and why
 */
public record Resolvers(
        String path, ResolvConf conf, String stub, ResolvConf upstream, String upstreamPath, List<String> unreadable) {
    public Resolvers {
        unreadable = List.copyOf(unreadable);
    }
}
