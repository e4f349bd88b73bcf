package org.forumkit;

import java.io.Writer;
import org.forumkit.model.BoardId;
import org.forumkit.model.TopicId;

/**
 * Atom 1.0 feeds (RFC 4287), written with only what an anonymous visitor may see: a board that visitors may not view
 * has no feed ({@link NotFoundException}, as for a missing id), and deleted, hidden or pending posts are left out.
 */
public interface Feeds {
    /** The most entries a feed may ask for. */
    int MAX_ENTRIES = 100;

    /**
     * The feed of a board's topics, most recently active first, each with its opening post, at most {@code max}
     * (1 to {@link #MAX_ENTRIES}). Throws {@link NotFoundException} for an unknown board.
     */
    void board(BoardId board, FeedLinks links, int max, Writer out);

    /** The feed of a topic's newest posts, newest first, at most {@code max} (1 to {@link #MAX_ENTRIES}). */
    void topic(TopicId topic, FeedLinks links, int max, Writer out);
}
