package dev.sockscope.view.live;

import dev.sockscope.view.Column;

/**
 * The columns of the Processes tab, each with its order (ties by pid). A process row sums the
 * rows the Sockets tab shows for that process (its first holder), with the send and receive
 * rates of its connections (from {@code tcp_info}; empty without it).
 */
enum ProcessColumn {
    PID("PID", 3, Column.Align.RIGHT),
    PROGRAM("Program", 7, Column.Align.LEFT),
    USER("User", 4, Column.Align.LEFT),
    SOCKETS("Sockets", 7, Column.Align.RIGHT),
    LISTEN("Listen", 6, Column.Align.RIGHT),
    ESTABLISHED("Estab", 5, Column.Align.RIGHT),
    OTHER("Other", 5, Column.Align.RIGHT),
    TX("Send/s", 6, Column.Align.RIGHT),
    RX("Recv/s", 6, Column.Align.RIGHT);

    private final String title;
    private final int min;
    private final Column.Align align;

    ProcessColumn(String title, int min, Column.Align align) {
        this.title = title;
        this.min = min;
        this.align = align;
    }

    String title() {
        return title;
    }

    int min() {
        return min;
    }

    Column.Align align() {
        return align;
    }

    ProcessColumn next() {
        return values()[(ordinal() + 1) % values().length];
    }
}
