package dev.sockscope.model;

import java.util.List;

/**
 * Everything one read of the connection tables produced.
 *
 * @param rows           sockets with their holders
 * @param unparsedLines  table lines that could not be parsed and were skipped
 * @param hiddenOwners   processes whose open files could not be inspected (other users'
 *                       processes when not root); 0 when every process was visible
 * @param platformNote   one sentence on what this platform does not provide, or null
 */
public record Snapshot(List<SocketRow> rows, int unparsedLines, int hiddenOwners, String platformNote) {
    public Snapshot {
        rows = List.copyOf(rows);
    }
}
