package dev.sockscope.view.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/**
 * The screens a user sees, at 80x24 and 120x40, against golden files in
 * {@code src/test/resources/live}; on a mismatch the screen is written beside the golden file as
 * {@code NAME.actual}. Characters only (styles are in {@link LiveScreenTest}).
 */
class LiveGoldenTest {
    static final Path DIR = Path.of("src/test/resources/live");

    LiveState state() {
        LiveOptions o = Fixtures.builder(new Fixtures.Feed())
                .keys(List.of(new String[] {"q, Ctrl-C", "quit"}, new String[] {"Tab", "next tab"}, new String[] {
                    "s / S", "next sort column / reverse"
                }))
                .build();
        LiveState st = new LiveState(o, "testhost", ZoneOffset.UTC, new LiveStateTest.FakeActions());
        Preparer p = new Preparer(Fixtures.SERVICES, null, null, LiveState.EXTRAS);
        p.read(
                Fixtures.snapshot(Fixtures.baseRows()),
                st.settings().tables(),
                Instant.parse("2026-11-26T07:00:00Z"),
                0);
        st.install(p.prepare(st.settings(), null));
        return st;
    }

    void golden(String name, LiveState st, int w, int h) throws IOException {
        st.viewport(LiveScreen.tableRows(st, w, h), w);
        StringBuilder b = new StringBuilder();
        for (AttributedString l : LiveScreen.render(st, w, h)) {
            b.append(l.toString()).append('\n');
        }
        String actual = b.toString();
        Path file = DIR.resolve(name + ".txt");
        String want = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!want.equals(actual)) {
            Files.writeString(DIR.resolve(name + ".actual"), actual, StandardCharsets.UTF_8);
        }
        assertEquals(want, actual, name);
    }

    @Test
    void socketsAt80x24And120x40() throws IOException {
        golden("sockets-80x24", state(), 80, 24);
        golden("sockets-120x40", state(), 120, 40);
    }

    @Test
    void processesAt80x24() throws IOException {
        LiveState st = state();
        st.apply(Action.TAB, "\t");
        golden("processes-80x24", st, 80, 24);
    }

    @Test
    void detailsAndHelpAt80x24() throws IOException {
        LiveState st = state();
        st.apply(Action.DOWN, "");
        st.apply(Action.ENTER, "\r");
        golden("details-80x24", st, 80, 24);
        st = state();
        st.apply(Action.HELP, "h");
        golden("help-80x24", st, 80, 24);
    }

    @Test
    void aFilterErrorAt80x24() throws IOException {
        LiveState st = state();
        st.apply(Action.FILTER, "/");
        for (char c : "bogus:1".toCharArray()) {
            st.apply(Action.CHAR, String.valueOf(c));
        }
        golden("prompt-error-80x24", st, 80, 24);
    }
}
