package org.forumkit.spi;

import org.forumkit.censor.WordFilter;
import org.forumkit.model.Board;

/**
 * A host hook choosing the censored words of each board; titles and bodies of new topics, replies and edits are
 * checked against them. Build each {@link WordFilter} once and return the same instance: it is immutable.
 */
@FunctionalInterface
public interface CensorPolicy {
    /** No censored words anywhere (the default). */
    CensorPolicy NONE = board -> WordFilter.empty();

    WordFilter forBoard(Board board);

    /** The same words on every board. */
    static CensorPolicy everywhere(WordFilter filter) {
        return board -> filter;
    }
}
