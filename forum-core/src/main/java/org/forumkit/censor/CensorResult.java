package org.forumkit.censor;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link WordFilter#check(String)}: the strongest action hit, the list words that matched (as they
 * were given, in order of first occurrence), and the text with every {@code REPLACE} word starred out.
 */
public record CensorResult(CensorAction action, List<String> words, String text) {
    public CensorResult {
        Objects.requireNonNull(action, "action");
        words = List.copyOf(Objects.requireNonNull(words, "words"));
        Objects.requireNonNull(text, "text");
        if ((action == CensorAction.NONE) != words.isEmpty()) {
            throw new IllegalArgumentException("action " + action + " does not fit matched words " + words);
        }
    }

    /** Whether some censored word was found. */
    public boolean matched() {
        return action != CensorAction.NONE;
    }
}
