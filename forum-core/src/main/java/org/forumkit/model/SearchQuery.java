package org.forumkit.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A search: words and {@code "quoted phrases"} that must all occur (each unquoted word, and a run of CJK text, as a
 * phrase of its own), in titles only or in titles and bodies, optionally within one board (and its sub-boards), one
 * author's posts, one topic and a time range ({@code from} inclusive, {@code to} exclusive). Unset filters are
 * {@code null}; build with {@link #of} and the {@code with…} methods.
 */
public record SearchQuery(
        String text,
        boolean titlesOnly,
        BoardId board,
        boolean includeSubBoards,
        UserId author,
        TopicId topic,
        Instant from,
        Instant to,
        SearchOrder order) {

    public SearchQuery {
        Objects.requireNonNull(order, "order");
    }

    /** A search of titles and bodies everywhere the viewer may read, by relevance. */
    public static SearchQuery of(String text) {
        return new SearchQuery(text, false, null, true, null, null, null, null, SearchOrder.RELEVANCE);
    }

    public SearchQuery withTitlesOnly(boolean value) {
        return new SearchQuery(text, value, board, includeSubBoards, author, topic, from, to, order);
    }

    public SearchQuery withBoard(BoardId value, boolean subBoards) {
        return new SearchQuery(text, titlesOnly, value, subBoards, author, topic, from, to, order);
    }

    public SearchQuery withAuthor(UserId value) {
        return new SearchQuery(text, titlesOnly, board, includeSubBoards, value, topic, from, to, order);
    }

    public SearchQuery withTopic(TopicId value) {
        return new SearchQuery(text, titlesOnly, board, includeSubBoards, author, value, from, to, order);
    }

    public SearchQuery withTime(Instant fromInclusive, Instant toExclusive) {
        return new SearchQuery(text, titlesOnly, board, includeSubBoards, author, topic, fromInclusive, toExclusive,
                order);
    }

    public SearchQuery withOrder(SearchOrder value) {
        return new SearchQuery(text, titlesOnly, board, includeSubBoards, author, topic, from, to, value);
    }
}
