package dev.sockscope.view.live;

/** The columns the live table can be sorted by, in the order {@code s} steps through them. */
enum SortColumn {
    PROTO("Proto"),
    LOCAL("Local Address"),
    REMOTE("Foreign Address"),
    STATE("State"),
    PID("PID/Program"),
    SERVICE("Service");

    final String title;

    SortColumn(String title) {
        this.title = title;
    }

    SortColumn next() {
        SortColumn[] all = values();
        return all[(ordinal() + 1) % all.length];
    }
}
