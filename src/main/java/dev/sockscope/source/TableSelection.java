package dev.sockscope.source;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which connection tables a read needs: a source skips tables that no row could come from
 * (e.g. {@code -t} never reads {@code /proc/net/udp}).
 *
 * @param protos   protocols wanted
 * @param families address families wanted among IPV4/IPV6 (unix sockets come with {@link Proto#UNIX})
 */
public record TableSelection(Set<Proto> protos, Set<Family> families) {
    public TableSelection {
        protos = protos.isEmpty() ? EnumSet.noneOf(Proto.class) : EnumSet.copyOf(protos);
        families = families.isEmpty() ? EnumSet.noneOf(Family.class) : EnumSet.copyOf(families);
    }

    /** Every table there is. */
    public static TableSelection all() {
        return new TableSelection(EnumSet.allOf(Proto.class), EnumSet.of(Family.IPV4, Family.IPV6));
    }

    public boolean wants(Proto proto, Family family) {
        return protos.contains(proto) && (proto == Proto.UNIX || families.contains(family));
    }
}
