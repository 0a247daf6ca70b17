package dev.sockscope.source;

import dev.sockscope.model.Snapshot;

/**
 * A source whose snapshots carry one more note: why {@code auto} chose it and what that loses
 * (kept in {@link Snapshot#platformNote()}, which the command line prints once).
 */
final class NotedSource implements SocketSource {
    private final SocketSource inner;
    private final String note;

    NotedSource(SocketSource inner, String note) {
        this.inner = inner;
        this.note = note;
    }

    @Override
    public Snapshot read(TableSelection which) throws SourceException {
        Snapshot s = inner.read(which);
        String n = s.platformNote() == null ? note : s.platformNote() + "; " + note;
        return new Snapshot(s.rows(), s.unparsedLines(), s.hiddenOwners(), n, s.hidden(), s.readNanos());
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void close() {
        inner.close();
    }
}
