package dev.sockscope.view.live;

import java.util.function.Function;

/**
 * A modal question of the live view: a line of text to type ({@link #text}) or a yes/no
 * ({@link #yesNo}). While it shows, every key goes to it; Esc (or {@code n}) cancels. The
 * answer goes to one handler, which returns what happens next: a message, another question
 * (a second confirmation), or both. An action on the selected row is one such handler.
 *
 * @param question shown before the input, e.g. {@code export to (.json or .csv):}
 * @param yesNo    true for a y/n question, false for a line of text
 * @param initial  the text the input starts with ("" for none; ignored for yes/no)
 * @param answer   called with the typed text, or "y"; never with a cancel
 */
record Ask(String question, boolean yesNo, String initial, Function<String, Ask.Reply> answer) {
    /** A line of text to type. */
    static Ask text(String question, String initial, Function<String, Ask.Reply> answer) {
        return new Ask(question, false, initial, answer);
    }

    /** A yes/no question; {@code yes} runs on y. */
    static Ask yesNo(String question, java.util.function.Supplier<Ask.Reply> yes) {
        return new Ask(question, true, "", t -> yes.get());
    }

    /**
     * What an answer leads to.
     *
     * @param message one line for the footer, or null
     * @param next    the next question, or null to go back to the table
     */
    record Reply(String message, Ask next) {
        static Reply say(String message) {
            return new Reply(message, null);
        }

        static Reply then(Ask next) {
            return new Reply(null, next);
        }
    }
}
