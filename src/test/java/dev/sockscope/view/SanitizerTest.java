package dev.sockscope.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SanitizerTest {
    @Test
    void plainTextIsReturnedAsItIs() {
        String s = "nginx: worker process ünïcödé 日本 😀";
        assertSame(s, Sanitizer.clean(s));
        assertNull(Sanitizer.clean(null));
    }

    @Test
    void escapeSequencesBecomeVisibleText() {
        assertEquals("\\e[2J\\e]0;owned\\x07", Sanitizer.clean("\u001b[2J\u001b]0;owned\u0007"));
    }

    @Test
    void cursorMovingControlsAreEscaped() {
        assertEquals("a\\bb\\rc\\nd\\te\\x00f\\x7f", Sanitizer.clean("a\bb\rc\nd\te\u0000f\u007f"));
    }

    @Test
    void c1ControlsThatActAsCsiAreEscaped() {
        assertEquals("\\x9b31m\\x9d", Sanitizer.clean("\u009b31m\u009d"));
    }

    @Test
    void bidiOverridesAndInvisibleFormatCharactersAreEscaped() {
        assertEquals("evil\\u202egnp.exe", Sanitizer.clean("evil\u202egnp.exe"));
        assertEquals("a\\u200bb\\u2066c\\u2028", Sanitizer.clean("a\u200bb\u2066c\u2028"));
        assertEquals("tag\\U000e0041", Sanitizer.clean("tag" + new String(Character.toChars(0xE0041))));
    }

    @Test
    void loneSurrogatesAndPrivateUseAreEscaped() {
        assertEquals("x\\ud800y\\ue000", Sanitizer.clean("x\ud800y\ue000"));
    }

    @Test
    void invalidUtf8ArrivesAsReplacementCharacterAndStaysVisible() {
        String decoded = new String(new byte[] {'a', (byte) 0xff, (byte) 0xc3, 'b'}, StandardCharsets.UTF_8);
        assertEquals("a\ufffd\ufffdb", Sanitizer.clean(decoded));
    }
}
