package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.Launch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The live view's order, layout, toggles and actions in a real terminal (tmux), driven by
 * {@code src/test/e2e/live-actions-tmux.sh}: {@code --sort X --reverse} orders the view as
 * {@code --list} orders the same sockets; a CJK process name lines up in both; {@code x} and
 * {@code t} toggle or say why not; {@code e} exports files that parse back to the rows shown;
 * {@code k} kills only after the confirmation; no zombie child after a minute.
 */
@Tag("e2e")
class LiveActionsTmuxIT {
    @Test
    void liveViewOrderLayoutTogglesAndActionsInTmux() throws Exception {
        Launch l =
                Launch.run(List.of("bash", "src/test/e2e/live-actions-tmux.sh"), Map.of("TERM", "xterm-256color"), 300);
        assertEquals(0, l.status, l.toString());
        assertTrue(l.out.contains("PASS: live view order, layout, toggles and actions"), l.toString());
    }
}
