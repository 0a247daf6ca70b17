package dev.sockscope.service;

import dev.sockscope.model.Proto;

/** Names ports and classifies them. Implementations are immutable and thread-safe. */
public interface ServiceRegistry {

    /**
     * The name a user reading a row should see, or null: a helpful name, from netbase's
     * {@code /etc/services} (80 {@code http}), the seed list of application ports users expect
     * (27017 {@code mongodb}) or the application overlay (5601 {@code kibana}, not IANA's
     * {@code esmagent}). Null when the port has no name or only IANA's registry names it
     * (32768 {@code filenet-tms}): that name is {@link #ianaName}'s. Whether a row shows the
     * name at all (the ephemeral side of a connection is never named) is {@link ShownService}'s
     * decision.
     */
    String name(Proto proto, int port);

    /** IANA's own name for the port, whether or not it helps (details, JSON), or null. */
    String ianaName(Proto proto, int port);

    /**
     * Every port a service name stands for, matched case-insensitively against every name of
     * the table, helpful or IANA's alone ({@code --port filenet-tms} finds 32768), in ascending
     * order; empty when the name is unknown.
     */
    int[] ports(String serviceName);

    /** The class of a local port; {@link PortClass#EPHEMERAL} inside this host's ephemeral range. */
    PortClass classify(int port);
}
