package org.forumkit.model;

import jakarta.validation.constraints.Positive;

/**
 * Asks to quote floor {@code floor} of the same topic: the whole post when {@code excerpt} is {@code null}, else
 * the excerpt, which must occur in the source text (compared with runs of white space folded).
 */
public record QuoteRequest(@Positive int floor, String excerpt) {

    public static QuoteRequest whole(int floor) {
        return new QuoteRequest(floor, null);
    }

    public static QuoteRequest excerpt(int floor, String excerpt) {
        return new QuoteRequest(floor, excerpt);
    }
}
