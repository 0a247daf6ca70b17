package dev.sockscope.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Proto;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTest {
    /** The golden `--list --json` output of the captured tree (src/test/resources/proc/captured). */
    static final Path CAPTURED = Path.of("src/test/resources/golden/captured.json");

    static SnapshotFile.Saved read(String text) throws Exception {
        return SnapshotFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "base.json");
    }

    static String error(String text) {
        return assertThrows(SnapshotFileException.class, () -> read(text)).getMessage();
    }

    @Test
    void readsTheOutputOfListJson() throws Exception {
        SnapshotFile.Saved s = SnapshotFile.read(CAPTURED);
        long lines = Files.readAllLines(CAPTURED).stream()
                .filter(l -> l.startsWith("{"))
                .count();
        assertEquals(lines, s.rows().size(), "one row per object");
        assertNull(s.time());
        SocketRow owned = s.rows().stream()
                .filter(r -> r.entry().localPort() == 46001 && r.entry().state() == State.LISTEN)
                .findFirst()
                .orElseThrow();
        assertEquals(Proto.TCP, owned.entry().proto());
        assertEquals("127.0.0.1", owned.entry().localAddress().text());
        assertEquals(4642, owned.owner().pid());
        assertEquals("capture", owned.owner().process());
        assertEquals("python3 capture-proc-net.py", owned.owner().command());
    }

    @Test
    void takesTheLastSnapshotOfRepeatedOnes() throws Exception {
        String row = "{\"proto\":\"tcp\",\"family\":\"ipv4\",\"localAddress\":\"127.0.0.1\",\"localPort\":%d,"
                + "\"remoteAddress\":\"0.0.0.0\",\"remotePort\":0,\"state\":\"LISTEN\",\"pid\":null,\"holders\":[]}";
        String text = "{\"time\":\"2026-11-26T06:00:00.000Z\",\"sockets\":[" + String.format(row, 80) + "]}\n"
                + "{\"time\":\"2026-11-26T06:00:01.000Z\",\"sockets\":[" + String.format(row, 81) + ","
                + String.format(row, 82) + "]}\n";
        SnapshotFile.Saved s = read(text);
        assertEquals("2026-11-26T06:00:01.000Z", s.time());
        assertEquals(2, s.rows().size());
        assertEquals(81, s.rows().get(0).entry().localPort());
    }

    @Test
    void anEmptyArrayIsAnEmptySnapshot() throws Exception {
        assertEquals(List.of(), read("[]\n").rows());
    }

    @Test
    void unixRowsHaveNoPorts() throws Exception {
        SnapshotFile.Saved s = read("[{\"proto\":\"unix\",\"family\":\"unix\",\"localAddress\":\"/run/x.sock\","
                + "\"localPort\":null,\"remoteAddress\":\"\",\"remotePort\":null,\"state\":\"LISTEN\",\"pid\":5,"
                + "\"process\":\"x\",\"command\":\"x --serve\"}]");
        SocketRow r = s.rows().get(0);
        assertEquals(-1, r.entry().localPort());
        assertEquals("x", r.owner().process(), "holders from pid/process when there is no holders array");
    }

    @Test
    void notJsonNamesTheLineAndColumn() {
        String m = error("[\n{\"proto\": tcp}\n]");
        assertTrue(m.startsWith("base.json: not valid JSON at line 2, column "), m);
    }

    @Test
    void aTruncatedFileIsAnError() throws IOException {
        String whole = Files.readString(CAPTURED);
        String m = error(whole.substring(0, whole.length() / 2));
        assertTrue(m.startsWith("base.json: not valid JSON at line "), m);
        assertTrue(m.contains("end-of-input"), m);
    }

    @Test
    void anEmptyFileHasNoSnapshot() {
        assertEquals("base.json: empty: no snapshot in it", error(""));
    }

    @Test
    void aMissingKeyNamesTheSocketAndTheKey() {
        String m = error("[{\"proto\":\"tcp\",\"family\":\"ipv4\",\"localAddress\":\"1.2.3.4\",\"localPort\":1,"
                + "\"remoteAddress\":\"0.0.0.0\",\"remotePort\":0,\"state\":\"LISTEN\"},"
                + "{\"proto\":\"tcp\",\"family\":\"ipv4\",\"localAddress\":\"1.2.3.4\",\"localPort\":2,"
                + "\"remoteAddress\":\"0.0.0.0\",\"remotePort\":0}]");
        assertEquals("base.json: socket 2 has no \"state\"", m);
    }

    @Test
    void badValuesAreNamed() {
        String base = "[{\"proto\":\"%s\",\"family\":\"ipv4\",\"localAddress\":\"1.2.3.4\",\"localPort\":%s,"
                + "\"remoteAddress\":\"0.0.0.0\",\"remotePort\":0,\"state\":\"%s\"}]";
        assertEquals(
                "base.json: socket 1 has an unknown proto \"sctp\"", error(String.format(base, "sctp", "1", "LISTEN")));
        assertEquals(
                "base.json: socket 1 has \"localPort\" 70000, not a port (0-65535)",
                error(String.format(base, "tcp", "70000", "LISTEN")));
        assertEquals(
                "base.json: socket 1 has \"localPort\" that is not a whole number",
                error(String.format(base, "tcp", "\"80\"", "LISTEN")));
        assertEquals(
                "base.json: socket 1 has an unknown state \"OPEN\"", error(String.format(base, "tcp", "1", "OPEN")));
    }

    @Test
    void otherJsonIsNotASnapshot() {
        assertEquals(
                "base.json: line 1: expected an array of sockets (--list --json) or {\"time\",\"sockets\"} objects (--count)",
                error("42"));
        assertEquals("base.json: line 1: an object without a \"sockets\" array", error("{\"time\":1}"));
        assertEquals("base.json: socket 1 is not an object", error("[1,2]"));
    }

    @Test
    void aMissingFileSaysSo(@TempDir Path dir) {
        Path f = dir.resolve("nope.json");
        SnapshotFileException e = assertThrows(SnapshotFileException.class, () -> SnapshotFile.read(f));
        assertEquals(f + ": no such file", e.getMessage());
    }
}
