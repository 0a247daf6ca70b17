package dev.sockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sockscope.query.SortKey;
import dev.sockscope.view.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --netns}: its value, the column it adds, the sort of {@code all}, what it does not go with. */
class NetnsOptionTest {
    static Config parse(String... args) throws UsageException {
        return CommandLineParser.parse(args, () -> dev.sockscope.testing.Rows.SERVICES);
    }

    static String error(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void aNameLeadsTheTableWithTheNetnsColumn() throws Exception {
        Config c = parse("--list", "--netns", "blue");
        assertEquals("blue", c.netns());
        assertEquals(Column.NETNS, c.columns().get(0));
        assertEquals(SortKey.PROTO, c.sort());
        assertNull(parse("--list").netns());
        assertEquals(Column.DEFAULT, parse("--list").columns());
    }

    @Test
    void allSortsByNamespaceUnlessASortIsGiven() throws Exception {
        assertEquals(SortKey.NETNS, parse("--netns", "all").sort());
        assertEquals(SortKey.PID, parse("--netns", "all", "--sort", "pid").sort());
        assertEquals("1234", parse("--netns", "1234").netns());
    }

    @Test
    void unixAloneAddsThePeerColumnWhereTheSourceCanFillIt() throws Exception {
        List<Column> x = parse("-x").columns();
        assertEquals(x.indexOf(Column.OWNER) + 1, x.indexOf(Column.PEER), x.toString());
        assertEquals(false, parse("-tx").columns().contains(Column.PEER));
        assertEquals(false, parse("-x", "--backend", "proc").columns().contains(Column.PEER));
        assertEquals(false, parse("-x", "--proc-root", "/tmp").columns().contains(Column.PEER));
        assertEquals(
                List.of(Column.NETNS, Column.PROTO),
                parse("-x", "--netns", "all").columns().subList(0, 2));
    }

    @Test
    void columnsGivenAreKeptAsGiven() throws Exception {
        assertEquals(
                List.of(Column.PROTO, Column.LOCAL),
                parse("--netns", "all", "--columns", "proto,local").columns());
    }

    @Test
    void badValuesAndCombinationsAreNamed() {
        assertEquals("--netns: empty namespace name (a name in /run/netns, a pid, host or all)", error("--netns", ""));
        assertEquals(
                "--netns: '..' is not a namespace name (a name in /run/netns, a pid, host or all)",
                error("--netns", ".."));
        assertEquals(
                "--netns: 'a/b' is not a namespace name (a name in /run/netns, a pid, host or all)",
                error("--netns", "a/b"));
        assertEquals(
                "--netns: 'a\\e[2Jb' is not a namespace name (a name in /run/netns, a pid, host or all)",
                error("--netns", "a\u001b[2Jb"));
        assertEquals(
                "--netns reads this machine's namespaces: it does not go with --proc-root",
                error("--netns", "all", "--proc-root", "/tmp"));
        assertEquals(
                "--netns reads Linux network namespaces: it does not go with --backend oshi",
                error("--netns", "all", "--backend", "oshi"));
    }
}
