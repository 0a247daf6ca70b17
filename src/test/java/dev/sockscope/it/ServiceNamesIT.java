package dev.sockscope.it;

import static dev.sockscope.testing.JsonRows.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.testing.JsonRows;
import dev.sockscope.testing.Launch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Service names end to end: the launcher, in a network namespace this test creates (so the
 * fixed ports it needs are free; its loopback is brought up, nothing leaves it), lists real
 * sockets held by a python process: a client on port 32768, the first of Linux's ephemeral range
 * (IANA: {@code filenet-tms}), connected to 8080; listeners on 3306, 1521, 5601, 3389; a client
 * on 32769 ({@code filenet-rpc}) connected to 2024 ({@code xinuexpansion4}). Listed by root
 * through the launcher, and by {@code nobody} (setpriv) through a readable copy of the jar.
 */
@Tag("live")
class ServiceNamesIT {
    private static final String SCRIPT = """
            set -u
            dir=$1; python=$2; holder=$3; sockscope=$4; java=$5
            ip link set lo up || exit 90
            "$python" "$holder" "$dir/ready" 60 &
            pid=$!
            for _ in $(seq 100); do [ -s "$dir/ready" ] && break; sleep 0.1; done
            run() { name=$1; shift; "$sockscope" "$@" >"$dir/$name.out" 2>"$dir/$name.err"; echo $? >"$dir/$name.rc"; }
            run table --list -t
            run json --list -t --json
            run csv --list -t --format csv
            run numeric --list -t -n
            run port --list -t --port filenet-tms
            run sorted --list -t -l --sort service
            setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \\
                "$java" -jar "$dir/sockscope.jar" --list -t >"$dir/nobody.out" 2>"$dir/nobody.err"
            echo $? >"$dir/nobody.rc"
            kill "$pid"; wait "$pid" 2>/dev/null
            exit 0
            """;

    static Path dir;
    static String holderPid;

    @BeforeAll
    static void holdSocketsInANamespaceAndListThem() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "unshare -n needs root");
        // readable by nobody too: the holder, and a copy of the jar beside its lib/
        dir = Files.createTempDirectory(
                Path.of("/tmp"),
                "sockscope-services-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path holder = dir.resolve("service_ports.py");
        try (InputStream in = ServiceNamesIT.class.getResourceAsStream("/holder/service_ports.py")) {
            Files.write(holder, in.readAllBytes());
        }
        Path jar = Path.of(System.getProperty("sockscope.jar", "target/sockscope.jar"));
        Files.copy(jar, dir.resolve("sockscope.jar"));
        Files.createDirectories(dir.resolve("lib"));
        try (Stream<Path> libs = Files.list(jar.resolveSibling("lib"))) {
            for (Path lib : (Iterable<Path>) libs::iterator) {
                Files.copy(lib, dir.resolve("lib").resolve(lib.getFileName()));
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.forEach(p -> p.toFile().setReadable(true, false));
        }
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "bash", "-c", SCRIPT, "script"));
        cmd.addAll(List.of(
                dir.toString(), python, holder.toString(), Launch.launcher().get(0), java));
        Launch l = Launch.run(cmd, Map.of(), 180);
        assertEquals(0, l.status, l.toString());
        holderPid = Files.readString(dir.resolve("ready"), StandardCharsets.US_ASCII)
                .trim();
    }

    @AfterAll
    static void removeDir() throws IOException {
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String out(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
    }

    private static int status(String name) throws IOException {
        return Integer.parseInt(Files.readString(dir.resolve(name + ".rc")).trim());
    }

    /** Notes are allowed (a namespace of its own may be noted), nothing else. */
    private static void onlyNotes(String name) throws IOException {
        for (String line : Files.readAllLines(dir.resolve(name + ".err"))) {
            assertTrue(line.startsWith("sockscope: note: "), name + ": " + line);
        }
    }

    /** The table row whose local and foreign address are these, as words. */
    private static List<String> row(String table, String local, String remote) {
        List<List<String>> hits = table.lines()
                .map(l -> List.of(l.trim().split(" +")))
                .filter(w -> w.size() > 2 && w.get(1).equals(local) && w.get(2).equals(remote))
                .toList();
        assertEquals(1, hits.size(), local + " " + remote + " in\n" + table);
        return hits.get(0);
    }

    @Test
    void theTableNamesTheServerOnBothRowsAndNothingObscure() throws IOException {
        assertEquals(0, status("table"));
        onlyNotes("table");
        String t = out("table");
        String owner = holderPid + "/python3";
        assertEquals(
                List.of("tcp", "127.0.0.1:32768", "127.0.0.1:8080", "ESTABLISHED", owner, "http-alt"),
                row(t, "127.0.0.1:32768", "127.0.0.1:8080"));
        assertEquals(
                List.of("tcp", "127.0.0.1:8080", "127.0.0.1:32768", "ESTABLISHED", owner, "http-alt"),
                row(t, "127.0.0.1:8080", "127.0.0.1:32768"));
        assertEquals(
                List.of("tcp", "127.0.0.1:32769", "127.0.0.1:2024", "ESTABLISHED", owner),
                row(t, "127.0.0.1:32769", "127.0.0.1:2024"));
        assertEquals(
                List.of("tcp", "127.0.0.1:2024", "127.0.0.1:32769", "ESTABLISHED", owner),
                row(t, "127.0.0.1:2024", "127.0.0.1:32769"));
        String[][] listeners = {
            {"8080", "http-alt"}, {"3306", "mysql"}, {"1521", "oracle"}, {"5601", "kibana"}, {"3389", "rdp"}
        };
        for (String[] l : listeners) {
            assertEquals(
                    List.of("tcp", "127.0.0.1:" + l[0], "*", "LISTEN", owner, l[1]), row(t, "127.0.0.1:" + l[0], "*"));
        }
        assertEquals(List.of("tcp", "127.0.0.1:2024", "*", "LISTEN", owner), row(t, "127.0.0.1:2024", "*"));
        for (String obscure : new String[] {"filenet", "xinuexpansion", "ncube-lm", "esmagent", "ms-wbt-server"}) {
            assertFalse(t.contains(obscure), obscure + " in\n" + t);
        }
    }

    /** A user who is not root sees no owners here (the holder is root's) but the same names. */
    @Test
    void nobodySeesTheSameNames() throws IOException {
        assertEquals(0, status("nobody"), out("nobody"));
        onlyNotes("nobody");
        String t = out("nobody");
        assertEquals(
                List.of("tcp", "127.0.0.1:32768", "127.0.0.1:8080", "ESTABLISHED", "-", "http-alt"),
                row(t, "127.0.0.1:32768", "127.0.0.1:8080"));
        assertEquals(
                List.of("tcp", "127.0.0.1:8080", "127.0.0.1:32768", "ESTABLISHED", "-", "http-alt"),
                row(t, "127.0.0.1:8080", "127.0.0.1:32768"));
        assertEquals(
                List.of("tcp", "127.0.0.1:32769", "127.0.0.1:2024", "ESTABLISHED", "-"),
                row(t, "127.0.0.1:32769", "127.0.0.1:2024"));
        assertEquals(List.of("tcp", "127.0.0.1:1521", "*", "LISTEN", "-", "oracle"), row(t, "127.0.0.1:1521", "*"));
    }

    @Test
    void jsonNamesTheSameAndKeepsIanasNamesUnderTheirOwnKeys() throws IOException {
        assertEquals(0, status("json"));
        onlyNotes("json");
        List<Map<String, Object>> rows = JsonRows.parse(out("json"));
        Map<String, Object> client = find(rows, "localPort", 32768, "remotePort", 8080);
        assertNull(client.get("localService"));
        assertEquals("http-alt", client.get("remoteService"));
        assertEquals("filenet-tms", client.get("localIanaService"));
        assertEquals("http-alt", client.get("remoteIanaService"));
        assertEquals("ephemeral", client.get("portClass"));
        assertEquals(Long.parseLong(holderPid), client.get("pid"));
        Map<String, Object> server = find(rows, "localPort", 8080, "remotePort", 32768);
        assertEquals("http-alt", server.get("localService"));
        assertNull(server.get("remoteService"));
        assertEquals("filenet-tms", server.get("remoteIanaService"));
        Map<String, Object> obscure = find(rows, "localPort", 2024, "remotePort", 32769);
        assertNull(obscure.get("localService"));
        assertNull(obscure.get("remoteService"));
        assertEquals("xinuexpansion4", obscure.get("localIanaService"));
        assertEquals("filenet-rpc", obscure.get("remoteIanaService"));
        Map<String, Object> oracle = find(rows, "localPort", 1521, "state", "LISTEN");
        assertEquals("oracle", oracle.get("localService"));
        assertEquals("ncube-lm", oracle.get("localIanaService"));
        assertNull(oracle.get("remoteIanaService"));
    }

    @Test
    void csvCarriesTheSameNames() throws IOException {
        assertEquals(0, status("csv"));
        List<String> lines = out("csv").lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        int local = header.indexOf("localPort");
        int remote = header.indexOf("remotePort");
        int localService = header.indexOf("localService");
        int remoteService = header.indexOf("remoteService");
        int localIana = header.indexOf("localIanaService");
        List<String[]> client = lines.stream()
                .map(l -> l.split(",", -1))
                .filter(c -> c[local].equals("32768") && c[remote].equals("8080"))
                .toList();
        assertEquals(1, client.size(), out("csv"));
        assertEquals("", client.get(0)[localService]);
        assertEquals("http-alt", client.get(0)[remoteService]);
        assertEquals("filenet-tms", client.get(0)[localIana]);
    }

    @Test
    void numericNamesNothing() throws IOException {
        assertEquals(0, status("numeric"));
        String t = out("numeric");
        assertEquals(
                List.of("tcp", "127.0.0.1:32768", "127.0.0.1:8080", "ESTABLISHED", holderPid + "/python3"),
                row(t, "127.0.0.1:32768", "127.0.0.1:8080"));
        for (String name : new String[] {"http-alt", "mysql", "oracle", "kibana", "rdp", "Service"}) {
            assertFalse(t.contains(name), name + " in\n" + t);
        }
    }

    @Test
    void portAcceptsAnIanaNameTheTableDoesNotShow() throws IOException {
        assertEquals(0, status("port"));
        onlyNotes("port");
        List<String> rows = out("port").lines().skip(1).toList();
        assertEquals(2, rows.size(), out("port"));
        row(out("port"), "127.0.0.1:32768", "127.0.0.1:8080");
        row(out("port"), "127.0.0.1:8080", "127.0.0.1:32768");
    }

    @Test
    void sortByServiceFollowsTheShownNames() throws IOException {
        assertEquals(0, status("sorted"));
        List<String> services = out("sorted")
                .lines()
                .skip(1)
                .map(l -> List.of(l.trim().split(" +")))
                .map(w -> w.size() > 5 ? w.get(5) : "")
                .toList();
        // the unnamed listener (2024) sorts with no name; the others in name order
        List<String> named = services.stream().filter(s -> !s.isEmpty()).toList();
        assertEquals(List.of("http-alt", "kibana", "mysql", "oracle", "rdp"), named);
        assertEquals(6, services.size(), out("sorted"));
    }
}
