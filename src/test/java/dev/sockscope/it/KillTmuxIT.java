package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.Launch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code --kill} on a real terminal (tmux), driven by {@code src/test/e2e/kill-tmux.sh}: the plan
 * names the listener, {@code n} leaves it running, {@code y} terminates it.
 */
@Tag("e2e")
class KillTmuxIT {
    @Test
    void killAsksOnTheTerminalEndToEnd() throws Exception {
        Launch l = Launch.run(List.of("bash", "src/test/e2e/kill-tmux.sh"), Map.of("TERM", "xterm-256color"), 300);
        assertEquals(0, l.status, l.toString());
        assertTrue(l.out.contains("PASS: --kill asks on the terminal end to end"), l.toString());
    }
}
