package dev.sockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sockscope.service.BundledServiceRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExportArgsTest {
    static ExportOptions parse(String... args) throws UsageException {
        return CommandLineParser.parse(args, () -> BundledServiceRegistry.withEphemeralRange(32768, 60999))
                .export();
    }

    static String error(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void noExportOptionIsNone() throws UsageException {
        assertEquals(ExportOptions.NONE, parse("--list"));
    }

    @Test
    void diffTakesAFileAndListenersOnly() throws UsageException {
        ExportOptions o = parse("--diff", "base.json", "--diff-listeners", "--json");
        assertEquals(ExportOptions.Mode.DIFF, o.mode());
        assertEquals(Path.of("base.json"), o.diffFile());
        assertEquals(true, o.listenersOnly());
    }

    @Test
    void servesOnLoopbackWhenOnlyAPortIsGiven() throws UsageException {
        ExportOptions o = parse("--serve", "9100");
        assertEquals("127.0.0.1", o.serveHost());
        assertEquals(9100, o.servePort());
        assertEquals(0, o.connectionLimit(), "per-connection series are off by default");
        assertEquals("127.0.0.1", parse("--serve", ":9100").serveHost());
        assertEquals("127.0.0.1", parse("--serve", "localhost:9100").serveHost());
    }

    @Test
    void servesOnAnExplicitAddress() throws UsageException {
        assertEquals("0.0.0.0", parse("--serve", "0.0.0.0:9100").serveHost());
        ExportOptions v6 = parse("--serve", "[::1]:0");
        assertEquals("::1", v6.serveHost());
        assertEquals(0, v6.servePort());
    }

    @Test
    void perConnectionSeriesHaveADefaultLimitOrTheOneGiven() throws UsageException {
        assertEquals(
                ExportOptions.DEFAULT_CONNECTION_LIMIT,
                parse("--serve", "9100", "--serve-connections").connectionLimit());
        assertEquals(
                50,
                parse("--serve", "9100", "--serve-connections", "--serve-connection-limit", "50")
                        .connectionLimit());
    }

    @Test
    void eventsCountReadingsOrRunUntilStopped() throws UsageException {
        assertEquals(0, parse("--events").eventsCount());
        assertEquals(5, parse("--events", "--count", "5", "--interval", "0.5").eventsCount());
    }

    @Test
    void badCombinationsAndValuesAreOneLineErrors() {
        assertEquals(
                "--diff, --events and --serve are separate modes: give one of them", error("--diff", "a", "--events"));
        assertEquals("--diff-listeners goes with --diff FILE", error("--diff-listeners"));
        assertEquals("--serve-connections and --serve-connection-limit go with --serve", error("--serve-connections"));
        assertEquals(
                "--serve-connection-limit goes with --serve-connections",
                error("--serve", "1", "--serve-connection-limit", "5"));
        assertEquals(
                "--events writes JSON Lines: --format csv does not go with it", error("--events", "--format", "csv"));
        assertEquals("--events needs an --interval above 0", error("--events", "--count", "2", "--interval", "0"));
        assertEquals(
                "--diff compares one reading: --count and --interval do not go with it",
                error("--diff", "a", "--count", "2"));
        assertEquals("--serve runs until stopped: --count does not go with it", error("--serve", "1", "--count", "2"));
        assertEquals("--serve: port '70000' is not a number from 0 to 65535", error("--serve", "70000"));
        assertEquals("--serve: port 'http' is not a number from 0 to 65535", error("--serve", "127.0.0.1:http"));
        assertEquals(
                "--serve: 'example.com' is not an IPv4 address (names are not resolved)",
                error("--serve", "example.com:9100"));
        assertEquals("--serve: write an IPv6 address in brackets, [::1]:PORT", error("--serve", "::1:9100"));
        assertEquals(
                "--serve: '300.1.1.1' is not an IPv4 address (names are not resolved)",
                error("--serve", "300.1.1.1:1"));
        assertEquals(
                "--serve-connection-limit: '0' is not a whole number of at least 1",
                error("--serve", "1", "--serve-connections", "--serve-connection-limit", "0"));
    }
}
