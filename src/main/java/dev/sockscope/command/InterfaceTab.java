package dev.sockscope.command;

import dev.sockscope.net.InterfaceRows;
import dev.sockscope.net.NetException;
import dev.sockscope.net.NetInterface;
import dev.sockscope.net.NetworkSource;
import dev.sockscope.net.Route;
import dev.sockscope.view.net.InterfaceLines;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The live view's Interfaces tab ({@code LiveOptions.Builder.interfaces}): the interfaces, the
 * default route's mark and the rx/tx rates between two readings, as {@link InterfaceLines}.
 * The view asks for the lines whenever it draws the tab; the interfaces are read again only
 * once {@code period} has passed since the last reading (by the injected {@code ticker}, in
 * nanoseconds), so rates are taken over about one refresh interval and drawing stays cheap.
 * The network source is opened at the first reading, never when the tab is not looked at.
 *
 * <p>Called on the view's loop thread only; not thread-safe.
 */
final class InterfaceTab implements Supplier<List<String>> {
    /** Opens the source once. */
    interface Opener {
        NetworkSource open() throws NetException;
    }

    private final Opener opener;
    private final long periodNanos;
    private final LongSupplier ticker;

    private NetworkSource source;
    private List<NetInterface> previous;
    private long previousAt;
    private List<String> lines;

    /**
     * @param period the refresh interval: a reading newer than nine tenths of it is reused
     */
    InterfaceTab(Opener opener, long periodNanos, LongSupplier ticker) {
        this.opener = opener;
        this.periodNanos = periodNanos;
        this.ticker = ticker;
    }

    @Override
    public List<String> get() {
        long now = ticker.getAsLong();
        if (lines != null && now - previousAt < periodNanos / 10 * 9) {
            return lines;
        }
        try {
            if (source == null) {
                source = opener.open();
            }
            List<NetInterface> current = source.interfaces();
            List<Route> routes;
            try {
                routes = source.routes();
            } catch (NetException e) {
                // the interfaces without the default route's mark
                routes = List.of();
            }
            lines = InterfaceLines.lines(InterfaceRows.build(previous, current, now - previousAt, routes, null));
            previous = current;
            previousAt = now;
        } catch (NetException | RuntimeException e) {
            // said on the tab, and tried again after a period
            lines = List.of("the interfaces cannot be read: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            previous = null;
            previousAt = now;
        }
        return lines;
    }

    /** Closes the source, if it was opened. */
    void close() {
        if (source != null) {
            source.close();
            source = null;
        }
    }
}
