package dev.sockscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockscope.testing.Launch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The live view's {@code K}, {@code b}/{@code B} and Interfaces tab in a real terminal (tmux),
 * driven by {@code src/test/e2e/live-keys-tmux.sh}: {@code K} answered n leaves a loopback
 * connection carrying data; answered y it closes it (the peer's read fails with ECONNRESET, the
 * holder's with ECONNABORTED); a listener opened after {@code b} is marked and counted; the
 * Interfaces tab shows an interface the test adds and removes.
 */
@Tag("e2e")
class LiveKeysTmuxIT {
    @Test
    void closeBaselineAndInterfacesInTmux() throws Exception {
        Launch l = Launch.run(List.of("bash", "src/test/e2e/live-keys-tmux.sh"), Map.of("TERM", "xterm-256color"), 300);
        assertEquals(0, l.status, l.toString());
        assertTrue(l.out.contains("PASS: live view K, b/B and the Interfaces tab"), l.toString());
    }
}
