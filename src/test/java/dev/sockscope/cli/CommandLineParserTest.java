package dev.sockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.model.Family;
import dev.sockscope.model.Proto;
import dev.sockscope.query.SortKey;
import dev.sockscope.testing.Rows;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineParserTest {
    private static Config parse(String... args) throws UsageException {
        return CommandLineParser.parse(args, () -> Rows.SERVICES);
    }

    private static String error(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void aNetworkViewIsParsedInTheSameParseWithItsOwnOptions() throws UsageException {
        Config c = parse("-rn", "--json");
        assertEquals(Config.Mode.NETWORK, c.mode());
        assertEquals(NetworkRequest.View.ROUTES, c.network().view());
        assertEquals(Config.Format.JSON, c.network().format());
        assertEquals(NetworkRequest.View.NEIGHBORS, parse("--neigh").network().view());
        assertEquals(
                "option '--tcp' does not go with -i, -r, --neighbors, --dns or --route-to (see docs/network.md)",
                error("-i", "-t"));
        assertEquals("option '--format' needs a value", error("-i", "--format", "--json"));
    }

    @Test
    void defaultsAreTcpAndUdpOfBothFamiliesLiveWhenOnATerminal() throws UsageException {
        Config c = parse();
        assertEquals(Config.Mode.AUTO, c.mode());
        assertEquals(1, c.count(), "piped, the live view falls back to one snapshot");
        assertEquals(1, parse("--interval", "2").count());
        assertEquals(EnumSet.of(Proto.TCP, Proto.UDP, Proto.UDPLITE), c.tables().protos());
        assertEquals(EnumSet.of(Family.IPV4, Family.IPV6), c.tables().families());
        assertEquals(1000, c.intervalMs());
        assertEquals(Config.Format.TABLE, c.format());
        assertEquals(Config.Backend.AUTO, c.backend());
        assertEquals(Path.of("/proc"), c.procRoot());
        assertEquals("", c.filter().toString());
    }

    @Test
    void bundledFlagsSelectTables() throws UsageException {
        Config c = parse("-tuxw6l", "--list");
        assertEquals(EnumSet.allOf(Proto.class), c.tables().protos());
        assertEquals(EnumSet.of(Family.IPV6), c.tables().families());
        assertEquals(
                "proto:tcp proto:udp proto:udplite proto:raw proto:unix family:ipv6 listening",
                c.filter().toString());
        assertEquals(Config.Mode.LIST, c.mode());
        assertEquals(1, c.count());
    }

    @Test
    void everySelectionOptionReachesTheFilter() throws UsageException {
        Config c = parse(
                "--list",
                "--port",
                "80,http-alt",
                "--port=443",
                "--local-port",
                "1-10",
                "--remote-port",
                "ssh",
                "--pid",
                "1,2",
                "--process",
                "Java",
                "--state",
                "listen,time-wait",
                "--user",
                "alice");
        assertEquals(
                "port:80,http-alt,443 lport:1-10 rport:ssh pid:1,2 state:TIME_WAIT,LISTEN user:alice process:java",
                c.filter().toString());
    }

    @Test
    void formatJsonCountAndListImplyListMode() throws UsageException {
        assertEquals(Config.Format.JSON, parse("--json").format());
        assertEquals(Config.Mode.LIST, parse("--json").mode());
        assertEquals(Config.Format.CSV, parse("--format", "CSV").format());
        assertEquals(Config.Mode.LIST, parse("--count", "3").mode());
        Config repeated = parse("--list", "--interval", "0", "--count", "11");
        assertEquals(0, repeated.intervalMs());
        assertEquals(11, repeated.count());
        assertEquals(0, parse("--list", "--interval", "2").count(), "like netstat -c: until interrupted");
        assertEquals(500, parse("--interval", "0.5").intervalMs());
    }

    @Test
    void otherOptions() throws UsageException {
        Config c = parse("-n", "--resolve", "--no-color", "--backend", "oshi", "--sort", "pid", "--reverse");
        assertTrue(c.numeric());
        assertTrue(c.resolve());
        assertTrue(c.noColor());
        assertEquals(Config.Backend.OSHI, c.backend());
        assertEquals(SortKey.PID, c.sort());
        assertTrue(c.reverse());
        assertEquals(
                Path.of("/tmp/bundle/proc"),
                parse("--proc-root", "/tmp/bundle/proc").procRoot());
        assertEquals(Config.Mode.HELP, parse("--port", "1", "-h").mode());
        assertEquals(Config.Mode.VERSION, parse("--version").mode());
        assertFalse(parse().resolve());
    }

    @Test
    void netstatAndSsHabitsParse() throws UsageException {
        Config tulpn = parse("-tulpn");
        assertEquals(
                EnumSet.of(Proto.TCP, Proto.UDP, Proto.UDPLITE), tulpn.tables().protos());
        assertTrue(tulpn.listening());
        assertTrue(tulpn.numeric());
        assertFalse(tulpn.columns().contains(dev.sockscope.view.Column.SERVICE), "-n: no names");
        Config ano = parse("-ano");
        assertEquals(
                java.util.List.of(
                        dev.sockscope.view.Column.PROTO,
                        dev.sockscope.view.Column.LOCAL,
                        dev.sockscope.view.Column.REMOTE,
                        dev.sockscope.view.Column.STATE,
                        dev.sockscope.view.Column.OWNER,
                        dev.sockscope.view.Column.TIMER),
                ano.columns());
        assertEquals(EnumSet.of(Proto.TCP), parse("-antp").tables().protos());
        assertEquals(EnumSet.of(Family.IPV4), parse("-4t").tables().families());
        Config c = parse("-c");
        assertEquals(Config.Mode.LIST, c.mode());
        assertEquals(0, c.count(), "-c repeats until interrupted");
        assertEquals(1000, c.intervalMs());
        assertTrue(parse("-W").wide());
        assertEquals("port:8080", parse(":8080").filter().toString());
        assertEquals("port:8080,443", parse("8080", ":443").filter().toString());
        assertEquals(Config.Format.JSON, parse("--jso").format(), "an abbreviation that fits one option");
    }

    @Test
    void extendedColumnsFollowTheState() throws UsageException {
        assertEquals(
                "proto,local,remote,state,user,inode,recvq,sendq,owner,service",
                keys(parse("-e").columns()));
        assertEquals(
                "local,owner,recvq",
                keys(parse("--columns", "local,owner", "--columns=recvq").columns()));
        assertEquals(SortKey.RECVQ, parse("--sort", "recvq").sort());
        assertEquals(SortKey.PID, parse("--sort", "owner").sort());
    }

    private static String keys(java.util.List<dev.sockscope.view.Column> columns) {
        java.util.List<String> k = new java.util.ArrayList<>();
        for (dev.sockscope.view.Column c : columns) {
            k.add(c.key());
        }
        return String.join(",", k);
    }

    @Test
    void addressSelection() throws UsageException {
        assertEquals(
                "addr:10.0.0.0/8,[::1] laddr:127.0.0.1 raddr:fe80::/10",
                parse("--address", "10.0.0.0/8,[::1]", "--local-address", "127.0.0.1", "--remote-address", "fe80::/10")
                        .filter()
                        .toString());
    }

    @Test
    void anUnknownUserIsAUsageError() {
        UsageException e = assertThrows(
                UsageException.class,
                () -> CommandLineParser.parse(new String[] {"--user", "rooot"}, new CommandLineParser.Lookups() {
                    @Override
                    public dev.sockscope.service.ServiceRegistry services() {
                        return Rows.SERVICES;
                    }

                    @Override
                    public boolean knowsUser(String name) {
                        return name.equals("root");
                    }
                }));
        assertEquals("--user: no user 'rooot' on this host", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--bogus                      | unknown option '--bogus' (see --help)",
                "-z                           | unknown option letter 'z' (letters: sirtuwx46lapeoWnchV; see --help)",
                "-tulzn                       | unknown option letter 'z' in '-tulzn' (letters: sirtuwx46lapeoWnchV; see --help)",
                "--prot 80                    | unknown option '--prot'; did you mean '--port'? (see --help)",
                "--lis                        | option '--lis' is ambiguous: it could be --list, --listening",
                "--p 1                        | option '--p' is ambiguous: it could be --pids, --port, --pid, --process, --programs, --proc-root",
                "bogus                        | unexpected argument 'bogus' (a port is given as :PORT, a bare number or --port; see --help)",
                "--columns proto,bogus        | --columns: unknown column 'bogus' (proto,local,remote,state,owner,service,user,uid,inode,recvq,sendq,timer,exposure,iface,rtt,retrans,tx,rx,unit,container,cgroup,netns,pid,process,command,family,unixtype,peerinode,peer)",
                "--address 10.0.0.0/33        | --address: '10.0.0.0/33': a prefix of an IPv4 address is at most 32",
                "--address 10.0.0             | --address: '10.0.0' is not an IP address or CIDR block",
                "--interface nosuch0          | --interface: no interface 'nosuch0' on this host",
                "--interval 1D                | --interval: '1D' is not a number of seconds from 0 to 86400",
                "--interval 0x1p3             | --interval: '0x1p3' is not a number of seconds from 0 to 86400",
                "--list takes                 | unexpected argument 'takes' (a port is given as :PORT, a bare number or --port; see --help)",
                "--port 70000                 | --port: '70000' is not a port number (0-65535)",
                "--port nosuchservice         | --port: unknown service name 'nosuchservice'",
                "--local-port 5-1             | --local-port: range '5-1' ends before it starts",
                "--state bogus                | --state: unknown state 'bogus' (one of LISTEN, ESTABLISHED, SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2, TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, CLOSING, NEW_SYN_RECV, UNCONN, CONNECTED)",
                "--pid abc                    | --pid: 'abc' is not a process id",
                "--format xml                 | --format: unknown format 'xml' (table, json, csv)",
                "--json --format csv          | --json contradicts --format csv",
                "--backend bsd                | --backend: unknown backend 'bsd' (auto, netlink, proc, oshi)",
                "--interval -1                | --interval: '-1' is not a number of seconds from 0 to 86400",
                "--interval NaN               | --interval: 'NaN' is not a number of seconds from 0 to 86400",
                "--interval 1e9               | --interval: '1e9' is not a number of seconds from 0 to 86400",
                "--interval 0                 | --interval 0 is allowed only with --list --count N",
                "--list --interval 0          | --interval 0 is allowed only with --list --count N",
                "--interval 0.0001            | --interval: '0.0001' is shorter than a millisecond",
                "--list --count 0             | --count: '0' is not a whole number of at least 1",
                "--count -3                   | --count: '-3' is not a whole number of at least 1",
                "--count many                 | --count: 'many' is not a whole number of at least 1",
                "--sort colour                | --sort: unknown column 'colour' (proto,local,remote,state,owner,service,user,uid,inode,recvq,sendq,timer,exposure,iface,rtt,retrans,tx,rx,unit,container,cgroup,netns,pid,process,command,family,unixtype,peerinode,peer)",
                "--port                       | option '--port' needs a value (LIST)",
                "stray                        | unexpected argument 'stray' (a port is given as :PORT, a bare number or --port; see --help)",
                "--backend oshi --proc-root / | --proc-root reads a /proc tree: it does not go with --backend oshi",
            })
    void badInputIsOneLineNamingTheValue(String args, String message) {
        assertEquals(message, error(args.trim().split(" +")));
    }

    @Test
    void helpListsEveryOption() {
        String help = CommandLineParser.help();
        for (String opt : new String[] {
            "--tcp",
            "--udp",
            "--raw",
            "--unix",
            "--ipv4",
            "--ipv6",
            "--listening",
            "--port",
            "--local-port",
            "--remote-port",
            "--pid",
            "--process",
            "--state",
            "--user",
            "--numeric",
            "--resolve",
            "--format",
            "--json",
            "--backend",
            "--proc-root",
            "--interval",
            "--count",
            "--no-color",
            "--list"
        }) {
            assertTrue(help.contains(opt), opt);
        }
    }
}
