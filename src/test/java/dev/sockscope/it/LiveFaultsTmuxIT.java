package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.Launch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The live view's fault paths in a real terminal (tmux), driven by
 * {@code src/test/e2e/live-faults-tmux.sh}: SIGINT exits 0 and SIGHUP 129 with the terminal
 * restored (stty icanon echo, alternate screen left, cursor shown); an internal error exits 3 with
 * one line on stderr and the terminal restored; 1-column, 1-row and 1x1 windows do not crash and
 * the view redraws when enlarged; closing the window ends the process.
 */
@Tag("e2e")
class LiveFaultsTmuxIT {
    @Test
    void everyFaultLeavesTheTerminalAsItWas() throws Exception {
        Launch l =
                Launch.run(List.of("bash", "src/test/e2e/live-faults-tmux.sh"), Map.of("TERM", "xterm-256color"), 300);
        assertEquals(0, l.status, l.toString());
        assertTrue(l.out.contains("PASS: live view faults end to end"), l.toString());
        for (String check : List.of(
                "ok: SIGINT exits 0",
                "ok: SIGHUP exits 129",
                "ok: an internal error exits 3",
                "ok: 1 column, 1 row and 1x1 do not crash",
                "ok: closing the window ends the view")) {
            assertTrue(l.out.contains(check), check + "\n" + l);
        }
    }
}
