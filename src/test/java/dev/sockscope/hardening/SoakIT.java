package dev.sockscope.hardening;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockscope.testing.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code bench/soak.sh}, shortened: the live view in tmux at {@code --interval 0.2} under
 * loopback churn for 30 s ({@code -Dsockscope.soak.minutes=10} for the full run). No exception
 * on the screen or stderr, the view alive to the end and quitting on {@code q}. The memory
 * criterion of the full run (VmRSS at the end within 10% of VmRSS after the first minute) does
 * not fit 30 s: the JVM is still touching its young generation for the first time then (VmRSS
 * climbs for about 25 s and levels off), so this short run allows a ratio of 1.6 after a 10 s
 * warm-up, enough to catch a runaway leak but not heap sizing. When the machine's socket count
 * changes by more than a quarter during the run (someone else's load), the script does not judge
 * RSS and ends with status 3, which passes here as long as nothing else failed.
 */
@Tag("live")
@Tag("slow")
class SoakIT {
    static final String MINUTES = System.getProperty("sockscope.soak.minutes", "0.5");

    @Test
    void liveViewSurvivesChurnAndItsMemoryLevelsOff() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux is not installed");
        boolean full = Double.parseDouble(MINUTES) >= 5;
        // Under another benchmark's 100k+ sockets the uncapped heap grows for minutes (docs/reliability.md,
        // "Known limits" 3): the short run then only guards against a runaway.
        String ratio = tcpInUse() > 10_000 ? "4.0" : "1.6";
        Map<String, String> env = full ? Map.of() : Map.of("SOAK_WARMUP_SECONDS", "10", "SOAK_MAX_RATIO", ratio);
        long limit = (long) (Double.parseDouble(MINUTES) * 60) + 180;
        Launch l = Launch.run(List.of(Path.of("bench/soak.sh").toAbsolutePath().toString(), MINUTES), env, limit);
        String summary = l.out.lines()
                .filter(s -> s.startsWith("soak: minutes="))
                .findFirst()
                .orElse("");
        FuzzStats.record(summary);
        // 3: no failure, but another load came or went during the run, so RSS was not judged
        assertTrue(l.status == 0 || l.status == 3, l.toString());
        assertTrue(summary.contains(" failures=0 "), l.toString());
    }

    /** TCP sockets in use on this machine, from {@code /proc/net/sockstat} ("TCP: inuse N ..."). */
    static long tcpInUse() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/net/sockstat"))) {
            if (line.startsWith("TCP: inuse ")) {
                String rest = line.substring("TCP: inuse ".length());
                int space = rest.indexOf(' ');
                return Long.parseLong(space < 0 ? rest : rest.substring(0, space));
            }
        }
        return 0;
    }
}
