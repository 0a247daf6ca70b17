package dev.sockscope.view;

import static dev.sockscope.testing.Rows.SERVICES;
import static dev.sockscope.testing.Rows.holder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sockscope.model.Details;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.testing.Rows;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class WritersTest {
    private final SocketRow listen = Rows.tcp6(
            "::",
            8080,
            "::",
            0,
            State.LISTEN,
            13,
            holder(1200, "nginx", "nginx: master"),
            holder(1201, "nginx", "nginx: worker"));
    private final SocketRow client = Rows.tcp4(
            "127.0.0.1",
            41000,
            "127.0.0.1",
            443,
            State.ESTABLISHED,
            12,
            holder(900, "\u001b[2Jcurl", "curl \"https://x\",y\nz"));
    private final SocketRow timeWait = Rows.tcp4("127.0.0.1", 5601, "127.0.0.1", 50000, State.TIME_WAIT, 0);
    private final SocketRow abstractUnix =
            Rows.unix("@bus\u001b[31m", State.LISTEN, 77, holder(5, "dbus", "dbus-daemon"));
    private final List<SocketRow> rows = List.of(listen, client, timeWait, abstractUnix);

    private static TableWriter table(
            dev.sockscope.service.ServiceRegistry services,
            java.util.function.Function<String, String> resolver,
            int width) {
        List<Column> columns = new java.util.ArrayList<>(Column.DEFAULT);
        if (services == null) {
            columns.remove(Column.SERVICE);
        }
        return new TableWriter(columns, new Column.Context(services, resolver), width, false, Cut.UNICODE);
    }

    @Test
    void tableHasNetstatColumnsBracketsWildcardsAndSanitizedText() throws IOException {
        StringBuilder out = new StringBuilder();
        table(SERVICES, null, 0).write(rows, out);
        assertEquals(
                String.join(
                        "\n",
                        "Proto  Local Address    Foreign Address  State        PID/Program    Service",
                        "tcp6   [::]:8080        *                LISTEN       1200/nginx+1   http-alt",
                        "tcp    127.0.0.1:41000  127.0.0.1:443    ESTABLISHED  900/\\e[2Jcurl  https",
                        "tcp    127.0.0.1:5601   127.0.0.1:50000  TIME_WAIT    -              kibana",
                        "unix   @bus\\e[31m       *                LISTEN       5/dbus",
                        ""),
                out.toString());
    }

    @Test
    void rightAlignedColumnsAndPaddingWiderThanABlockOfSpaces() throws IOException {
        SocketRow longCommand = Rows.tcp4(
                "127.0.0.1", 80, "0.0.0.0", 0, State.LISTEN, 123456, holder(7, "web", "web " + "x".repeat(100)));
        SocketRow shortCommand = Rows.tcp4("127.0.0.1", 81, "0.0.0.0", 0, State.LISTEN, 9, holder(8, "db", "db"));
        StringBuilder out = new StringBuilder();
        new TableWriter(
                        List.of(Column.INODE, Column.COMMAND, Column.PID),
                        new Column.Context(SERVICES, null),
                        0,
                        false,
                        Cut.UNICODE)
                .write(List.of(longCommand, shortCommand), out);
        assertEquals(
                " Inode  Command" + " ".repeat(97) + "  PID\n"
                        + "123456  web " + "x".repeat(100) + "    7\n"
                        + "     9  db" + " ".repeat(102) + "    8\n",
                out.toString());
    }

    /** A row like {@code r} with other details: the same addresses and ports. */
    private static SocketRow with(SocketRow r, Details d) {
        return new SocketRow(r.entry().withDetails(d), r.holders(), r.user());
    }

    @Test
    void rowsInARunShareTheirEndpointsTextButEachDifferenceIsShown() {
        SocketRow any6 = Rows.tcp6("::", 8080, "::", 0, State.LISTEN, 1);
        SocketRow dual = with(any6, new Details.Builder().dualStack(true).build());
        SocketRow onEth0 = with(any6, new Details.Builder().iface("eth0").build());
        SocketRow conn1 = Rows.tcp4("127.0.0.1", 8080, "127.0.0.2", 5000, State.ESTABLISHED, 2);
        SocketRow conn2 = Rows.tcp4("127.0.0.1", 8080, "127.0.0.2", 5001, State.ESTABLISHED, 3);
        SocketRow conn3 = Rows.tcp4("127.0.0.1", 8080, "127.0.0.3", 5001, State.ESTABLISHED, 4);
        SocketRow udpTwin = Rows.udp4("127.0.0.1", 8080, "127.0.0.3", 5001, State.ESTABLISHED, 5);
        SocketRow udpBound = Rows.udp4("127.0.0.1", 8080, "0.0.0.0", 0, State.UNCONN, 6);
        SocketRow unixA = Rows.unix("/run/a", State.LISTEN, 7);
        SocketRow unixB = Rows.unix("/run/b", State.LISTEN, 8);
        List<SocketRow> run = List.of(
                any6, any6, dual, dual, any6, onEth0, conn1, conn1, conn2, conn3, udpTwin, udpBound, unixA, unixB,
                unixA);
        Column.Context ctx = new Column.Context(SERVICES, null);
        String last = null;
        for (SocketRow r : run) {
            String local = Column.LOCAL.text(r, ctx);
            assertEquals(Cells.local(r.entry()), local, r.toString());
            assertEquals(Cells.remote(r.entry(), null), Column.REMOTE.text(r, ctx), r.toString());
            if (local.equals(last)) {
                assertSame(last, local, "a run of one local end shares one string: " + r);
            }
            last = local;
        }
        assertEquals(
                List.of("[::]:8080", "*:8080", "[::]%eth0:8080", "127.0.0.1:8080", "/run/a", "/run/b"),
                run.stream().map(r -> Column.LOCAL.text(r, ctx)).distinct().toList());
    }

    @Test
    void numericTableDropsTheServiceColumn() throws IOException {
        StringBuilder out = new StringBuilder();
        table(null, null, 0).write(List.of(listen), out);
        assertEquals(
                "Proto  Local Address  Foreign Address  State   PID/Program\n"
                        + "tcp6   [::]:8080      *                LISTEN  1200/nginx+1\n",
                out.toString());
    }

    @Test
    void tableOnANarrowTerminalElidesWidestColumnsFirst() throws IOException {
        StringBuilder out = new StringBuilder();
        table(SERVICES, null, 60).write(rows, out);
        for (String line : out.toString().split("\n")) {
            assertEquals(true, line.codePointCount(0, line.length()) <= 60, line);
        }
        assertEquals(true, out.toString().contains("…"));
    }

    @Test
    void resolvedNamesReplaceRemoteAddressesAndAreSanitized() throws IOException {
        StringBuilder out = new StringBuilder();
        table(SERVICES, a -> a.equals("127.0.0.1") ? "evil\u001b]0;x\u0007" : null, 0)
                .write(List.of(client, listen), out);
        assertEquals(true, out.toString().contains(" evil\\e]0;x\\x07:443 "), out.toString());
        assertEquals(true, out.toString().contains(" *  "), out.toString());
    }

    @Test
    void csvQuotesPerRfc4180AndKeepsStringsExact() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter w = new CsvWriter(new Fields(SERVICES, true));
        w.writeHeader(out);
        w.writeRows(List.of(client, listen, abstractUnix), out);
        assertEquals(
                String.join(
                        "\n",
                        "proto,family,localAddress,localPort,localService,remoteAddress,remotePort,remoteService,"
                                + "localIanaService,remoteIanaService,state,pid,holders,"
                                + "process,command,uid,user,inode,recvQ,sendQ,portClass,exposure,interface,dualStack,unixType,peerInode,"
                                + "peer,timer,rttMs,retrans,bytesSent,bytesReceived,sendRate,recvRate,cgroup,unit,container,netns",
                        "tcp,ipv4,127.0.0.1,41000,,127.0.0.1,443,https,,https,ESTABLISHED,900,900,\u001b[2Jcurl,"
                                + "\"curl \"\"https://x\"\",y\nz\",1000,alice,12,0,0,ephemeral,loopback,,,,,,,,,,,,,,,,",
                        "tcp,ipv6,::,8080,http-alt,::,0,,http-alt,,LISTEN,1200,1200 1201,nginx,nginx: master,0,root,13,0,0,"
                                + "registered,all,,,,,,,,,,,,,,,,",
                        "unix,unix,@bus\u001b[31m,,,,,,,,LISTEN,5,5,dbus,dbus-daemon,,,77,,,,,,,,,,,,,,,,,,,,",
                        ""),
                out.toString());
    }

    @Test
    void jsonHasEveryKeyAndEscapesControlCharactersLosslessly() throws IOException {
        StringWriter out = new StringWriter();
        new JsonWriter(new Fields(SERVICES, true)).write(List.of(client, timeWait), out);
        assertEquals(
                "[\n"
                        + "{\"proto\":\"tcp\",\"family\":\"ipv4\",\"localAddress\":\"127.0.0.1\",\"localPort\":41000,\"localService\":null,"
                        + "\"remoteAddress\":\"127.0.0.1\",\"remotePort\":443,\"remoteService\":\"https\","
                        + "\"localIanaService\":null,\"remoteIanaService\":\"https\",\"state\":\"ESTABLISHED\","
                        + "\"pid\":900,\"holders\":[{\"pid\":900,\"process\":\"\\u001B[2Jcurl\",\"user\":\"alice\","
                        + "\"command\":\"curl \\\"https://x\\\",y\\nz\"}],\"process\":\"\\u001B[2Jcurl\","
                        + "\"command\":\"curl \\\"https://x\\\",y\\nz\",\"uid\":1000,\"user\":\"alice\",\"inode\":12,\"recvQ\":0,"
                        + "\"sendQ\":0,\"portClass\":\"ephemeral\",\"exposure\":\"loopback\",\"interface\":null,\"dualStack\":null,\"unixType\":null,\"peerInode\":null,\"peer\":null,\"timer\":null,\"rttMs\":null,\"retrans\":null,\"bytesSent\":null,\"bytesReceived\":null,\"sendRate\":null,\"recvRate\":null,\"cgroup\":null,\"unit\":null,\"container\":null,\"netns\":null},\n"
                        + "{\"proto\":\"tcp\",\"family\":\"ipv4\",\"localAddress\":\"127.0.0.1\",\"localPort\":5601,\"localService\":\"kibana\","
                        + "\"remoteAddress\":\"127.0.0.1\",\"remotePort\":50000,\"remoteService\":null,"
                        + "\"localIanaService\":\"esmagent\",\"remoteIanaService\":null,\"state\":\"TIME_WAIT\","
                        + "\"pid\":null,\"holders\":[],\"process\":null,\"command\":null,\"uid\":1000,\"user\":\"alice\",\"inode\":0,"
                        + "\"recvQ\":0,\"sendQ\":0,\"portClass\":\"registered\",\"exposure\":\"loopback\",\"interface\":null,\"dualStack\":null,\"unixType\":null,\"peerInode\":null,\"peer\":null,\"timer\":null,\"rttMs\":null,\"retrans\":null,\"bytesSent\":null,\"bytesReceived\":null,\"sendRate\":null,\"recvRate\":null,\"cgroup\":null,\"unit\":null,\"container\":null,\"netns\":null}\n"
                        + "]\n",
                out.toString());
    }

    @Test
    void emptyJsonIsAnEmptyArray() throws IOException {
        StringWriter out = new StringWriter();
        new JsonWriter(new Fields(SERVICES, false)).write(List.of(), out);
        assertEquals("[]\n", out.toString());
    }

    @Test
    void numericJsonHasNoServiceNamesButKeepsPortClass() throws IOException {
        StringWriter out = new StringWriter();
        new JsonWriter(new Fields(SERVICES, false)).write(List.of(listen), out);
        assertFalse(out.toString().contains("http-alt"));
        assertEquals(true, out.toString().contains("\"localService\":null"));
        assertEquals(true, out.toString().contains("\"localIanaService\":null"));
        assertEquals(true, out.toString().contains("\"portClass\":\"registered\""));
    }

    @Test
    void rowsOfOneHolderListShareOnePidProgram() {
        java.util.List<dev.sockscope.model.Holder> nginx = listen.holders();
        SocketRow other = new SocketRow(client.entry(), nginx, "alice");
        Cells.PidPrograms made = new Cells.PidPrograms();
        String first = made.of(listen);
        assertEquals("1200/nginx+1", first);
        org.junit.jupiter.api.Assertions.assertSame(first, made.of(other));
        assertEquals(Cells.pidProgram(client), made.of(client));
        assertEquals("-", made.of(timeWait));
    }

    @Test
    void aTableLongerThanItsBufferComesOutWhole() throws IOException {
        List<SocketRow> many = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(Rows.tcp4(
                    "127.0.0.1", 10000 + i, "127.0.0.1", 443, State.ESTABLISHED, 100 + i, holder(7, "x", "x")));
        }
        StringBuilder out = new StringBuilder();
        table(SERVICES, null, 0).write(many, out);
        String[] lines = out.toString().split("\n");
        assertEquals(3001, lines.length);
        assertEquals("tcp    127.0.0.1:12999  127.0.0.1:443    ESTABLISHED  7/x          https", lines[3000]);
    }
}
