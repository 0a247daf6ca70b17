package dev.sockscope.view;

import dev.sockscope.model.Holder;
import dev.sockscope.model.SocketEntry;
import dev.sockscope.model.SocketRow;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.service.ShownService;
import java.util.List;

/**
 * The machine-readable fields of a row: the JSON keys and the CSV header are {@link #KEYS},
 * in this order (DESIGN.md, "Snapshot fields"). Values are exact (never sanitized): String,
 * Integer, Long, {@code List<Holder>} (key {@code holders}) or null for "unknown / none".
 */
public final class Fields {
    public static final List<String> KEYS = List.of(
            "proto",
            "family",
            "localAddress",
            "localPort",
            "localService",
            "remoteAddress",
            "remotePort",
            "remoteService",
            "localIanaService",
            "remoteIanaService",
            "state",
            "pid",
            "holders",
            "process",
            "command",
            "uid",
            "user",
            "inode",
            "recvQ",
            "sendQ",
            "portClass");

    private final ServiceRegistry registry;
    private final boolean names;

    /**
     * @param registry port names and classes
     * @param names    false with {@code -n}: service fields are null, port classes still given
     */
    public Fields(ServiceRegistry registry, boolean names) {
        this.registry = registry;
        this.names = names;
    }

    /** The values of {@link #KEYS} for one row. */
    public Object[] values(SocketRow row) {
        SocketEntry e = row.entry();
        boolean inet = e.proto().isInet();
        Holder owner = row.owner();
        return new Object[] {
            e.proto().label(),
            e.family().label(),
            e.localAddress(),
            inet ? Integer.valueOf(e.localPort()) : null,
            inet && names ? ShownService.local(e, registry) : null,
            e.remoteAddress(),
            inet ? Integer.valueOf(e.remotePort()) : null,
            inet && names ? ShownService.remote(e, registry) : null,
            inet && names ? registry.ianaName(e.proto(), e.localPort()) : null,
            inet && names && !e.hasWildcardPeer() ? registry.ianaName(e.proto(), e.remotePort()) : null,
            e.state().name(),
            owner == null ? null : Integer.valueOf(owner.pid()),
            row.holders(),
            owner == null ? null : owner.process(),
            owner == null ? null : owner.command(),
            e.uid() == SocketEntry.UNKNOWN ? null : Integer.valueOf(e.uid()),
            row.user(),
            e.inode() == SocketEntry.UNKNOWN ? null : Long.valueOf(e.inode()),
            e.recvQ() == SocketEntry.UNKNOWN ? null : Long.valueOf(e.recvQ()),
            e.sendQ() == SocketEntry.UNKNOWN ? null : Long.valueOf(e.sendQ()),
            inet ? registry.classify(e.localPort()).label() : null,
        };
    }
}
