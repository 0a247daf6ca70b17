package dev.sockscope.view.live;

/**
 * What a key press asks of the live view. Bound to keys in one place ({@link KeyBindings});
 * interpreted by {@link LiveState#apply(Action, String)}, which also receives the typed text so
 * that letters bound to commands are plain text inside the filter prompt.
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
    FILTER,
    SORT_NEXT,
    SORT_REVERSE,
    PAUSE,
    TOGGLE_LISTENING,
    TOGGLE_TCP,
    TOGGLE_UDP,
    TOGGLE_IPV4,
    TOGGLE_IPV6,
    ENTER,
    ESCAPE,
    HELP,
    BACKSPACE,
    CLEAR_LINE,
    REDRAW,
    /** A printable character with no command of its own (text for the prompt). */
    CHAR,
    /** A key sequence nothing is bound to; ignored. */
    NONE
}
