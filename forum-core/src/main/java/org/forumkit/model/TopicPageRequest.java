package org.forumkit.model;

import java.util.Optional;

/**
 * A page of a topic: up to {@code size} posts from floor {@code fromFloor} on (a floor range, never an offset),
 * optionally only the posts of one author (只看该作者).
 */
public record TopicPageRequest(int fromFloor, int size, UserId onlyAuthor) {
    public TopicPageRequest {
        if (fromFloor < 1) {
            throw new IllegalArgumentException("fromFloor must be >= 1, was " + fromFloor);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, was " + size);
        }
    }

    public static TopicPageRequest first(int size) {
        return new TopicPageRequest(1, size, null);
    }

    public static TopicPageRequest from(int fromFloor, int size) {
        return new TopicPageRequest(fromFloor, size, null);
    }

    /** The floor range of page {@code page} (1-based) when pages hold {@code size} floors. */
    public static TopicPageRequest page(int page, int size) {
        if (page < 1) {
            throw new IllegalArgumentException("page must be >= 1, was " + page);
        }
        return new TopicPageRequest(Math.addExact(Math.multiplyExact(page - 1, size), 1), size, null);
    }

    public TopicPageRequest onlyBy(UserId author) {
        return new TopicPageRequest(fromFloor, size, author);
    }

    public Optional<UserId> optionalOnlyAuthor() {
        return Optional.ofNullable(onlyAuthor);
    }
}
