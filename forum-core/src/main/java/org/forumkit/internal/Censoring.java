package org.forumkit.internal;

import java.util.Objects;
import org.forumkit.censor.CensorResult;
import org.forumkit.censor.WordFilter;
import org.forumkit.model.PostState;

/** One command's censored-word checks: REJECT becomes a violation, REPLACE the starred text, MODERATE a pending post. */
final class Censoring {
    private final WordFilter filter;
    private boolean moderate;

    Censoring(WordFilter filter) {
        this.filter = Objects.requireNonNullElse(filter, WordFilter.empty());
    }

    /** The text to store for {@code field}; {@code null} stays {@code null}. */
    String apply(Checks checks, String field, String text) {
        if (text == null) {
            return null;
        }
        CensorResult result = filter.check(text);
        switch (result.action()) {
            case REJECT -> checks.add(field, "censored", String.join(", ", result.words()));
            case MODERATE -> moderate = true;
            case REPLACE, NONE -> {
            }
        }
        return result.text();
    }

    /** PENDING when a MODERATE word was found, unless a moderator writes (they approve posts themselves). */
    PostState state(boolean moderator) {
        return moderate && !moderator ? PostState.PENDING : PostState.VISIBLE;
    }
}
