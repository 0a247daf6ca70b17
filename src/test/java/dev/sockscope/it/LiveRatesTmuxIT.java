package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.Launch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The live view's Processes tab during a loopback transfer of 2 MiB/s, in a real terminal (tmux),
 * driven by {@code src/test/e2e/live-rates-tmux.sh}: the sender's row shows a send rate, and the
 * receiver's a receive rate, within 10% of the true one on three refreshes in a row.
 */
@Tag("e2e")
class LiveRatesTmuxIT {
    @Test
    void processesTabShowsTheRatesOfAThrottledTransfer() throws Exception {
        Launch l =
                Launch.run(List.of("bash", "src/test/e2e/live-rates-tmux.sh"), Map.of("TERM", "xterm-256color"), 300);
        System.out.println(l.out);
        assertEquals(0, l.status, l.toString());
        assertTrue(l.out.contains("PASS: Processes tab shows the transfer's rates"), l.toString());
    }
}
