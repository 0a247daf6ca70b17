package dev.sockscope.service;

/**
 * Where the port table's name for a port comes from (the third column of {@code ports.tsv}; see
 * {@code tools/ports/README.md}). Names from {@link #NETBASE}, {@link #SEED} and {@link #OVERLAY}
 * help and are shown; an {@link #IANA} name alone is kept for {@code --port NAME} and the
 * {@code *IanaService} JSON keys, but shown nowhere a user reads a row.
 */
public enum NameSource {
    /** Debian netbase's {@code /etc/services}: what {@code ss} and {@code netstat} show there. */
    NETBASE("netbase"),
    /** IANA's name, for a port on the list of application ports users expect ({@code seed.tsv}). */
    SEED("seed"),
    /** An application's name where IANA's is obscure ({@code overlay.tsv}: 5601 kibana). */
    OVERLAY("overlay"),
    /** IANA's registry alone: 32768 {@code filenet-tms}, 2024 {@code xinuexpansion4}. */
    IANA("iana");

    private final String label;

    NameSource(String label) {
        this.label = label;
    }

    /** The word in the table's source column. */
    public String label() {
        return label;
    }

    /** True for the sources whose names are shown: every source but {@link #IANA}. */
    public boolean helpful() {
        return this != IANA;
    }
}
