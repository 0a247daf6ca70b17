package dev.sockscope.view.live;

/**
 * What a key press asks of the live view. Bound to keys in one place ({@link KeyBindings});
 * interpreted by {@link LiveState#apply(Action, String)}, which also receives the typed text so
 * that letters bound to commands are plain text inside the filter prompt and a question.
 */
public enum Action {
    QUIT,
    INTERRUPT,
    UP,
    DOWN,
    PAGE_UP,
    PAGE_DOWN,
    HOME,
    END,
    TAB,
    BACK_TAB,
    FILTER,
    SORT_NEXT,
    SORT_REVERSE,
    PAUSE,
    TOGGLE_LISTENING,
    TOGGLE_TCP,
    TOGGLE_UDP,
    TOGGLE_RAW,
    TOGGLE_UNIX,
    TOGGLE_IPV4,
    TOGGLE_IPV6,
    COLUMNS,
    ENTER,
    ESCAPE,
    HELP,
    EXPORT,
    KILL,
    DESTROY,
    BASELINE,
    BASELINE_CLEAR,
    BACKSPACE,
    CLEAR_LINE,
    REDRAW,
    /** A printable character with no command of its own (text for the prompt). */
    CHAR,
    /** A key sequence nothing is bound to. */
    NONE
}
