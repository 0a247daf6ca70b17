package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.Launch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The live view in a real terminal (tmux), driven by {@code src/test/e2e/live-tmux.sh}: a
 * listener and a later connection appear, the filter and details work, {@code q} exits 0,
 * SIGTERM exits 143, and the terminal is back in cooked mode with echo after both.
 */
@Tag("e2e")
class LiveTmuxIT {
    @Test
    void liveViewEndToEndInTmux() throws Exception {
        Launch l = Launch.run(List.of("bash", "src/test/e2e/live-tmux.sh"), Map.of("TERM", "xterm-256color"), 300);
        assertEquals(0, l.status, l.toString());
        assertTrue(l.out.contains("PASS: live view end to end"), l.toString());
    }
}
