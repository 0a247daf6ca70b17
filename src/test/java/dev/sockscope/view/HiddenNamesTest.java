package dev.sockscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockscope.model.HiddenProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

class HiddenNamesTest {
    @Test
    void namesEachProcessAsPidAndProgram() {
        assertEquals(
                "1/process_api, 4242/postgres",
                HiddenNames.text(List.of(new HiddenProcess(1, "process_api"), new HiddenProcess(4242, "postgres")), 2));
    }

    @Test
    void namesTheFirstFiveAndCountsTheRest() {
        List<HiddenProcess> seven = List.of(
                new HiddenProcess(1, "a"),
                new HiddenProcess(2, "b"),
                new HiddenProcess(3, "c"),
                new HiddenProcess(4, "d"),
                new HiddenProcess(5, "e"),
                new HiddenProcess(6, "f"),
                new HiddenProcess(7, "g"));
        assertEquals("1/a, 2/b, 3/c, 4/d, 5/e and 2 more", HiddenNames.text(seven, 7));
        assertEquals("1/a and 3 more", HiddenNames.text(List.of(new HiddenProcess(1, "a")), 4));
    }

    @Test
    void sanitizesNamesAndLeavesOutUnknownOnes() {
        assertEquals(
                "9/\\e[2Jx, 10",
                HiddenNames.text(List.of(new HiddenProcess(9, "\u001b[2Jx"), new HiddenProcess(10, "")), 2));
        assertEquals("", HiddenNames.text(List.of(), 3));
    }
}
