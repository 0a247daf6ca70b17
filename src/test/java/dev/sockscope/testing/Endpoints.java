package dev.sockscope.testing;

import dev.sockscope.model.Address;

/** Addresses for fixtures whose family is a parameter. */
public final class Endpoints {
    private Endpoints() {}

    /** Numeric IP text as that address; any other text ({@code ""}, {@code /run/x.sock}) as a unix path. */
    public static Address address(String text) {
        Address a = Address.parse(text);
        return a != null ? a : Address.path(text);
    }
}
