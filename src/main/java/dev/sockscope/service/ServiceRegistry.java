package dev.sockscope.service;

import dev.sockscope.model.Proto;

/** Names ports and classifies them. Implementations are immutable and thread-safe. */
public interface ServiceRegistry {

    /**
     * The name users expect for a port: the application's name where a popular application
     * owns a port IANA names obscurely (5601 is {@code kibana}, not {@code esmagent}), else
     * the netbase/IANA name. Null when the port has no name.
     */
    String name(Proto proto, int port);

    /** IANA's own name for the port (shown in details), or null. */
    String ianaName(Proto proto, int port);

    /**
     * Every port a service name stands for, matched case-insensitively against both the
     * preferred and the IANA names, in ascending order; empty when the name is unknown.
     */
    int[] ports(String serviceName);

    /** The class of a local port; {@link PortClass#EPHEMERAL} inside this host's ephemeral range. */
    PortClass classify(int port);
}
