package org.forumkit.spi.store;

import java.util.Objects;

/**
 * One analysed term of a post, as the index keeps it.
 *
 * @param title  whether the term comes from the topic's title (kept on the opening post) rather than the body
 * @param weight how much the term counts for relevance (occurrences, more in a title); at least 1
 */
public record IndexedTerm(String term, boolean title, int weight) {
    /** The longest term a store must keep, in UTF-16 code units. */
    public static final int MAX_LENGTH = 64;

    public IndexedTerm {
        Objects.requireNonNull(term, "term");
        if (term.isEmpty() || term.length() > MAX_LENGTH || weight < 1) {
            throw new IllegalArgumentException("bad indexed term '" + term + "' with weight " + weight);
        }
    }
}
