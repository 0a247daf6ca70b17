package dev.sockscope.view.live;

import static org.jline.keymap.KeyMap.ctrl;
import static org.jline.keymap.KeyMap.del;
import static org.jline.keymap.KeyMap.esc;
import static org.jline.keymap.KeyMap.key;

import org.jline.keymap.KeyMap;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/**
 * Every key of the live view, bound in one place: the terminal's terminfo keys (in keypad
 * mode), the common xterm/VT sequences as fallbacks, letters, and control bytes. In raw mode
 * Ctrl-C is byte 0x03, not a signal, so it is bound here.
 */
final class KeyBindings {
    /** How long a lone ESC waits for the rest of a sequence, in milliseconds. */
    static final long ESC_TIMEOUT_MS = 100;

    private KeyBindings() {}

    static KeyMap<Action> create(Terminal t) {
        KeyMap<Action> k = new KeyMap<>();
        k.setUnicode(Action.CHAR);
        k.setNomatch(Action.NONE);
        k.setAmbiguousTimeout(ESC_TIMEOUT_MS);
        for (char c = 0x20; c < 0x7f; c++) {
            k.bind(Action.CHAR, String.valueOf(c));
        }
        // modified arrows and other keys with no action: swallowed whole, not typed as text
        for (char mod = '2'; mod <= '8'; mod++) {
            for (char end : new char[] {'A', 'B', 'C', 'D', 'H', 'F', 'P', 'Q', 'R', 'S'}) {
                k.bind(Action.NONE, esc() + "[1;" + mod + end);
            }
        }
        for (String n : new String[] {"2", "3", "15", "17", "18", "19", "20", "21", "23", "24"}) {
            k.bind(Action.NONE, esc() + "[" + n + "~");
        }
        k.bind(Action.NONE, esc() + "[C", esc() + "OC", esc() + "[D", esc() + "OD");
        bind(k, t, Action.NONE, Capability.key_right, Capability.key_left);

        k.bind(Action.QUIT, "q");
        k.bind(Action.INTERRUPT, ctrl('C'));
        bind(k, t, Action.UP, Capability.key_up);
        k.bind(Action.UP, esc() + "[A", esc() + "OA");
        bind(k, t, Action.DOWN, Capability.key_down);
        k.bind(Action.DOWN, esc() + "[B", esc() + "OB", "j");
        bind(k, t, Action.PAGE_UP, Capability.key_ppage);
        k.bind(Action.PAGE_UP, esc() + "[5~");
        bind(k, t, Action.PAGE_DOWN, Capability.key_npage);
        k.bind(Action.PAGE_DOWN, esc() + "[6~");
        bind(k, t, Action.HOME, Capability.key_home);
        k.bind(Action.HOME, esc() + "[H", esc() + "OH", esc() + "[1~", esc() + "[7~");
        bind(k, t, Action.END, Capability.key_end);
        k.bind(Action.END, esc() + "[F", esc() + "OF", esc() + "[4~", esc() + "[8~");
        k.bind(Action.FILTER, "/");
        k.bind(Action.SORT_NEXT, "s");
        k.bind(Action.SORT_REVERSE, "S");
        k.bind(Action.PAUSE, " ");
        k.bind(Action.TOGGLE_LISTENING, "l");
        k.bind(Action.TOGGLE_TCP, "t");
        k.bind(Action.TOGGLE_UDP, "u");
        k.bind(Action.TOGGLE_RAW, "w");
        k.bind(Action.TOGGLE_UNIX, "x");
        k.bind(Action.TOGGLE_IPV4, "4");
        k.bind(Action.TOGGLE_IPV6, "6");
        k.bind(Action.COLUMNS, "c");
        k.bind(Action.EXPORT, "e");
        k.bind(Action.KILL, "k");
        k.bind(Action.DESTROY, "K");
        k.bind(Action.BASELINE, "b");
        k.bind(Action.BASELINE_CLEAR, "B");
        k.bind(Action.TAB, "\t");
        k.bind(Action.BACK_TAB, esc() + "[Z");
        bind(k, t, Action.BACK_TAB, Capability.key_btab);
        k.bind(Action.ENTER, "\r", "\n");
        k.bind(Action.ESCAPE, esc());
        k.bind(Action.HELP, "h", "?", esc() + "OP");
        bind(k, t, Action.HELP, Capability.key_f1);
        k.bind(Action.BACKSPACE, del(), ctrl('H'));
        bind(k, t, Action.BACKSPACE, Capability.key_backspace);
        k.bind(Action.CLEAR_LINE, ctrl('U'));
        k.bind(Action.REDRAW, ctrl('L'));
        return k;
    }

    private static void bind(KeyMap<Action> k, Terminal t, Action a, Capability... caps) {
        for (Capability c : caps) {
            String seq = key(t, c);
            if (seq != null && !seq.isEmpty()) {
                k.bind(a, seq);
            }
        }
    }
}
